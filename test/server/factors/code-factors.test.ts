/**
 * The pure parts of the code factors (issue 18): what TOTP and recovery codes satisfy — never
 * alone, always with the password — and the TOTP verifier's window and replay rule, with codes
 * computed by `otpauth` itself.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { factorSet, satisfies, type Requirement } from '../../../server/factors/proof.js';
import { newTotpSecret, totpUri, verifyTotp } from '../../../server/factors/totp/totp-code.js';
import {
  hashRecoveryCode,
  looksLikeRecoveryCode,
  newRecoveryCodes,
} from '../../../server/factors/recovery-code/codes.js';
import { codeAt } from './helpers.js';

const outside: Requirement[] = ['second-factor', 'password-and-second-factor'];

test('TOTP and recovery codes count outside only with the password', () => {
  for (const r of outside) {
    assert.equal(satisfies(r, factorSet('totp')), false, `totp alone, ${r}`);
    assert.equal(satisfies(r, factorSet('recovery_code')), false, `recovery code alone, ${r}`);
    assert.equal(satisfies(r, factorSet('password', 'totp')), true, `password+totp, ${r}`);
    assert.equal(
      satisfies(r, factorSet('password', 'recovery_code')),
      true,
      `password+recovery code, ${r}`,
    );
    assert.equal(satisfies(r, factorSet('password')), false, `password alone, ${r}`);
  }
});

test('verifyTotp: now and ±1 step accepted, ±2 refused, a used step and earlier ones refused', () => {
  const secret = newTotpSecret();
  const now = Date.UTC(2026, 10, 30, 9, 0, 10);
  const step = Math.floor(now / 30_000);
  for (const d of [-1, 0, 1]) {
    assert.deepEqual(verifyTotp(secret, codeAt(secret, now + d * 30_000), now, null), {
      ok: true,
      step: step + d,
    });
  }
  for (const d of [-2, 2]) {
    assert.equal(verifyTotp(secret, codeAt(secret, now + d * 30_000), now, null).ok, false);
  }
  assert.deepEqual(verifyTotp(secret, codeAt(secret, now), now, step), {
    ok: false,
    reason: 'replayed',
  });
  assert.deepEqual(verifyTotp(secret, codeAt(secret, now - 30_000), now, step), {
    ok: false,
    reason: 'replayed',
  });
  assert.equal(verifyTotp(secret, codeAt(secret, now + 30_000), now, step).ok, true);
  assert.deepEqual(verifyTotp(secret, '12345', now, null), { ok: false, reason: 'malformed' });
  const spaced = codeAt(secret, now).replace(/^(\d{3})/, '$1 ');
  assert.equal(verifyTotp(secret, spaced, now, null).ok, true, 'spaces are ignored');
});

test('the otpauth URI names the issuer and the account, SHA1, 6 digits, 30 s', () => {
  const uri = new URL(totpUri('JBSWY3DPEHPK3PXP', 'IPSafeZone', 'carol'));
  assert.equal(uri.protocol, 'otpauth:');
  assert.equal(uri.searchParams.get('issuer'), 'IPSafeZone');
  assert.equal(uri.searchParams.get('secret'), 'JBSWY3DPEHPK3PXP');
  assert.equal(uri.searchParams.get('algorithm'), 'SHA1');
  assert.equal(uri.searchParams.get('digits'), '6');
  assert.equal(uri.searchParams.get('period'), '30');
});

test('recovery codes: ten, unique, xxxxx-xxxxx, compared without case, spaces or dashes', () => {
  const { codes, hashes } = newRecoveryCodes();
  assert.equal(codes.length, 10);
  assert.equal(new Set(codes).size, 10);
  for (const c of codes) assert.match(c, /^[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}$/);
  assert.equal(hashRecoveryCode(` ${codes[0]!.toUpperCase().replace('-', ' ')} `), hashes[0]);
  assert.equal(looksLikeRecoveryCode('abc'), false);
  assert.equal(looksLikeRecoveryCode(codes[0]!), true);
});
