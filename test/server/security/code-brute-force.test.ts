/**
 * Threat: someone who has the password guesses the six-digit code (or a recovery code). Every code
 * attempt is counted against the user before it is checked, with the password's limits (5, then
 * 15 minutes locked, 429), and a right password does not give the guesses back.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Fixture } from '../login/fixture.js';
import { codeAt, enrolTotp, passwordFirst, startFactorsFixture } from '../factors/helpers.js';

let f: Fixture;
let secret: string;

before(async () => {
  f = await startFactorsFixture();
  ({ secret } = await enrolTotp(f, await f.signIn('carol')));
});
after(() => f.close());

const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

test('five wrong codes, then 429 — even for the right code, even after a new right password', async () => {
  for (let i = 0; i < 5; i++) {
    // A new password step each time: the password's success must not reset the code count.
    const { browser, transaction } = await passwordFirst(f, 'carol');
    const factor = i % 2 === 0 ? 'totp' : 'recovery_code';
    const code = factor === 'totp' ? wrong(codeAt(secret, f.clock.now())) : 'aaaaa-aaaaa';
    const res = await browser.post('/api/login/code', { transaction, factor, code });
    assert.equal(res.status, 401, `attempt ${i + 1}`);
  }
  const { browser, transaction } = await passwordFirst(f, 'carol');
  const res = await browser.post('/api/login/code', {
    transaction,
    factor: 'totp',
    code: codeAt(secret, f.clock.now()),
  });
  assert.equal(res.status, 429);
  assert.equal((res.body as { error: { code: string } }).error.code, 'too_many_attempts');
  const rs = await f.db.execute(
    "SELECT count(*) AS n FROM audit_log WHERE action IN ('login.totp', 'login.recovery_code') AND outcome = 'locked'",
  );
  assert.equal(Number(rs.rows[0]?.n), 1);
});

test('after the lock ends, the right code signs in', async () => {
  f.clock.advance(16 * 60_000);
  const { browser, transaction } = await passwordFirst(f, 'carol');
  const res = await browser.post('/api/login/code', {
    transaction,
    factor: 'totp',
    code: codeAt(secret, f.clock.now()),
  });
  assert.equal(res.status, 200, JSON.stringify(res.body));
});
