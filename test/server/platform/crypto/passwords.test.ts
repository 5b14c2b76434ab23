/**
 * Password hashing: Argon2id at OWASP's parameters, verification, length limits, and the dummy
 * check for unknown users.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../../../server/platform/errors.js';
import {
  hashPassword,
  verifyDummy,
  verifyPassword,
} from '../../../../server/platform/crypto/passwords.js';

test('hashes with Argon2id m=19456 t=2 p=1 and verifies', async () => {
  const h = await hashPassword('correct horse battery');
  assert.match(h, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  assert.equal(await verifyPassword(h, 'correct horse battery'), true);
  assert.equal(await verifyPassword(h, 'correct horse batterY'), false);
  assert.equal(await verifyPassword('not a hash', 'whatever1'), false);
  assert.notEqual(await hashPassword('correct horse battery'), h, 'salted');
});

for (const [pw, code] of [
  ['', 'password_too_short'],
  ['1234567', 'password_too_short'],
  ['x'.repeat(1025), 'password_too_long'],
] as const) {
  test(`refuses a password of ${pw.length} characters (${code})`, async () => {
    await assert.rejects(
      hashPassword(pw),
      (e: unknown) => e instanceof AppError && e.code === code,
    );
  });
}

test('accepts exactly 8 and exactly 1024 characters (counted as characters, not bytes)', async () => {
  await hashPassword('12345678');
  await hashPassword('ü'.repeat(1024));
});

test('verifyDummy is always false', async () => {
  assert.equal(await verifyDummy('anything'), false);
});
