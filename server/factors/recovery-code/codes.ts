/**
 * Recovery codes: ten single-use codes a user keeps on paper for the day their second factor is
 * lost. Each has about 50 random bits (ten characters of a 31-letter alphabet without the look-alikes
 * i, l, o, 0, 1; shown as `xxxxx-xxxxx`); only their SHA-256 is stored — enough for random codes of that length behind
 * the login's rate limits, as for session tokens. Typed codes are compared case-insensitively,
 * without spaces or dashes. Pure: no database.
 */
import { createHash, randomInt } from 'node:crypto';

export const RECOVERY_CODE_COUNT = 10;
const LETTERS = 'abcdefghjkmnpqrstuvwxyz23456789';

/** One new code, `xxxxx-xxxxx`. */
function newCode(): string {
  let out = '';
  for (let i = 0; i < 10; i++) out += LETTERS[randomInt(LETTERS.length)];
  return `${out.slice(0, 5)}-${out.slice(5)}`;
}

/** A fresh set of codes (to show once) with their hashes (to store). */
export function newRecoveryCodes(): { codes: string[]; hashes: string[] } {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newCode);
  return { codes, hashes: codes.map(hashRecoveryCode) };
}

/** The stored form of a typed or generated code. */
export function hashRecoveryCode(typed: string): string {
  const normal = typed.toLowerCase().replace(/[\s-]+/g, '');
  return createHash('sha256').update(`recovery:${normal}`).digest('hex');
}

/** Whether a typed value can be a recovery code at all (checked before any database read). */
export const looksLikeRecoveryCode = (typed: string) =>
  /^[a-z0-9]{10}$/.test(typed.toLowerCase().replace(/[\s-]+/g, ''));
