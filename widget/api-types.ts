/**
 * The shapes the backend's login API answers with (docs/api.md), as the widget sees them. Kept
 * apart from the client so render functions and events can name them without pulling in fetch code.
 */

/** How a login must be confirmed from where the requester stands. */
export type LoginMode = 'password' | '2fa' | '2sa';

/** `GET /api/zone`: where the requester stands. A hint for the form, never a promise. */
export interface ZoneInfo {
  clientIp: string;
  inside: boolean;
  zone: string | null;
  active: boolean;
  mode: LoginMode;
  reason: string;
}

/** A signed-in user as the backend describes them. */
export interface User {
  username: string;
  displayName: string;
  email: string;
  role: 'admin' | 'user';
  secSignId: string | null;
}

/** A SecSign ID login that has begun and waits for the user to pick the access pass on the phone. */
export interface Pending {
  status: 'secsign_pending';
  transaction: string;
  secSignId: string;
  /** `data:image/png;base64,…` — the access pass symbol. */
  accessPass: string;
  /** ISO time after which the SecSign ID server gives up. */
  expiresAt: string;
  pollAfterMs: number;
  deepLink?: string;
}

/** What a login step answers with on success. */
export type StepResult = { status: 'signed_in'; user: User } | Pending;

/** What polling the SecSign ID state answers with while no failure happened. */
export type PollResult =
  | { status: 'secsign_pending'; state: number; pollAfterMs: number }
  | { status: 'signed_in'; user: User };
