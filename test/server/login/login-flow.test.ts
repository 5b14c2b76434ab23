/**
 * The login flow end to end over real HTTP: the real app on a real libSQL file, the embedded SecSign
 * ID server reached through its real protocol. Covers every row of the policy table, every SecSign
 * state, replay, a login begun inside and finished outside, and the fail-closed paths.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AuthSessionState } from '../../../server/secsign/types.js';
import { INSIDE, OUTSIDE, PASSWORD, startFixture, type Fixture } from './fixture.js';

let f: Fixture;
before(async () => {
  f = await startFixture();
});
after(async () => {
  await f.close();
});
beforeEach(async () => {
  await f.settings({ ipSafeZoneActive: true, twoStepActive: false });
  await f.db.execute('DELETE FROM rate_limits');
  // The ID server freezes an ID after more than 3 requests a minute: let each test start fresh.
  f.clock.advance(2 * 60_000);
});

describe('the policy table, as GET /api/zone reports it', () => {
  const rows = [
    {
      active: true,
      twoStep: false,
      address: INSIDE,
      mode: 'password',
      inside: true,
      zone: 'Office',
    },
    {
      active: true,
      twoStep: true,
      address: INSIDE,
      mode: 'password',
      inside: true,
      zone: 'Office',
    },
    { active: true, twoStep: false, address: OUTSIDE, mode: '2fa', inside: false, zone: null },
    { active: true, twoStep: true, address: OUTSIDE, mode: '2sa', inside: false, zone: null },
    { active: false, twoStep: false, address: INSIDE, mode: '2fa', inside: true, zone: 'Office' },
    { active: false, twoStep: true, address: INSIDE, mode: '2sa', inside: true, zone: 'Office' },
    { active: false, twoStep: false, address: OUTSIDE, mode: '2fa', inside: false, zone: null },
    { active: false, twoStep: true, address: OUTSIDE, mode: '2sa', inside: false, zone: null },
  ];
  for (const row of rows) {
    it(`active=${row.active} 2SA=${row.twoStep} from ${row.address} → ${row.mode}`, async () => {
      await f.settings({ ipSafeZoneActive: row.active, twoStepActive: row.twoStep });
      const res = await f.client(row.address).get('/api/zone');
      assert.equal(res.status, 200);
      assert.deepEqual(
        {
          clientIp: res.body.clientIp,
          inside: res.body.inside,
          zone: res.body.zone,
          active: res.body.active,
          mode: res.body.mode,
        },
        {
          clientIp: row.address,
          inside: row.inside,
          zone: row.zone,
          active: row.active,
          mode: row.mode,
        },
      );
    });
  }

  it('reports IPv4-mapped addresses as IPv4', async () => {
    const res = await f.client('::ffff:10.1.9.9').get('/api/zone');
    assert.equal(res.body.clientIp, '10.1.9.9');
    assert.equal(res.body.mode, 'password');
  });
});

describe('inside the zone: password', () => {
  it('signs in with the password alone and the session is visible', async () => {
    const c = f.client(INSIDE);
    const res = await c.post('/api/login/password', { username: 'bob', password: PASSWORD });
    assert.equal(res.status, 200);
    assert.equal(res.body.status, 'signed_in');
    assert.equal(res.body.user.username, 'bob');
    assert.ok(c.cookie('ipsafezone_session'));
    const session = await c.get('/api/session');
    assert.equal(session.body.user.username, 'bob');
    assert.equal(session.body.session.factors, 'password');
  });

  it('lets a user without a SecSign ID sign in from inside', async () => {
    const res = await f
      .client(INSIDE)
      .post('/api/login/password', { username: 'carol', password: PASSWORD });
    assert.equal(res.body.status, 'signed_in');
  });

  it('answers an unknown user exactly like a wrong password', async () => {
    const wrong = await f
      .client(INSIDE)
      .post('/api/login/password', { username: 'bob', password: 'not the password' });
    const unknown = await f
      .client(INSIDE)
      .post('/api/login/password', { username: 'mallory', password: 'whatever1' });
    assert.equal(wrong.status, 401);
    // Alike except for each answer's own request id.
    const alike = (body: { error: object }) => ({ error: { ...body.error, requestId: 'x' } });
    assert.deepEqual(alike(unknown.body), alike(wrong.body));
    assert.equal(unknown.status, wrong.status);
  });

  it('never signs in a disabled user', async () => {
    const res = await f
      .client(INSIDE)
      .post('/api/login/password', { username: 'dave', password: PASSWORD });
    assert.equal(res.status, 403);
    assert.equal(res.body.error.code, 'user_disabled');
  });
});

async function startTwoFa(address = OUTSIDE, secSignId = 'bob.sec') {
  const c = f.client(address);
  const res = await c.post('/api/login/secsign', { secSignId });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return { c, pending: res.body };
}

describe('outside, 2FA: SecSign ID alone', () => {
  it('refuses the password step and asks for the SecSign ID', async () => {
    const res = await f
      .client(OUTSIDE)
      .post('/api/login/password', { username: 'bob', password: PASSWORD });
    assert.equal(res.status, 409);
    assert.equal(res.body.error.code, 'password_not_used');
  });

  it('shows the access pass, waits, and signs in once the phone confirms', async () => {
    const { c, pending } = await startTwoFa();
    assert.equal(pending.status, 'secsign_pending');
    assert.match(pending.accessPass, /^data:image\/png;base64,[A-Za-z0-9+/]+=*$/);
    assert.equal(pending.secSignId, 'bob.sec');
    assert.equal(pending.pollAfterMs, 2000);
    assert.match(
      pending.deepLink,
      /^com\.secsign\.secsignid:\/\/\?secsignid=bob\.sec&authsessionid=-?\d+/,
    );
    const waiting = await c.post('/api/login/secsign/status', { transaction: pending.transaction });
    assert.deepEqual(waiting.body, { status: 'secsign_pending', state: 1, pollAfterMs: 3500 });
    f.phone('bob.sec', AuthSessionState.AUTHENTICATED);
    const done = await c.post('/api/login/secsign/status', { transaction: pending.transaction });
    assert.equal(done.status, 200);
    assert.equal(done.body.status, 'signed_in');
    assert.equal(done.body.user.username, 'bob');
    const session = await c.get('/api/session');
    assert.equal(session.body.session.factors, 'secsign');
  });

  for (const state of [
    AuthSessionState.NOSTATE,
    AuthSessionState.PENDING,
    AuthSessionState.FETCHED,
  ]) {
    it(`keeps waiting in state ${state}`, async () => {
      const { c, pending } = await startTwoFa();
      f.phone('bob.sec', state);
      const res = await c.post('/api/login/secsign/status', { transaction: pending.transaction });
      assert.equal(res.body.status, 'secsign_pending');
      assert.equal(res.body.state, state);
    });
  }

  const failures: [number, string][] = [
    [AuthSessionState.EXPIRED, 'secsign_expired'],
    [AuthSessionState.DENIED, 'secsign_denied'],
    [AuthSessionState.SUSPENDED, 'secsign_suspended'],
    [AuthSessionState.CANCELED, 'secsign_canceled'],
    [AuthSessionState.INVALID, 'secsign_invalid'],
  ];
  for (const [state, code] of failures) {
    it(`fails with ${code} in state ${state}, and the transaction is finished`, async () => {
      const { c, pending } = await startTwoFa();
      f.phone('bob.sec', state);
      const res = await c.post('/api/login/secsign/status', { transaction: pending.transaction });
      assert.equal(res.status, 401);
      assert.equal(res.body.error.code, code);
      assert.equal(c.cookie('ipsafezone_session'), undefined);
      if (state !== AuthSessionState.CANCELED && state !== AuthSessionState.INVALID) {
        assert.equal(
          f.simSession('bob.sec').state,
          AuthSessionState.CANCELED,
          'the session is cancelled at the ID server',
        );
      }
      const again = await c.post('/api/login/secsign/status', { transaction: pending.transaction });
      assert.equal(again.body.error.code, 'transaction_invalid');
    });
  }

  it('expires by our own clock when the phone never answers', async () => {
    const { c, pending } = await startTwoFa();
    f.clock.advance(3 * 60_000 + 1);
    const res = await c.post('/api/login/secsign/status', { transaction: pending.transaction });
    assert.equal(res.body.error.code, 'secsign_expired');
  });

  it('cancels at the user’s request', async () => {
    const { c, pending } = await startTwoFa();
    const res = await c.post('/api/login/secsign/cancel', { transaction: pending.transaction });
    assert.deepEqual(res.body, { status: 'canceled' });
    assert.equal(f.simSession('bob.sec').state, AuthSessionState.CANCELED);
    const after = await c.post('/api/login/secsign/status', { transaction: pending.transaction });
    assert.equal(after.body.error.code, 'transaction_invalid');
  });

  it('uses a success once: a replayed transaction signs nobody in', async () => {
    const { c, pending } = await startTwoFa();
    f.phone('bob.sec', AuthSessionState.AUTHENTICATED);
    assert.equal(
      (await c.post('/api/login/secsign/status', { transaction: pending.transaction })).body.status,
      'signed_in',
    );
    const thief = f.client(OUTSIDE);
    const replay = await thief.post('/api/login/secsign/status', {
      transaction: pending.transaction,
    });
    assert.equal(replay.status, 401);
    assert.equal(replay.body.error.code, 'transaction_invalid');
    assert.equal(thief.cookie('ipsafezone_session'), undefined);
  });

  it('refuses to finish a transaction from another address', async () => {
    const { c, pending } = await startTwoFa();
    f.phone('bob.sec', AuthSessionState.AUTHENTICATED);
    c.setAddress('198.51.100.20');
    const res = await c.post('/api/login/secsign/status', { transaction: pending.transaction });
    assert.equal(res.status, 403);
    assert.equal(res.body.error.code, 'address_changed');
  });

  it('tells a SecSign ID without an account only after the phone proved it', async () => {
    const { c, pending } = await startTwoFa(OUTSIDE, 'nobody.sec');
    assert.equal(pending.status, 'secsign_pending');
    f.phone('nobody.sec', AuthSessionState.AUTHENTICATED);
    const res = await c.post('/api/login/secsign/status', { transaction: pending.transaction });
    assert.equal(res.status, 403);
    assert.equal(res.body.error.code, 'no_account');
  });

  it('reports an ID the ID server does not know', async () => {
    const res = await f.client(OUTSIDE).post('/api/login/secsign', { secSignId: 'no-such.id' });
    assert.equal(res.status, 404);
    assert.equal(res.body.error.code, 'secsign_no_such_id');
  });

  it("says so when the ID server froze the ID, with SecSign's advice to reactivate it", async () => {
    f.sim.freeze('bob.sec');
    try {
      const res = await f.client(OUTSIDE).post('/api/login/secsign', { secSignId: 'bob.sec' });
      assert.equal(res.status, 409);
      assert.equal(res.body.error.code, 'secsign_id_frozen');
      assert.match(res.body.error.message, /reactivate it, open the SecSign ID app .* tap/);
    } finally {
      f.sim.unfreeze('bob.sec'); // a frozen ID stays frozen until its owner reactivates it
    }
  });

  for (const id of ['bob sec', 'bob+1', 'bob&x=1', 'jürgen']) {
    it(`refuses the SecSign ID ${JSON.stringify(id)} with 422 before asking the ID server`, async () => {
      const before = f.sim.sessions().length;
      const res = await f.client(OUTSIDE).post('/api/login/secsign', { secSignId: id });
      assert.equal(res.status, 422);
      assert.equal(res.body.error.code, 'invalid_secsign_id');
      assert.match(res.body.error.message, /letters, digits and the characters @ _ - \./);
      assert.equal(f.sim.sessions().length, before);
    });
  }

  it('fails closed with 503 when no SecSign ID server answers', async () => {
    const fx = await startFixture({ config: { secsignServers: ['http://127.0.0.1:9'] } });
    try {
      const res = await fx.client(OUTSIDE).post('/api/login/secsign', { secSignId: 'bob.sec' });
      assert.equal(res.status, 503);
      assert.equal(res.body.error.code, 'secsign_unreachable');
      assert.equal(fx.client(OUTSIDE).cookie('ipsafezone_session'), undefined);
    } finally {
      await fx.close();
    }
  });

  it('never signs in a disabled user, even with the phone', async () => {
    const { c, pending } = await startTwoFa(OUTSIDE, 'dave.sec');
    f.phone('dave.sec', AuthSessionState.AUTHENTICATED);
    const res = await c.post('/api/login/secsign/status', { transaction: pending.transaction });
    assert.equal(res.body.error.code, 'user_disabled');
  });
});

describe('outside, 2SA: password, then SecSign ID', () => {
  beforeEach(async () => f.settings({ twoStepActive: true }));

  it('begins the SecSign step after the password and signs in with both factors', async () => {
    const c = f.client(OUTSIDE);
    const res = await c.post('/api/login/password', { username: 'Alice', password: PASSWORD });
    assert.equal(res.body.status, 'secsign_pending');
    assert.equal(res.body.secSignId, 'alice.sec');
    assert.equal(c.cookie('ipsafezone_session'), undefined, 'no session after the password alone');
    f.phone('alice.sec', AuthSessionState.AUTHENTICATED);
    const done = await c.post('/api/login/secsign/status', { transaction: res.body.transaction });
    assert.equal(done.body.status, 'signed_in');
    assert.equal((await c.get('/api/session')).body.session.factors, 'password+secsign');
  });

  it('refuses the SecSign-ID-alone step', async () => {
    const res = await f.client(OUTSIDE).post('/api/login/secsign', { secSignId: 'bob.sec' });
    assert.equal(res.status, 409);
    assert.equal(res.body.error.code, 'wrong_step');
  });

  it('tells a user without a SecSign ID to ask an administrator', async () => {
    const res = await f
      .client(OUTSIDE)
      .post('/api/login/password', { username: 'carol', password: PASSWORD });
    assert.equal(res.status, 403);
    assert.equal(res.body.error.code, 'no_secsign_id');
  });

  it('does not start the SecSign step for a wrong password', async () => {
    const before = f.sim.sessions().length;
    const res = await f
      .client(OUTSIDE)
      .post('/api/login/password', { username: 'bob', password: 'wrong-password' });
    assert.equal(res.status, 401);
    assert.equal(f.sim.sessions().length, before);
  });
});

describe('a login begun inside and finished outside', () => {
  it('needs the second factor when the password arrives from outside', async () => {
    const c = f.client(INSIDE);
    assert.equal((await c.get('/api/zone')).body.mode, 'password');
    c.setAddress(OUTSIDE);
    const res = await c.post('/api/login/password', { username: 'bob', password: PASSWORD });
    assert.equal(res.status, 409);
    assert.equal(res.body.error.code, 'password_not_used');
    assert.equal(c.cookie('ipsafezone_session'), undefined);
  });

  it('in 2SA, turns the password from outside into the SecSign step', async () => {
    await f.settings({ twoStepActive: true });
    const c = f.client(INSIDE);
    await c.get('/api/zone');
    c.setAddress(OUTSIDE);
    const res = await c.post('/api/login/password', { username: 'bob', password: PASSWORD });
    assert.equal(res.body.status, 'secsign_pending');
    assert.equal(c.cookie('ipsafezone_session'), undefined);
  });

  it('a password session opened inside does not count outside', async () => {
    const c = f.client(INSIDE);
    await c.post('/api/login/password', { username: 'bob', password: PASSWORD });
    assert.equal((await c.get('/api/session')).body.user.username, 'bob');
    c.setAddress(OUTSIDE);
    const s = await c.get('/api/session');
    assert.equal(s.body.user, null);
    assert.equal(s.body.secondFactorRequired, true);
    assert.equal((await c.get('/api/verify')).status, 401);
  });
});

describe('fail closed', () => {
  it('treats everyone as outside when the zones cannot be compiled', async () => {
    const fx = await startFixture();
    try {
      // Written past the domain layer, as a broken migration or a hand edit could.
      await fx.db.execute(`UPDATE zones SET ranges = '["not an address"]'`);
      await fx.db
        .execute(`UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'zones_version'`)
        .catch(() => undefined);
      fx.clock.advance(1_000);
      const res = await fx.client(INSIDE).get('/api/zone');
      assert.equal(res.body.inside, false);
      assert.equal(res.body.mode, '2fa');
    } finally {
      await fx.close();
    }
  });

  it('signs nobody in when the database is gone', async () => {
    const fx = await startFixture();
    fx.db.close();
    const res = await fx
      .client(INSIDE)
      .post('/api/login/password', { username: 'bob', password: PASSWORD });
    assert.equal(res.status, 503);
    assert.equal(res.body.error.code, 'service_unavailable');
    await fx.close().catch(() => undefined);
  });
});
