/**
 * The login API's answers (docs/api.md), as the server sends them. The widget and the admin page
 * `import type` these — type-only imports cost the bundle nothing — so the contract cannot drift
 * between three hand-kept copies again.
 */
import type { LoginMode, Requirement } from '../policy/index.js';

/** `GET /api/zone`: where the requester stands. A hint for the form, never a promise. */
export interface ZoneInfo {
  /** The address the server sees, or null when it cannot tell (then: outside). */
  clientIp: string | null;
  inside: boolean;
  zone: string | null;
  active: boolean;
  /** Wire name of what is needed: `password`, `2fa` (a second factor alone), `2sa` (password, then a second factor). */
  mode: LoginMode;
  /** The same, by what it requires. */
  requires: Requirement;
  reason: string;
}

/** A signed-in user as the backend describes them. */
export interface ApiUser {
  username: string;
  displayName: string;
  email: string;
  role: 'admin' | 'user';
  secSignId: string | null;
}

/** A SecSign ID login that has begun and waits for the user to pick the access pass on the phone. */
export interface SecSignPending {
  status: 'secsign_pending';
  /** The second factor waited for. */
  factor: 'secsign';
  transaction: string;
  secSignId: string;
  /** `data:image/png;base64,…` — the access pass symbol; null when the access pass is off. */
  accessPass: string | null;
  /** ISO time when the SecSign ID request expires at the ID server (the widget counts down to it). */
  expiresAt: string;
  pollAfterMs: number;
  deepLink: string;
}

/** What polling answers while nothing is decided yet. */
export interface StillPending {
  status: 'secsign_pending';
  /** SecSign's auth session state (0 none, 1 pending, 7 fetched by the phone). */
  state: number;
  pollAfterMs: number;
}

/** A login step's success answer (the session cookie is set with it). */
export interface SignedIn {
  status: 'signed_in';
  user: ApiUser;
}

/** What `POST /api/login/password` and `POST /api/login/secsign` answer. */
export type StepAnswer = SignedIn | SecSignPending;

/** What `POST /api/login/secsign/status` answers. */
export type PollAnswer = SignedIn | StillPending;

/** `GET /api/session`. */
export interface SessionAnswer {
  user: ApiUser | null;
  session: { createdAt: string; expiresAt: string; factors: string } | null;
  /** A session exists but its factors are not enough from this address. */
  secondFactorRequired: boolean;
}
