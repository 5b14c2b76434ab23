/**
 * The second-factor seam. A `SecondFactor` starts a challenge for an identifier (a SecSign ID, a
 * user), checks it (polling an outside service, or verifying what the browser sent), and cancels
 * it. Its state travels in the login transaction as JSON, so the login steps store and load it
 * without knowing what is inside. SecSign ID is the first implementation
 * (`server/factors/secsign/challenge.ts`); a passkey or TOTP module adds a file, not a branch in every
 * door. What the widget must show while waiting is the factor's own `display`: its module types
 * it, the pending answer carries its fields as they are, and the widget's view of that factor
 * (`widget/factors/<name>.ts`) draws them — the login steps never look inside.
 */
import type { AppError } from '../platform/errors.js';
import type { FactorName } from './registry.js';

/**
 * What a factor's challenge asks the widget to show while it waits: `factor` names the view, the
 * other fields are the factor's own (SecSign ID: `secSignId`, `accessPass`, `deepLink` —
 * `server/factors/secsign/challenge.ts`). They go into the pending answer beside its common fields
 * (`server/domain/login/answers.ts`), so a display must not use their names.
 */
export interface FactorDisplay {
  factor: string;
}

export interface StartedChallenge<D extends FactorDisplay = FactorDisplay> {
  /** The factor's own state, stored in the login transaction. */
  state: Record<string, unknown>;
  display: D;
  /**
   * The identifier as the outside service spelled it (the SecSign ID as the ID server wrote it):
   * the transaction records it, and it must still be the user's when the challenge is proven.
   * Absent: the identifier the challenge was started for.
   */
  identifier?: string;
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

export interface SecondFactor<D extends FactorDisplay = FactorDisplay> {
  readonly name: FactorName;
  /** Begins a challenge. Throws an `AppError` when it cannot (unknown ID, service down…). */
  start(identifier: string): Promise<StartedChallenge<D>>;
  /** Asks where the challenge stands. Throws an `AppError` when that cannot be found out now. */
  check(state: Record<string, unknown>): Promise<ChallengeCheck>;
  /** Ends a challenge at the outside service; never throws. */
  cancel(state: Record<string, unknown>): Promise<void>;
}
