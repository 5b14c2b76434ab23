/**
 * Threat: a cloned passkey — the private key copied out of an authenticator — signs as well as
 * the original. The signature counter gives it away: the two copies cannot both move it forward.
 * An assertion whose counter does not move past the stored one is refused once its signature is
 * known to be good, counted, and audited as `passkey_cloned_credential`; the stored counter stays.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startFixture, OUTSIDE, type Fixture } from '../login/fixture.js';
import { authenticator, enrol, passkeySignIn } from '../login/passkey-fixture.js';

let f: Fixture;
before(async () => {
  f = await startFixture();
});
after(() => f.close());

const storedCounter = async () => {
  const rs = await f.db.execute("SELECT data FROM user_factors WHERE factor = 'passkey'");
  return Number((JSON.parse(String(rs.rows[0]?.data)) as { counter: number }).counter);
};

test('a counter going back (or zoneDecision still) is refused and audited', async () => {
  const key = authenticator(f);
  assert.equal((await enrol(await f.signIn('carol'), key)).status, 201);
  for (let i = 0; i < 3; i++)
    assert.equal((await passkeySignIn(f.client(OUTSIDE), key)).status, 200);
  assert.equal(await storedCounter(), 3);
  for (const counter of [2, 3, 0]) {
    const c = f.client(OUTSIDE);
    const res = await passkeySignIn(c, key, { counter });
    assert.equal(res.status, 401, `counter ${counter}`);
    assert.equal(res.body.error.code, 'passkey_refused');
    assert.equal((await c.get('/api/session')).body.user, null);
    const audit = await f.db.execute(
      "SELECT outcome FROM audit_log WHERE action = 'login.passkey' ORDER BY id DESC LIMIT 1",
    );
    assert.equal(audit.rows[0]?.outcome, 'passkey_cloned_credential');
  }
  assert.equal(await storedCounter(), 3);
  assert.equal((await passkeySignIn(f.client(OUTSIDE), key, { counter: 4 })).status, 200);
});
