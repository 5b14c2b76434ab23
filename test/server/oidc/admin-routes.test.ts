/**
 * `/api/admin/oidc` over real HTTP: administrators list, add, rotate and remove clients; the secret
 * is in the add and rotate answers only, never in a list; bad input gets our error shape; others
 * are refused; every change is audited.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { listAudit } from '../../../server/store/audit.js';
import { INSIDE } from '../login/fixture.js';
import { startOidcFixture, type OidcFixture } from './oidc-fixture.js';

let f: OidcFixture;
before(async () => {
  f = await startOidcFixture();
});
after(() => f.close());

describe('/api/admin/oidc/clients', () => {
  it('an administrator adds, lists, rotates and removes a client', async () => {
    const admin = await f.signIn('alice', INSIDE);
    const added = await admin.post('/api/admin/oidc/clients', {
      clientId: 'confluence',
      name: 'Confluence',
      redirectUris: ['https://wiki.example.com/plugins/servlet/oidc/callback'],
    });
    assert.equal(added.status, 201, JSON.stringify(added.body));
    assert.match(added.body.secret, /^[A-Za-z0-9_-]{43}$/);

    const list = await admin.get('/api/admin/oidc/clients');
    assert.equal(list.status, 200);
    assert.equal(list.body.enabled, true);
    assert.equal(list.body.issuer, f.issuer);
    assert.deepEqual(
      list.body.clients.map((c: { clientId: string }) => c.clientId),
      ['confluence', 'jira'],
    );
    assert.ok(!JSON.stringify(list.body).includes(added.body.secret));

    const rotated = await admin.post('/api/admin/oidc/clients/confluence/rotate-secret');
    assert.equal(rotated.status, 200);
    assert.notEqual(rotated.body.secret, added.body.secret);

    const removed = await admin.request('DELETE', '/api/admin/oidc/clients/confluence');
    assert.equal(removed.status, 200);
    const gone = await admin.request('DELETE', '/api/admin/oidc/clients/confluence');
    assert.equal(gone.status, 404);
    assert.equal(gone.body.error.code, 'oidc_client_not_found');

    const { entries } = await listAudit(f.db, { user: 'alice', limit: 50 });
    const actions = entries.map((e) => e.action);
    for (const a of ['oidc.client.add', 'oidc.client.rotate_secret', 'oidc.client.remove'])
      assert.ok(actions.includes(a), a);
    assert.ok(!JSON.stringify(entries).includes(rotated.body.secret));
  });

  it('bad input gets 4xx with our error shape', async () => {
    const admin = await f.signIn('alice', INSIDE);
    const noUris = await admin.post('/api/admin/oidc/clients', {
      clientId: 'x',
      name: 'X',
      redirectUris: [],
    });
    assert.equal(noUris.status, 400);
    assert.equal(noUris.body.error.code, 'invalid_input');
    const badUri = await admin.post('/api/admin/oidc/clients', {
      clientId: 'x',
      name: 'X',
      redirectUris: ['https://x.example/cb#frag'],
    });
    assert.equal(badUri.status, 422);
    assert.equal(badUri.body.error.code, 'invalid_redirect_uri');
    const dup = await admin.post('/api/admin/oidc/clients', {
      clientId: 'jira',
      name: 'Jira again',
      redirectUris: ['https://jira.example.com/cb'],
    });
    assert.equal(dup.status, 409);
    assert.equal(dup.body.error.code, 'oidc_client_exists');
  });

  it('refuses users who are not administrators, and anonymous requests', async () => {
    const user = await f.signIn('bob', INSIDE);
    assert.equal((await user.get('/api/admin/oidc/clients')).status, 403);
    assert.equal((await f.client(INSIDE).get('/api/admin/oidc/clients')).status, 401);
  });
});
