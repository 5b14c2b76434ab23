/**
 * Threat: replaying a passkey answer — one captured from a log, a proxy or a shoulder-surfed
 * request — or using it from another network. A challenge is single-use (taking it is a
 * compare-and-set on its login transaction, whatever the outcome), bound to the address it was
 * issued to and to its purpose, and expires after two minutes.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startFixture, INSIDE, OUTSIDE, type Fixture } from '../login/fixture.js';
import { authenticator, enrol, newUser } from '../login/passkey-fixture.js';
import type { SoftAuthenticator } from '../../support/soft-authenticator.js';

let f: Fixture;
let key: SoftAuthenticator;
before(async () => {
  f = await startFixture();
  key = authenticator(f);
  assert.equal((await enrol(await f.signIn('carol'), key)).status, 201);
});
after(() => f.close());

async function answer(address = OUTSIDE) {
  const c = f.client(address);
  const opts = await c.post('/api/login/passkey/options', {});
  return {
    c,
    body: { transaction: opts.body.transaction, credential: key.get(opts.body.options) },
  };
}

test('the same answer twice signs in once', async () => {
  const { c, body } = await answer();
  assert.equal((await c.post('/api/login/passkey/verify', body)).status, 200);
  const again = await f.client(OUTSIDE).post('/api/login/passkey/verify', body);
  assert.equal(again.status, 401);
  assert.equal(again.body.error.code, 'transaction_invalid');
});

test('an answer sent from another address is refused, and the challenge is spent', async () => {
  const { body } = await answer();
  const moved = await f.client('198.51.100.3').post('/api/login/passkey/verify', body);
  assert.equal(moved.status, 403);
  assert.equal(moved.body.error.code, 'address_changed');
  assert.equal((await f.client(OUTSIDE).post('/api/login/passkey/verify', body)).status, 401);
});

test('an answer after two minutes is refused', async () => {
  const { c, body } = await answer();
  f.clock.advance(2 * 60_000 + 1);
  const res = await c.post('/api/login/passkey/verify', body);
  assert.equal(res.status, 401);
  assert.equal(res.body.error.code, 'transaction_invalid');
});

test('an enrolment challenge cannot sign in, nor a sign-in challenge enrol', async () => {
  const bob = await f.signIn('bob', INSIDE);
  const enrolOpts = await bob.post('/api/me/passkeys/options');
  // Bob has a SecSign ID and a password session: the rule refuses (403) before any challenge.
  assert.equal(enrolOpts.status, 403);
  await newUser(f, 'frank');
  const carol = await f.signIn('frank', INSIDE);
  const carolOpts = await carol.post('/api/me/passkeys/options');
  assert.equal(carolOpts.status, 200);
  const viaLogin = await f.client(INSIDE).post('/api/login/passkey/verify', {
    transaction: carolOpts.body.transaction,
    credential: key.get({ challenge: carolOpts.body.options.challenge, rpId: 'localhost' }),
  });
  assert.equal(viaLogin.status, 401);
  const loginOpts = await carol.post('/api/login/passkey/options', {});
  const viaProfile = await carol.post('/api/me/passkeys', {
    transaction: loginOpts.body.transaction,
    label: 'x',
    credential: authenticator(f).create(carolOpts.body.options),
  });
  assert.equal(viaProfile.status, 400);
  assert.equal(viaProfile.body.error.code, 'challenge_invalid');
});
