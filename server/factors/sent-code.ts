/**
 * The one-time code of a factor that sends it out of band (an e-mail, a text message; the module's
 * `SentCodeLogin`, `factor-module.ts`): made here, not by the module, so every such factor gets
 * the same strength, expiry and storage. Six random digits, valid ten minutes; the login
 * transaction keeps only a salted SHA-256 of it and its expiry (its `factorState`), and the code
 * step compares in constant time. Attempts are counted by the code step like any typed code's
 * (`server/domain/login/steps/code-limits.ts`: 5 per user, 20 per address, 15 minutes), and a
 * right code ends the transaction, so a code is used once.
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../platform/clock.js';
import type { CodeCheck } from './factor-module.js';

/** How long a sent code is valid: long enough for a slow mail, short enough to guess nothing. */
export const SENT_CODE_MS = 10 * 60_000;
export const SENT_CODE_DIGITS = 6;

const digest = (salt: string, code: string) =>
  createHash('sha256').update(`${salt}:${code}`).digest('base64url');

/** A new code and what the transaction keeps of it (never the code itself). */
export function newSentCode(clock: Clock): {
  code: string;
  expiresAt: number;
  state: { salt: string; hash: string; expiresAt: number };
} {
  const code = String(randomInt(0, 10 ** SENT_CODE_DIGITS)).padStart(SENT_CODE_DIGITS, '0');
  const salt = randomBytes(16).toString('base64url');
  const expiresAt = clock.now() + SENT_CODE_MS;
  return { code, expiresAt, state: { salt, hash: digest(salt, code), expiresAt } };
}

/** Checks a typed code against what the transaction kept; a missing or expired one is wrong. */
export function checkSentCode(
  state: Record<string, unknown> | null,
  typed: string,
  now: number,
): CodeCheck {
  const { salt, hash, expiresAt } = state ?? {};
  const code = typed.replace(/\s+/g, '');
  const usable =
    typeof salt === 'string' &&
    typeof hash === 'string' &&
    typeof expiresAt === 'number' &&
    now < expiresAt &&
    /^[0-9]+$/.test(code);
  if (!usable) return { ok: false, outcome: 'invalid_code' };
  const want = Buffer.from(hash);
  const got = Buffer.from(digest(salt, code));
  return want.length === got.length && timingSafeEqual(want, got)
    ? { ok: true, outcome: 'code_ok' }
    : { ok: false, outcome: 'invalid_code' };
}
