/**
 * Signing in from outside with the password and an authenticator-app code (issue 18): codes are
 * computed with `otpauth` at the server's clock; ±1 step is accepted, ±2 refused, a code's step is
 * used once; TOTP never counts without the password; the policy can refuse it.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CLI_ACTOR } from '../../../server/domain/actor.js';
import { updateSettings } from '../../../server/domain/settings-service.js';
import type { Fixture } from '../login/fixture.js';
import { codeAt, enrolTotp, passwordFirst, startFactorsFixture, PASSWORD } from './helpers.js';

let f: Fixture;
let secret: string;

before(async () => {
  f = await startFactorsFixture();
  const inside = await f.signIn('carol');
  ({ secret } = await enrolTotp(f, inside));
});
after(() => f.close());

test('outside (2SA), the password step offers carol her authenticator app and recovery codes', async () => {
  const { body } = await passwordFirst(f, 'carol');
  assert.equal(body.status, 'second_factor');
  assert.deepEqual(body.factors, [
    { factor: 'totp', withPassword: true },
    { factor: 'recovery_code', withPassword: true },
  ]);
});

test('password + the current code signs in with factors password+totp; the same code is refused the second time', async () => {
  const code = codeAt(secret, f.clock.now());
  const first = await passwordFirst(f, 'carol');
  const ok = await first.browser.post('/api/login/code', {
    transaction: first.transaction,
    factor: 'totp',
    code,
  });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal((ok.body as { status: string }).status, 'signed_in');
  const session = await first.browser.get('/api/session');
  assert.equal((session.body as { session: { factors: string } }).session.factors, 'password+totp');

  const again = await passwordFirst(f, 'carol');
  const replay = await again.browser.post('/api/login/code', {
    transaction: again.transaction,
    factor: 'totp',
    code,
  });
  assert.equal(replay.status, 401);
  assert.equal((replay.body as { error: { code: string } }).error.code, 'invalid_code');
  f.clock.advance(90_000);
});

for (const [steps, accepted] of [
  [-2, false],
  [2, false],
  [-1, true],
  [1, true],
] as const) {
  test(`a code from ${steps > 0 ? '+' : ''}${steps} steps is ${accepted ? 'accepted' : 'refused'}`, async () => {
    f.clock.advance(120_000); // past every step used so far
    const { browser, transaction } = await passwordFirst(f, 'carol');
    const res = await browser.post('/api/login/code', {
      transaction,
      factor: 'totp',
      code: codeAt(secret, f.clock.now() + steps * 30_000),
    });
    assert.equal(res.status, accepted ? 200 : 401, JSON.stringify(res.body));
  });
}

test('a code factor needs the password first: a transaction without it is refused', async () => {
  await updateSettings(f.db, f.clock, CLI_ACTOR, { twoStepActive: false });
  try {
    // Bob's SecSign ID alone (2FA) begins a transaction without the password.
    const browser = f.client();
    const start = await browser.post('/api/login/secsign', { secSignId: 'bob.sec' });
    assert.equal(start.status, 200);
    const res = await browser.post('/api/login/code', {
      transaction: (start.body as { transaction: string }).transaction,
      factor: 'totp',
      code: codeAt(secret, f.clock.now()),
    });
    assert.equal(res.status, 401);
    assert.equal((res.body as { error: { code: string } }).error.code, 'transaction_invalid');
  } finally {
    await updateSettings(f.db, f.clock, CLI_ACTOR, { twoStepActive: true });
  }
});

test('a factor the policy does not allow outside is refused, and audited', async () => {
  f.clock.advance(120_000);
  const { browser, transaction } = await passwordFirst(f, 'carol');
  await updateSettings(f.db, f.clock, CLI_ACTOR, { outsideFactors: ['secsign', 'recovery_code'] });
  try {
    const res = await browser.post('/api/login/code', {
      transaction,
      factor: 'totp',
      code: codeAt(secret, f.clock.now()),
    });
    assert.equal(res.status, 403);
    assert.equal((res.body as { error: { code: string } }).error.code, 'factor_not_allowed');
    const rs = await f.db.execute(
      "SELECT outcome FROM audit_log WHERE action = 'login.totp' ORDER BY id DESC LIMIT 1",
    );
    assert.equal(rs.rows[0]?.outcome, 'factor_not_allowed');
  } finally {
    await updateSettings(f.db, f.clock, CLI_ACTOR, {
      outsideFactors: ['secsign', 'passkey', 'totp', 'recovery_code'],
    });
  }
});

describe('outside in 2FA (a second factor alone is enough)', () => {
  before(() => updateSettings(f.db, f.clock, CLI_ACTOR, { twoStepActive: false }));
  after(() => updateSettings(f.db, f.clock, CLI_ACTOR, { twoStepActive: true }));
  const post = (body: object) => f.client().post('/api/login/password', body);

  test('the password alone is not used (not even checked)', async () => {
    const res = await post({ username: 'carol', password: PASSWORD });
    assert.equal(res.status, 409);
    assert.equal((res.body as { error: { code: string } }).error.code, 'password_not_used');
  });

  test('password and code together sign in with password+totp', async () => {
    f.clock.advance(120_000);
    const res = await post({
      username: 'carol',
      password: PASSWORD,
      second: { factor: 'totp', code: codeAt(secret, f.clock.now()) },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal((res.body as { status: string }).status, 'signed_in');
  });

  test('a wrong password and a wrong code get the same answer (no password oracle outside)', async () => {
    f.clock.advance(120_000);
    const right = codeAt(secret, f.clock.now());
    const wrongCode = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    const a = await post({
      username: 'carol',
      password: 'wrong',
      second: { factor: 'totp', code: right },
    });
    const b = await post({
      username: 'carol',
      password: PASSWORD,
      second: { factor: 'totp', code: wrongCode },
    });
    const c = await post({
      username: 'nobody',
      password: PASSWORD,
      second: { factor: 'totp', code: right },
    });
    for (const r of [a, b, c]) {
      assert.equal(r.status, 401);
      const err = (r.body as { error: { code: string; message: string } }).error;
      assert.deepEqual(
        [err.code, err.message],
        ['invalid_password_or_code', 'The user name, password or code is wrong.'],
      );
    }
  });

  test('where the policy allows no typed code, a code is refused before anything is checked', async () => {
    await updateSettings(f.db, f.clock, CLI_ACTOR, { outsideFactors: ['secsign', 'passkey'] });
    try {
      const res = await post({
        username: 'carol',
        password: PASSWORD,
        second: { factor: 'totp', code: codeAt(secret, f.clock.now()) },
      });
      assert.equal(res.status, 403);
      assert.equal((res.body as { error: { code: string } }).error.code, 'factor_not_allowed');
    } finally {
      await updateSettings(f.db, f.clock, CLI_ACTOR, {
        outsideFactors: ['secsign', 'passkey', 'totp', 'recovery_code'],
      });
    }
  });
});

test('two-step: bob (SecSign ID) gets the push at once, with no other factor to offer', async () => {
  const { body } = await passwordFirst(f, 'bob');
  assert.equal(body.status, 'secsign_pending');
  assert.deepEqual(body.factors, []);
});

describe('a factor the administrator disallows stops counting at once (fail closed)', () => {
  test('a session proven with password+totp no longer counts outside', async () => {
    f.clock.advance(120_000);
    const { browser, transaction } = await passwordFirst(f, 'carol');
    const ok = await browser.post('/api/login/code', {
      transaction,
      factor: 'totp',
      code: codeAt(secret, f.clock.now()),
    });
    assert.equal(ok.status, 200);
    assert.equal((await browser.get('/api/me')).status, 200);
    await updateSettings(f.db, f.clock, CLI_ACTOR, {
      outsideFactors: ['secsign', 'passkey', 'recovery_code'],
    });
    try {
      assert.equal((await browser.get('/api/me')).status, 401);
      const s = await browser.get('/api/session');
      assert.equal((s.body as { secondFactorRequired: boolean }).secondFactorRequired, true);
    } finally {
      await updateSettings(f.db, f.clock, CLI_ACTOR, {
        outsideFactors: ['secsign', 'passkey', 'totp', 'recovery_code'],
      });
    }
  });

  test('SecSign ID alone is refused where the policy does not allow it', async () => {
    // Another way out for the administrators first (the seed rule would refuse the policy).
    const alice = await f.db.execute("SELECT id FROM users WHERE username_key = 'alice'");
    await f.db.execute({
      sql: `INSERT INTO user_factors (user_id, factor, label, data, created_at) VALUES (?, 'totp', 'Phone', '{}', 0)`,
      args: [Number(alice.rows[0]!.id)],
    });
    await updateSettings(f.db, f.clock, CLI_ACTOR, {
      twoStepActive: false,
      outsideFactors: ['totp', 'recovery_code'],
    });
    try {
      const res = await f.client().post('/api/login/secsign', { secSignId: 'bob.sec' });
      assert.equal(res.status, 403);
      assert.equal((res.body as { error: { code: string } }).error.code, 'factor_not_allowed');
      const zone = await f.client().get('/api/zone');
      assert.deepEqual(
        (zone.body as { factors: { factor: string }[] }).factors.map((o) => o.factor),
        ['totp', 'recovery_code'],
      );
    } finally {
      await updateSettings(f.db, f.clock, CLI_ACTOR, {
        twoStepActive: true,
        outsideFactors: ['secsign', 'passkey', 'totp', 'recovery_code'],
      });
    }
  });
});
