/**
 * Threat: a passkey used without user verification — a stolen security key or an unlocked laptop
 * touched by someone else, with no PIN, fingerprint or face — would be possession alone, yet a
 * passkey counts as a whole second factor outside the zone. The server requires the UV flag at
 * registration and at every sign-in: an answer without it is refused (401), counted against the
 * user and the address, and audited; enrolment without it is refused (400) and nothing is stored.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startFixture, OUTSIDE, type Fixture } from '../login/fixture.js';
import { authenticator, enrol, newUser, passkeySignIn } from '../login/passkey-fixture.js';

let f: Fixture;
before(async () => {
  f = await startFixture();
});
after(() => f.close());

test('an assertion without user verification opens no session', async () => {
  const key = authenticator(f);
  assert.equal((await enrol(await f.signIn('carol'), key)).status, 201);
  const c = f.client(OUTSIDE);
  const res = await passkeySignIn(c, key, { userVerified: false });
  assert.equal(res.status, 401);
  assert.equal(res.body.error.code, 'passkey_user_verification');
  assert.equal((await c.get('/api/session')).body.user, null);
  const audit = await f.db.execute(
    "SELECT outcome FROM audit_log WHERE action = 'login.passkey' ORDER BY id DESC LIMIT 1",
  );
  assert.equal(audit.rows[0]?.outcome, 'passkey_no_user_verification');
  const failures = await f.db.execute("SELECT failures FROM rate_limits WHERE key = 'user:carol'");
  assert.equal(Number(failures.rows[0]?.failures), 1, 'counted like a wrong password');
  assert.equal((await passkeySignIn(c, key)).status, 200, 'with user verification it works');
});

test('a passkey created without user verification is not stored', async () => {
  await newUser(f, 'frank');
  const carol = await f.signIn('frank');
  const res = await enrol(carol, authenticator(f, { userVerified: false }));
  assert.equal(res.status, 400);
  assert.equal(res.body.error.code, 'passkey_user_verification');
  assert.deepEqual((await carol.get('/api/me/passkeys')).body.passkeys, []);
});
