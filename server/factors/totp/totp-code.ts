/**
 * Authenticator-app codes (TOTP, RFC 6238) with `otpauth`: SHA-1, 6 digits, 30-second steps — what
 * every authenticator app reads from an otpauth:// QR code. The verifier is pure: given the secret,
 * the code, the server's time and the last time step used, it accepts a code of the current step
 * or one step either side (a phone's clock a little off), and refuses a code whose step is not
 * later than the last one used, so a code seen over a shoulder or in a log cannot be used again.
 * Storing the step used (atomically) is the caller's (`server/factors/totp/totp-service.ts`).
 */
import { Secret, TOTP } from 'otpauth';

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
const ALGORITHM = 'SHA1';
/** Steps either side of now that are accepted. */
export const TOTP_WINDOW = 1;

/** A new random secret (160 bits, as RFC 4226 recommends), base32. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI an authenticator app reads (from the QR code, or typed). */
export function totpUri(secretBase32: string, issuer: string, account: string): string {
  return new TOTP({
    issuer,
    label: account,
    secret: Secret.fromBase32(secretBase32),
    algorithm: ALGORITHM,
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
  }).toString();
}

/** The time step a moment falls in. */
export const totpStep = (nowMs: number) => Math.floor(nowMs / 1000 / TOTP_PERIOD_SECONDS);

export type TotpVerdict =
  | { ok: true; step: number }
  /** `malformed`: not six digits; `wrong`: no step in the window; `replayed`: its step was used. */
  | { ok: false; reason: 'malformed' | 'wrong' | 'replayed' };

/** Checks a typed code (spaces ignored) against a secret at `nowMs`. */
export function verifyTotp(
  secretBase32: string,
  typed: string,
  nowMs: number,
  lastStep: number | null,
): TotpVerdict {
  const token = typed.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return { ok: false, reason: 'malformed' };
  const delta = TOTP.validate({
    token,
    secret: Secret.fromBase32(secretBase32),
    algorithm: ALGORITHM,
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    timestamp: nowMs,
    window: TOTP_WINDOW,
  });
  if (delta === null) return { ok: false, reason: 'wrong' };
  const step = totpStep(nowMs) + delta;
  if (lastStep !== null && step <= lastStep) return { ok: false, reason: 'replayed' };
  return { ok: true, step };
}
