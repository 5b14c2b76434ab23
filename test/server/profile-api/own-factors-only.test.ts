/**
 * The profile API touches only the signed-in user's own factors: another user's authenticator app
 * or passkey, named by its id (ids are small sequential numbers, easy to guess), is "not found" at
 * every door that removes one — `DELETE /api/me/factors/:id`, `DELETE /api/me/passkeys/:id` — for
 * a user whose session may remove factors (proven with a second factor, freshly), and nothing of
 * theirs changes. Real app over HTTP, a software authenticator for the passkey. (Sessions: see
 * profile-api.test.ts and session-revoke-audit.test.ts.)
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { INSIDE, OUTSIDE, type Fixture } from '../login/fixture.js';
import { authenticator, enrol, newUser, secSignIn } from '../login/passkey-fixture.js';
import { enrolTotp, startFactorsFixture } from '../factors/helpers.js';

let f: Fixture;
before(async () => {
  f = await startFactorsFixture({ twoStep: false });
});
after(() => f.close());

async function factorRows(): Promise<string> {
  const rs = await f.db.execute('SELECT id, user_id, factor, label FROM user_factors ORDER BY id');
  return JSON.stringify(rs.rows);
}

test("another user's app or passkey, named by id, is not found and stays", async () => {
  await newUser(f, 'erin');
  await newUser(f, 'finn');
  const erin = await f.signIn('erin', INSIDE);
  await enrolTotp(f, erin);
  const finn = await f.signIn('finn', INSIDE);
  const added = await enrol(finn, authenticator(f), 'Finn laptop');
  assert.equal(added.status, 201, JSON.stringify(added.body));
  const erinsApp = (await erin.get('/api/me/factors')).body.factors[0].id as number;
  const finnsPasskey = (await finn.get('/api/me/passkeys')).body.passkeys[0].id as number;

  // Bob signs in from outside with his SecSign ID: a fresh second-factor session, which may remove
  // factors.
  const bob = f.client(OUTSIDE);
  await secSignIn(f, bob, 'bob.sec');
  assert.equal((await bob.get('/api/me/passkeys')).body.mayRemove, true);
  const before = await factorRows();

  for (const [path, code] of [
    [`/api/me/factors/${erinsApp}`, 'factor_not_found'],
    [`/api/me/factors/${finnsPasskey}`, 'factor_not_found'],
    [`/api/me/passkeys/${finnsPasskey}`, 'passkey_not_found'],
    [`/api/me/passkeys/${erinsApp}`, 'passkey_not_found'],
  ] as const) {
    const res = await bob.request('DELETE', path);
    assert.equal(res.status, 404, `${path}: ${JSON.stringify(res.body)}`);
    assert.equal(res.body.error.code, code, path);
  }
  assert.equal(await factorRows(), before, 'nothing removed');
  assert.equal((await erin.get('/api/me')).status, 200, "erin's session stays");
  assert.equal((await finn.get('/api/me')).status, 200, "finn's session stays");
});
