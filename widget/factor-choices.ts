/**
 * The seam between the widget and the second factors it can offer besides the one it started
 * ("Use another way"): which choices to show, and the passkey choice, which the passkey module
 * supplies in its own lazily loaded chunk (`widget/passkey-choice.ts`), so the first load does
 * not grow. Keep these names stable: the passkey work builds on them.
 *
 * How a choice runs:
 * - `totp`, `recovery_code`: the widget shows a code field and posts `POST /api/login/code`
 *   `{ transaction, factor, code }` (the transaction from the password step's answer);
 * - `passkey`: the widget loads `passkey-choice.js` and calls `passkeyChoice.signIn(context)`,
 *   which runs the WebAuthn ceremony and resolves with the signed-in answer (or rejects with an
 *   `ApiError` from `api-client.ts`, which the widget shows like any other);
 * - `secsign`: the SecSign ID step the widget already has.
 */
import type { FactorChoiceName, FactorOffer, SignedIn } from '../server/login/api-types.js';

export type { FactorChoiceName, FactorOffer };

/** What the widget hands the passkey choice. */
export interface PasskeyContext {
  /** The backend's origin (empty: the page's own). */
  server: string;
  /** The login transaction after the password (two-step), or null for a passkey alone. */
  transaction: string | null;
  /** The user name typed, or '' (usernameless sign-in with a discoverable credential). */
  username: string;
  signal: AbortSignal;
}

/** What the passkey module supplies. */
export interface PasskeyChoice {
  /** False when this build or browser cannot do passkeys: the choice is then not shown. */
  available(): boolean;
  /** Runs the ceremony; resolves signed in (the session cookie set), rejects with an `ApiError`. */
  signIn(context: PasskeyContext): Promise<SignedIn>;
}

/** Loads the passkey choice's chunk (only when a passkey choice is about to be shown). */
export const loadPasskeyChoice = (): Promise<PasskeyChoice> =>
  import('./passkey-choice.js').then((m) => m.passkeyChoice);

export { isCodeFactor as isCodeChoice, otherChoices } from './login-state.js';
