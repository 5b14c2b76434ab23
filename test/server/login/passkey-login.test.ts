/**
 * Passkeys end to end on the server, over real HTTP with real libSQL and a software authenticator:
 * enrolment on the profile from inside the zone, then sign-in from outside without a user name
 * (or after it), the session's factor `passkey`, the enrolment rule for a second passkey, removal,
 * the policy (two-step and `outside_factors`), rate limits, and bad input answered 400.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startFixture, INSIDE, OUTSIDE, type Fixture } from './fixture.js';
import { authenticator, enrol, passkeySignIn } from './passkey-fixture.js';
import type { SoftAuthenticator } from '../../support/soft-authenticator.js';
import { TestClient } from '../../support/client.js';

let f: Fixture;
let bobKey: SoftAuthenticator;

before(async () => {
  f = await startFixture();
  bobKey = authenticator(f);
  const bob = await f.signIn('bob', INSIDE);
  const res = await enrol(bob, bobKey, 'Bob laptop');
  assert.equal(res.status, 201, JSON.stringify(res.body));
});
after(() => f.close());

const auditOf = async (action: string) =>
  (
    await f.db.execute({
      sql: 'SELECT outcome, username FROM audit_log WHERE action = ? ORDER BY id DESC LIMIT 1',
      args: [action],
    })
  ).rows[0];

describe('enrolment on the profile', () => {
  it('stores the passkey with its label and backup flags, listed for its user only', async () => {
    const bob = await f.signIn('bob');
    const list = await bob.get('/api/me/passkeys');
    assert.equal(list.status, 200);
    assert.equal(list.body.passkeys.length, 1);
    assert.equal(list.body.passkeys[0].label, 'Bob laptop');
    assert.equal(list.body.passkeys[0].backedUp, false);
    const carol = await f.signIn('carol');
    assert.deepEqual((await carol.get('/api/me/passkeys')).body.passkeys, []);
    assert.equal((await auditOf('passkey.add'))?.outcome, 'ok');
  });

  it('needs a second-factor session for a further passkey once one exists', async () => {
    const bob = await f.signIn('bob');
    const res = await enrol(bob, authenticator(f), 'Second');
    assert.equal(res.status, 403);
    assert.equal(res.body.error.code, 'second_factor_needed');
  });

  it('refuses a registration without user verification (400)', async () => {
    const carol = await f.signIn('carol');
    const res = await enrol(carol, authenticator(f, { userVerified: false }));
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'passkey_user_verification');
    assert.equal((await carol.get('/api/me/passkeys')).body.passkeys.length, 0);
  });

  it('answers 400 to malformed input, never 500', async () => {
    const carol = await f.signIn('carol');
    for (const body of [
      {},
      { transaction: 'x', label: 'L', credential: { id: '!!', rawId: 'a', type: 'public-key' } },
      {
        transaction: 'x',
        label: '',
        credential: authenticator(f).create({ challenge: 'AA', rp: {}, user: { id: 'AA' } }),
      },
    ]) {
      const res = await carol.post('/api/me/passkeys', body);
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.ok(res.body.error.code);
    }
    const res = await carol.post('/api/me/passkeys', {
      transaction: 'not-a-token',
      label: 'L',
      credential: authenticator(f).create({
        challenge: 'AA',
        rp: { id: 'localhost' },
        user: { id: 'AA' },
      }),
    });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'challenge_invalid');
  });

  it('answers 401 without a session', async () => {
    const res = await f.client(INSIDE).post('/api/me/passkeys/options');
    assert.equal(res.status, 401);
  });
});

describe('sign-in with a passkey', () => {
  it('from outside, without a user name: the passkey alone opens a session', async () => {
    const c = f.client(OUTSIDE);
    const res = await passkeySignIn(c, bobKey);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.status, 'signed_in');
    assert.equal(res.body.user.username, 'bob');
    const session = await c.get('/api/session');
    assert.equal(session.body.session.factors, 'passkey');
    assert.equal((await auditOf('login.success'))?.username, 'bob');
  });

  it("after the user name: only that user's passkey", async () => {
    assert.equal((await passkeySignIn(f.client(OUTSIDE), bobKey, {}, 'bob')).status, 200);
    const other = await passkeySignIn(f.client(OUTSIDE), bobKey, {}, 'carol');
    assert.equal(other.status, 401);
    assert.equal(other.body.error.code, 'passkey_refused');
    assert.equal((await auditOf('login.passkey'))?.outcome, 'passkey_of_other_user');
  });

  it('an unknown passkey is refused like a wrong password', async () => {
    const res = await passkeySignIn(f.client('203.0.113.50'), authenticator(f));
    assert.equal(res.status, 401);
    assert.equal(res.body.error.code, 'passkey_refused');
    assert.equal((await auditOf('login.passkey'))?.outcome, 'unknown_credential');
  });

  it('a passkey session may add and remove passkeys, and that ends the other sessions', async () => {
    const inside = await f.signIn('bob');
    const c = f.client(OUTSIDE);
    assert.equal((await passkeySignIn(c, bobKey)).status, 200);
    const second = authenticator(f);
    const added = await enrol(c, second, 'Phone');
    assert.equal(added.status, 201, JSON.stringify(added.body));
    assert.equal((await inside.get('/api/me')).status, 401, 'the other session was ended');
    const list = (await c.get('/api/me/passkeys')).body.passkeys;
    assert.equal(list.length, 2);
    const removed = await c.request('DELETE', `/api/me/passkeys/${added.body.passkey.id}`);
    assert.equal(removed.status, 200);
    assert.equal((await c.get('/api/me/passkeys')).body.passkeys.length, 1);
    assert.equal((await auditOf('passkey.remove'))?.outcome, 'ok');
    assert.equal((await c.request('DELETE', '/api/me/passkeys/999999')).status, 404);
    assert.equal((await passkeySignIn(f.client(OUTSIDE), second)).status, 401);
  });

  it('is refused in two-step mode (password first) and when the policy leaves passkeys out', async () => {
    await f.settings({ twoStepActive: true });
    try {
      const res = await f.client(OUTSIDE).post('/api/login/passkey/options', {});
      assert.equal(res.status, 409);
      assert.equal(res.body.error.code, 'passkey_not_enough');
    } finally {
      await f.settings({ twoStepActive: false });
    }
    await f.db.execute("UPDATE settings SET outside_factors = 'secsign'");
    try {
      const res = await f.client(OUTSIDE).post('/api/login/passkey/options', {});
      assert.equal(res.status, 403);
      assert.equal(res.body.error.code, 'factor_not_allowed');
    } finally {
      await f.db.execute("UPDATE settings SET outside_factors = 'secsign+passkey+totp'");
    }
  });

  it('answers 400 to malformed input, never 500', async () => {
    const c = f.client(OUTSIDE);
    for (const body of [
      {},
      { transaction: 'x' },
      { transaction: 'x', credential: { id: 'a' } },
      { transaction: 'x', credential: { ...bobKey.get({ challenge: 'AA' }), type: 'other' } },
      'not json',
    ]) {
      const res = await c.post('/api/login/passkey/verify', body);
      assert.equal(res.status, 400, JSON.stringify(res.body));
    }
    assert.equal(
      (await c.post('/api/login/passkey/options', { username: 'a\u0000b' })).status,
      400,
    );
    assert.equal((await c.post('/api/login/passkey/options', { extra: 1 })).status, 400);
  });

  it('failed assertions count like wrong passwords: the user is locked after five', async () => {
    const address = '198.51.100.77';
    const carolKey = authenticator(f);
    const carol = await f.signIn('carol');
    assert.equal((await enrol(carol, carolKey)).status, 201);
    for (let i = 0; i < 5; i++) {
      const res = await passkeySignIn(new TestClient(f.origin, address), carolKey, {
        userVerified: false,
      });
      assert.equal(res.status, 401);
    }
    const locked = await passkeySignIn(new TestClient(f.origin, address), carolKey, {}, 'carol');
    assert.equal(locked.status, 429);
    assert.equal(locked.body.error.code, 'too_many_attempts');
  });
});
