/**
 * Threat: binding a second factor without proving one (lessons-from-peers 13). With "users may
 * change their own SecSign ID" on, a password-only session from inside the office could replace
 * the SecSign ID with the attacker's and then sign in from outside with it. Now replacing or
 * removing an existing SecSign ID needs a session confirmed with a second factor (or an
 * administrator); a first ID may still be bound from a session that counts where it was opened.
 * The change ends the user's other sessions and is audited (issue 11, items 6 and 9).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { AuthSessionState } from '../../../server/secsign/types.js';
import { startFixture, INSIDE, PASSWORD, type Fixture } from '../login/fixture.js';

let f: Fixture;
before(async () => {
  f = await startFixture();
  const admin = await f.signIn('alice');
  await admin.request('PATCH', '/api/admin/settings', { usersChangeOwnId: true });
});
after(() => f.close());

test('a password-only session cannot replace or remove the SecSign ID', async () => {
  const attacker = await f.signIn('bob'); // the password, typed inside the office
  for (const secSignId of ['attacker.sec', null]) {
    const r = await attacker.request('PUT', '/api/me/secsign-id', { secSignId });
    assert.equal(r.status, 403, JSON.stringify(r.body));
    assert.equal(r.body.error.code, 'second_factor_required');
  }
  const me = await attacker.get('/api/me');
  assert.equal(me.body.user.secSignId, 'bob.sec');
});

test('a session confirmed with the SecSign ID may change it; the other sessions end', async () => {
  f.sim.registerId('bob.new');
  const other = await f.signIn('bob');
  await f.settings({ twoStepActive: true });
  const c = f.client('203.0.113.77');
  const start = await c.post('/api/login/password', { username: 'bob', password: PASSWORD });
  assert.equal(start.body.status, 'secsign_pending', JSON.stringify(start.body));
  f.phone('bob.sec', AuthSessionState.AUTHENTICATED);
  const done = await c.post('/api/login/secsign/status', { transaction: start.body.transaction });
  assert.equal(done.body.status, 'signed_in');
  const changed = await c.request('PUT', '/api/me/secsign-id', { secSignId: 'bob.new' });
  assert.equal(changed.status, 200, JSON.stringify(changed.body));
  assert.equal((await c.get('/api/me')).status, 200, 'the session that changed it stays');
  other.setAddress(INSIDE);
  assert.equal((await other.get('/api/me')).status, 401, 'the other session ended');
  const audit = await f.db.execute(
    "SELECT details FROM audit_log WHERE action = 'user.secsign_id.set' AND username = 'bob'",
  );
  assert.equal(JSON.parse(String(audit.rows.at(-1)!.details)).otherSessionsEnded, true);
  await f.settings({ twoStepActive: false });
});

test('a first SecSign ID may be bound from a password session inside the zone', async () => {
  const carol = await f.signIn('carol');
  const r = await carol.request('PUT', '/api/me/secsign-id', { secSignId: 'carol.sec' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
});

test("a password reset by an administrator ends the user's sessions", async () => {
  const carol = await f.signIn('carol');
  const admin = await f.signIn('alice');
  const users = await admin.get('/api/admin/users?q=carol');
  const id = users.body.users[0].id;
  const r = await admin.request('PUT', `/api/admin/users/${id}/password`, {
    password: 'another long password',
  });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal((await carol.get('/api/me')).status, 401);
  assert.equal((await admin.get('/api/me')).status, 200);
});
