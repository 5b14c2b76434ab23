/**
 * Threat: the bootstrap token as a permanent back door. It used to work forever, from anywhere,
 * with any length (one character), and unlogged — a password without a second factor for the
 * whole admin API. Now: at least 32 characters (else the server does not start), refused once an
 * enabled administrator with a SecSign ID exists, and every use audited with the client address.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError } from '../../../server/platform/errors.js';
import { loadServerSettings } from '../../../server/config/load.js';
import { harness } from '../admin-api/harness.js';

const PW = 'long enough password';

test('a bootstrap token shorter than 32 characters stops start-up, naming the variable', () => {
  for (const token of ['x', 'a'.repeat(31)]) {
    assert.throws(
      () => loadServerSettings({ IPSAFEZONE_ADMIN_BOOTSTRAP_TOKEN: token }),
      (err: unknown) =>
        err instanceof ConfigError &&
        err.variable === 'IPSAFEZONE_ADMIN_BOOTSTRAP_TOKEN' &&
        /at least 32 characters/.test(err.message),
    );
  }
  const ok = loadServerSettings({ IPSAFEZONE_ADMIN_BOOTSTRAP_TOKEN: 'b'.repeat(32) });
  assert.equal(ok.app.adminBootstrapToken, 'b'.repeat(32));
  assert.equal(loadServerSettings({}).app.adminBootstrapToken, '');
});

test('the token is refused (403 bootstrap_token_retired) once an enabled SecSign administrator exists', async () => {
  const h = await harness();
  assert.equal((await h.call('GET', '/settings')).status, 200);
  // An administrator without a second factor, or a disabled one with it, does not retire it.
  await h.call('POST', '/users', { username: 'root', password: PW, role: 'admin' });
  const off = await h.call('POST', '/users', {
    username: 'old',
    password: PW,
    role: 'admin',
    secSignId: 'old.id',
    disabled: true,
  });
  assert.equal(off.status, 201, JSON.stringify(off.json));
  assert.equal((await h.call('GET', '/settings')).status, 200);
  const created = await h.call('POST', '/users', {
    username: 'alice',
    password: PW,
    role: 'admin',
    secSignId: 'alice.id',
  });
  assert.equal(created.status, 201);
  const refused = await h.call('PATCH', '/settings', { twoStepActive: true });
  assert.equal(refused.status, 403);
  assert.equal(refused.json.error.code, 'bootstrap_token_retired');
  assert.match(refused.json.error.message, /administrator with a SecSign ID exists/);
  // Nothing changed; the administrator's own session still works.
  await h.signIn(created.json.user.id);
  assert.equal((await h.call('GET', '/settings', undefined, null)).json.twoStepActive, false);
});

test('an administrator with only an authenticator app (the policy allowing it) retires the token too', async () => {
  const h = await harness();
  const created = await h.call('POST', '/users', { username: 'tina', password: PW, role: 'admin' });
  assert.equal(created.status, 201);
  assert.equal((await h.call('GET', '/settings')).status, 200, 'not yet: no second factor');
  await h.db.execute({
    sql: `INSERT INTO user_factors (user_id, factor, label, data, created_at) VALUES (?, 'totp', 'Phone', '{}', 0)`,
    args: [created.json.user.id],
  });
  const refused = await h.call('GET', '/settings');
  assert.equal(refused.status, 403);
  assert.equal(refused.json.error.code, 'bootstrap_token_retired');
});

test('every use of the token is audited with the client address, admitted or refused', async () => {
  const h = await harness();
  await h.call('GET', '/zones');
  const alice = await h.call('POST', '/users', {
    username: 'alice',
    password: PW,
    role: 'admin',
    secSignId: 'alice.id',
  });
  await h.call('GET', '/users');
  await h.signIn(alice.json.user.id);
  const log = await h.call('GET', '/audit?action=admin.bootstrap_token', undefined, null);
  const entries = (log.json.entries as any[]).reverse();
  assert.deepEqual(
    entries.map((e) => [e.outcome, e.details.method, e.details.path, e.clientIp, e.clientReason]),
    [
      ['granted', 'GET', '/api/admin/zones', '10.9.8.7', 'test peer'],
      ['granted', 'POST', '/api/admin/users', '10.9.8.7', 'test peer'],
      ['refused', 'GET', '/api/admin/users', '10.9.8.7', 'test peer'],
    ],
  );
  assert.ok(entries.every((e) => e.actor === 'bootstrap'));
});
