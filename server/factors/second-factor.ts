/**
 * The second-factor seam. A `SecondFactor` starts a challenge for an identifier (a SecSign ID, a
 * user), checks it (polling an outside service, or verifying what the browser sent), and cancels
 * it. Its state travels in the login transaction as JSON, so the login steps store and load it
 * without knowing what is inside. SecSign ID is the first implementation
 * (`server/factors/secsign/challenge.ts`); a passkey or TOTP module adds a file, not a branch in every
 * door. What the widget must show while waiting is the factor's `display`.
 */
import type { AppError } from '../platform/errors.js';
import type { FactorName } from './registry.js';

/** What the widget shows while a SecSign ID challenge waits for the phone. */
export interface SecSignDisplay {
  factor: 'secsign';
  /** The SecSign ID the request went to, as the ID server spelled it. */
  secSignId: string;
  /** `data:image/png;base64,…`, or null when the access pass is switched off. */
  accessPass: string | null;
  /** `com.secsign.secsignid://…` to open the app on the same phone. */
  deepLink: string;
}

/** What a factor's challenge asks the widget to show (one member per factor that has one). */
export type FactorDisplay = SecSignDisplay;

export interface StartedChallenge {
  /** The factor's own state, stored in the login transaction. */
  state: Record<string, unknown>;
  display: FactorDisplay;
  /** When the challenge ends at the latest (the ID server's own expiry, for SecSign ID). */
  expiresAt: number;
  /** When the widget should ask first. */
  pollAfterMs: number;
}

export type ChallengeCheck =
  /** Nothing decided yet; `detail` is the factor's own state code (SecSign's auth session state). */
  | { outcome: 'waiting'; pollAfterMs: number; detail: number }
  | { outcome: 'proven' }
  /** Failed for good: the error to answer; `counts` when it is a failure of the person (denied…). */
  | { outcome: 'failed'; error: AppError; counts: boolean };

export interface SecondFactor {
  readonly name: FactorName;
  /** Begins a challenge. Throws an `AppError` when it cannot (unknown ID, service down…). */
  start(identifier: string): Promise<StartedChallenge>;
  /** Asks where the challenge stands. Throws an `AppError` when that cannot be found out now. */
  check(state: Record<string, unknown>): Promise<ChallengeCheck>;
  /** Ends a challenge at the outside service; never throws. */
  cancel(state: Record<string, unknown>): Promise<void>;
}
