/**
 * Recovery codes (issue 18): ten, shown once with the first factor, stored hashed; with the
 * password one signs in once from outside, is audited, and the answer tells how many are left; a
 * new set replaces the old.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Fixture } from '../login/fixture.js';
import { codeAt, enrolTotp, passwordFirst, startFactorsFixture } from './helpers.js';

let f: Fixture;
let codes: string[];
let secret: string;

before(async () => {
  f = await startFactorsFixture();
  const enrolled = await enrolTotp(f, await f.signIn('carol'));
  codes = enrolled.recoveryCodes!;
  secret = enrolled.secret;
});
after(() => f.close());

test('the first factor comes with ten different codes, stored only as hashes', async () => {
  assert.equal(codes.length, 10);
  assert.equal(new Set(codes).size, 10);
  const rs = await f.db.execute('SELECT code_hash FROM recovery_codes');
  assert.equal(rs.rows.length, 10);
  for (const row of rs.rows) assert.ok(!codes.includes(String(row.code_hash)));
});

test('a recovery code with the password signs in once, says 9 are left, and is audited', async () => {
  const a = await passwordFirst(f, 'carol');
  const ok = await a.browser.post('/api/login/code', {
    transaction: a.transaction,
    factor: 'recovery_code',
    code: codes[0]!.toUpperCase(), // typed in capitals: still the code
  });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal((ok.body as { recoveryCodesLeft: number }).recoveryCodesLeft, 9);
  const session = await a.browser.get('/api/session');
  assert.equal(
    (session.body as { session: { factors: string } }).session.factors,
    'password+recovery_code',
  );
  const audit = await f.db.execute(
    "SELECT outcome, details FROM audit_log WHERE action = 'login.recovery_code' ORDER BY id DESC LIMIT 1",
  );
  assert.equal(audit.rows[0]?.outcome, 'recovery_code_used');
  assert.equal((JSON.parse(String(audit.rows[0]?.details)) as { left: number }).left, 9);

  const b = await passwordFirst(f, 'carol');
  const again = await b.browser.post('/api/login/code', {
    transaction: b.transaction,
    factor: 'recovery_code',
    code: codes[0],
  });
  assert.equal(again.status, 401);
  assert.equal((again.body as { error: { code: string } }).error.code, 'invalid_code');
});

test('a session proven with a recovery code may enrol a new authenticator app (the way back)', async () => {
  const a = await passwordFirst(f, 'carol');
  const ok = await a.browser.post('/api/login/code', {
    transaction: a.transaction,
    factor: 'recovery_code',
    code: codes[1],
  });
  assert.equal(ok.status, 200);
  const begin = await a.browser.post('/api/me/factors/totp', {});
  assert.equal(begin.status, 200, JSON.stringify(begin.body));
});

test('a new set replaces the old one (needs a second-factor session)', async () => {
  const a = await passwordFirst(f, 'carol');
  await a.browser.post('/api/login/code', {
    transaction: a.transaction,
    factor: 'totp',
    code: codeAt(secret, f.clock.now()),
  });
  const res = await a.browser.post('/api/me/recovery-codes', {});
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const fresh = (res.body as { recoveryCodes: string[] }).recoveryCodes;
  assert.equal(fresh.length, 10);
  const b = await passwordFirst(f, 'carol');
  const old = await b.browser.post('/api/login/code', {
    transaction: b.transaction,
    factor: 'recovery_code',
    code: codes[2],
  });
  assert.equal(old.status, 401, 'an old code no longer works');
  const list = await a.browser.get('/api/me/factors');
  assert.equal((list.body as { recoveryCodesLeft: number }).recoveryCodesLeft, 10);
});
