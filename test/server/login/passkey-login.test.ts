/**
 * Passkeys end to end on the server, over real HTTP with real libSQL and a software authenticator:
 * enrolment on the profile from inside the zone, then sign-in from outside without a user name
 * (or after it), the session's factor `passkey`, the enrolment rule for a second passkey, removal,
 * the policy (two-step and `outside_factors`), rate limits, and bad input answered 400.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startFixture, INSIDE, OUTSIDE, PASSWORD, type Fixture } from './fixture.js';
import { authenticator, enrol, newUser, passkeySignIn, secSignIn } from './passkey-fixture.js';
import type { SoftAuthenticator } from '../../support/soft-authenticator.js';
import { TestClient } from '../../support/client.js';

let f: Fixture;
let carolKey: SoftAuthenticator;

before(async () => {
  f = await startFixture();
  carolKey = authenticator(f);
  // Carol has no second factor yet: a password session inside the zone may enrol her first.
  const carol = await f.signIn('carol', INSIDE);
  const res = await enrol(carol, carolKey, 'Carol laptop');
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
    const carol = await f.signIn('carol');
    const list = await carol.get('/api/me/passkeys');
    assert.equal(list.status, 200);
    assert.equal(list.body.passkeys.length, 1);
    assert.equal(list.body.passkeys[0].label, 'Carol laptop');
    assert.equal(list.body.passkeys[0].backedUp, false);
    assert.equal(list.body.mayAdd, false, 'a password session cannot add a second factor');
    const bob = await f.signIn('bob');
    assert.deepEqual((await bob.get('/api/me/passkeys')).body.passkeys, []);
    assert.equal((await auditOf('passkey.add'))?.outcome, 'ok');
  });

  it('needs a second-factor session once the user has a second factor', async () => {
    for (const name of ['carol', 'bob']) {
      const res = await enrol(await f.signIn(name), authenticator(f), 'Second');
      assert.equal(res.status, 403, name);
      assert.equal(res.body.error.code, 'second_factor_required');
    }
  });

  it('refuses a registration without user verification (400)', async () => {
    await newUser(f, 'frank');
    const frank = await f.signIn('frank');
    const res = await enrol(frank, authenticator(f, { userVerified: false }));
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'passkey_user_verification');
    assert.equal((await frank.get('/api/me/passkeys')).body.passkeys.length, 0);
  });

  it('answers 400 to malformed input, never 500', async () => {
    const carol = await f.signIn('frank');
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
    const res = await (
      await f.signIn('frank')
    ).post('/api/me/passkeys', {
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
    const res = await passkeySignIn(c, carolKey);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.status, 'signed_in');
    assert.equal(res.body.user.username, 'carol');
    const session = await c.get('/api/session');
    assert.equal(session.body.session.factors, 'passkey');
    assert.equal((await auditOf('login.success'))?.username, 'carol');
  });

  it("after the user name: only that user's passkey", async () => {
    assert.equal((await passkeySignIn(f.client(OUTSIDE), carolKey, {}, 'carol')).status, 200);
    const other = await passkeySignIn(f.client(OUTSIDE), carolKey, {}, 'bob');
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
    const inside = await f.signIn('carol');
    const c = f.client(OUTSIDE);
    assert.equal((await passkeySignIn(c, carolKey)).status, 200);
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
      { transaction: 'x', credential: { ...carolKey.get({ challenge: 'AA' }), type: 'other' } },
      'not json',
    ]) {
      const res = await c.post('/api/login/passkey/verify', body);
      assert.equal(res.status, 400, JSON.stringify(res.body));
    }
    // Well-formed but meaningless contents: refused (401), never a 500.
    const opts = await c.post('/api/login/passkey/options', {});
    const garbage = carolKey.get(opts.body.options);
    garbage.response.clientDataJSON = 'AAAA';
    garbage.response.authenticatorData = 'AA';
    const refused = await c.post('/api/login/passkey/verify', {
      transaction: opts.body.transaction,
      credential: garbage,
    });
    assert.equal(refused.status, 401, JSON.stringify(refused.body));
    assert.equal(refused.body.error.code, 'passkey_refused');
    assert.equal(
      (await c.post('/api/login/passkey/options', { username: 'a\u0000b' })).status,
      400,
    );
    assert.equal((await c.post('/api/login/passkey/options', { extra: 1 })).status, 400);
  });

  it('failed assertions count like wrong passwords: the user is locked after five', async () => {
    const address = '198.51.100.77';
    await newUser(f, 'erin');
    const erinKey = authenticator(f);
    assert.equal((await enrol(await f.signIn('erin'), erinKey)).status, 201);
    for (let i = 0; i < 5; i++) {
      const res = await passkeySignIn(new TestClient(f.origin, address), erinKey, {
        userVerified: false,
      });
      assert.equal(res.status, 401);
    }
    const locked = await passkeySignIn(new TestClient(f.origin, address), erinKey, {}, 'erin');
    assert.equal(locked.status, 429);
    assert.equal(locked.body.error.code, 'too_many_attempts');
  });
});

describe('after the password (two-step)', () => {
  it('a passkey finishes the password step instead of the SecSign ID', async () => {
    const bobKey = authenticator(f);
    const first = f.client(OUTSIDE);
    await secSignIn(f, first, 'bob.sec'); // a second-factor session may enrol
    assert.equal((await enrol(first, bobKey, 'Bob key')).status, 201);
    await f.settings({ twoStepActive: true });
    try {
      const c = f.client(OUTSIDE);
      const pw = await c.post('/api/login/password', { username: 'bob', password: PASSWORD });
      assert.equal(pw.body.status, 'secsign_pending');
      const opts = await c.post('/api/login/passkey/options', { transaction: pw.body.transaction });
      assert.equal(opts.status, 200, JSON.stringify(opts.body));
      // Carol's passkey cannot finish Bob's password step.
      const wrong = await c.post('/api/login/passkey/verify', {
        transaction: opts.body.transaction,
        credential: carolKey.get(opts.body.options),
      });
      assert.equal(wrong.status, 401);
      const pw2 = await c.post('/api/login/password', { username: 'bob', password: PASSWORD });
      const opts2 = await c.post('/api/login/passkey/options', {
        transaction: pw2.body.transaction,
      });
      const done = await c.post('/api/login/passkey/verify', {
        transaction: opts2.body.transaction,
        credential: bobKey.get(opts2.body.options),
      });
      assert.equal(done.status, 200, JSON.stringify(done.body));
      assert.equal((await c.get('/api/session')).body.session.factors, 'password+passkey');
      const spent = await c.post('/api/login/secsign/status', {
        transaction: pw2.body.transaction,
      });
      assert.equal(spent.status, 401, 'the password step was taken over');
    } finally {
      await f.settings({ twoStepActive: false });
    }
  });
});

describe('administrator reset', () => {
  it("removing a user's factors removes their passkeys: the passkey no longer signs in", async () => {
    await newUser(f, 'grace');
    const key = authenticator(f);
    assert.equal((await enrol(await f.signIn('grace'), key)).status, 201);
    assert.equal((await passkeySignIn(f.client(OUTSIDE), key)).status, 200);
    const admin = await f.signIn('alice');
    const grace = await f.db.execute("SELECT id FROM users WHERE username = 'grace'");
    const reset = await admin.request(
      'DELETE',
      `/api/admin/users/${Number(grace.rows[0]!.id)}/factors`,
    );
    assert.equal(reset.status, 200, JSON.stringify(reset.body));
    const after = await passkeySignIn(f.client(OUTSIDE), key);
    assert.equal(after.status, 401);
    assert.equal((await auditOf('login.passkey'))?.outcome, 'unknown_credential');
  });
});
