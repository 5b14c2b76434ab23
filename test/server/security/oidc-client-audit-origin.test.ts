/**
 * Threat: untraceable changes to the OpenID Connect clients. Adding a relying party (a redirect URI
 * an attacker controls), rotating its secret or removing it was audited without the client address,
 * unlike every other administrative change, and the command line's entries lacked the `cli` reason
 * docs/security.md promises. Now the admin API's entries carry the address and how it was found,
 * and every `ipsafezone oidc` change (clients and signing keys) says `cli`.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { runCli } from '../../../server/cli/run.js';
import type { CliIo } from '../../../server/cli/io.js';
import { listAudit } from '../../../server/store/audit.js';
import { INSIDE } from '../login/fixture.js';
import { SECRET_KEY, startOidcFixture, type OidcFixture } from '../oidc/oidc-fixture.js';

let f: OidcFixture;
before(async () => {
  f = await startOidcFixture();
});
after(() => f.close());

test('client changes through the admin API carry the address and how it was found', async () => {
  const admin = await f.signIn('alice', INSIDE);
  const added = await admin.post('/api/admin/oidc/clients', {
    clientId: 'wiki',
    name: 'Confluence',
    redirectUris: ['https://wiki.example.com/plugins/servlet/oidc/callback'],
  });
  assert.equal(added.status, 201, JSON.stringify(added.body));
  assert.equal((await admin.post('/api/admin/oidc/clients/wiki/rotate-secret')).status, 200);
  assert.equal((await admin.request('DELETE', '/api/admin/oidc/clients/wiki')).status, 200);
  const { entries } = await listAudit(f.db, { limit: 100 });
  const changes = entries.filter((e) => e.action.startsWith('oidc.client.')).reverse();
  assert.deepEqual(
    changes.map((e) => [e.action, e.actor, e.clientIp]),
    [
      ['oidc.client.add', 'alice', INSIDE],
      ['oidc.client.rotate_secret', 'alice', INSIDE],
      ['oidc.client.remove', 'alice', INSIDE],
    ],
  );
  for (const e of changes) assert.match(e.clientReason ?? '', /X-Forwarded-For|proxy/i, e.action);
});

test('every `ipsafezone oidc` change on the command line is marked cli', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ipsz-oidc-audit-'));
  const url = `file:${join(dir, 'cli.db')}`;
  const cli = async (args: string[]) => {
    const io: CliIo = {
      env: { DATABASE_URL: url, IPSAFEZONE_SECRET_KEY: SECRET_KEY },
      readStdin: () => Promise.resolve(''),
      out: () => {},
      err: (line) => assert.fail(line),
    };
    assert.equal(await runCli(args, io), 0, args.join(' '));
  };
  try {
    await cli(['oidc', 'client', 'add', '--id', 'jira', '--redirect-uri', 'https://j.example/cb']);
    await cli(['oidc', 'client', 'rotate-secret', 'jira']);
    await cli(['oidc', 'client', 'remove', 'jira']);
    await cli(['oidc', 'keys', 'rotate']);
    await cli(['oidc', 'keys', 'reset']);
    const db = createClient({ url });
    const { entries } = await listAudit(db, { limit: 100 });
    db.close();
    const oidc = entries.filter((e) => e.action.startsWith('oidc.')).reverse();
    assert.deepEqual(
      oidc.map((e) => [e.action, e.actor, e.clientIp, e.clientReason]),
      [
        ['oidc.client.add', 'cli', null, 'cli'],
        ['oidc.client.rotate_secret', 'cli', null, 'cli'],
        ['oidc.client.remove', 'cli', null, 'cli'],
        ['oidc.keys.rotate', 'cli', null, 'cli'],
        ['oidc.keys.reset', 'cli', null, 'cli'],
      ],
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
