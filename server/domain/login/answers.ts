/**
 * The login API's answers (docs/api.md), as the server sends them. The widget and the admin page
 * `import type` these — type-only imports cost the bundle nothing — so the contract cannot drift
 * between three hand-kept copies again.
 */
import type { LoginMode, Requirement } from '../../policy/index.js';
import type { FactorChangeJson } from '../factor-history.js';
import type { CodeFactorName, FACTORS, SecondFactorName } from '../../factors/registry.js';
import type { EnrolPrompt } from '../enrolment-campaign.js';
import type { ChallengeDisplay } from '../../factors/modules.js';
import type { ApiUser } from './api-user.js';

export type { ApiUser };

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
  /**
   * The second factors that count from here under the administrator's policy, in the order the
   * widget offers them ("Use another way"). The same for every user name, known or not (see
   * docs/factors.md); which of them a user has enrolled is told only after the password.
   */
  factors: FactorOffer[];
}

/** A second factor the widget can offer: every factor of the registry besides the password. */
export type FactorChoiceName = SecondFactorName;

/**
 * How the login asks for each choice (its facts' `answer`: `code`, `challenge`, `ceremony`), so a
 * client's table of its views can be checked against the server's facts at compile time.
 */
export type FactorAnswers = { readonly [N in FactorChoiceName]: (typeof FACTORS)[N]['answer'] };

/** The choices answered with a typed code (`POST /api/login/code`). */
export type CodeChoiceName = CodeFactorName;

export interface FactorOffer {
  factor: FactorChoiceName;
  /** True when the password is asked first (TOTP and recovery codes always; everything in `2sa`). */
  withPassword: boolean;
}

/** The fields every pending challenge answers with, whichever factor it is. */
export interface PendingFields {
  /** The wire name of the first API (SecSign ID's), kept for every challenge. */
  status: 'secsign_pending';
  transaction: string;
  /** ISO time when the challenge expires (SecSign ID: at the ID server; the widget counts down). */
  expiresAt: string;
  pollAfterMs: number;
  /**
   * The user's other usable second factors (after the password only): the same `transaction` may
   * be finished with one of them instead (`POST /api/login/code`, or the passkey step).
   */
  factors?: FactorOffer[];
}

/**
 * A challenge that has begun and waits for the user: the common fields and the factor's own
 * display (`factor` names it; SecSign ID: `secSignId`, `accessPass` — the access pass symbol, null
 * when switched off — and `deepLink`). One member per factor module answered with a challenge.
 */
export type ChallengePending = ChallengeDisplay extends infer D
  ? D extends ChallengeDisplay
    ? PendingFields & D
    : never
  : never;

/** The pending answer of the challenge of factor `F` (of any of them, for a union of names). */
export type PendingFor<F extends string> = Extract<ChallengePending, { factor: F }>;

/** A SecSign ID login that has begun and waits for the user to pick the access pass on the phone. */
export type SecSignPending = PendingFor<'secsign'>;

/**
 * The password was right and a second factor is needed, but none was started for the user (no
 * SecSign ID, or it does not count here): the widget offers `factors` (this user's usable ones)
 * and finishes `transaction` with one of them.
 */
export interface SecondFactorNeeded {
  status: 'second_factor';
  transaction: string;
  factors: FactorOffer[];
  /** ISO time when the transaction ends. */
  expiresAt: string;
}

/**
 * A one-time code was sent out of band for `factor` (an e-mail code): type it to finish
 * `transaction` (`POST /api/login/code`) before `expiresAt`; `factors` are the user's usable ones.
 */
export interface CodeSent {
  status: 'code_sent';
  transaction: string;
  factor: CodeChoiceName;
  expiresAt: string;
  factors: FactorOffer[];
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
  /** After a recovery code: how many unused codes the user has left. */
  recoveryCodesLeft?: number;
  /** The enrolment campaign asks the user to set up a second factor (docs/factors.md). */
  enrol?: EnrolPrompt;
}

/**
 * What `POST /api/login/password` and `POST /api/login/secsign` answer, and (`code_sent`) `POST
 * /api/login/code/send`.
 */
export type StepAnswer = SignedIn | ChallengePending | SecondFactorNeeded | CodeSent;

/** What `POST /api/login/secsign/status` answers. */
export type PollAnswer = SignedIn | StillPending;

/** `GET /api/session`. */
export interface SessionAnswer {
  user: ApiUser | null;
  session: { createdAt: string; expiresAt: string; factors: string } | null;
  /** A session exists but its factors are not enough from this address. */
  secondFactorRequired: boolean;
  /** The session may only enrol a second factor (the enrolment campaign's deadline passed). */
  enrolmentRequired?: boolean;
  /**
   * Changes to the user's sign-in methods since their sign-in before this session (newest first,
   * at most 5): the widget tells them after signing in ("A passkey was added … — not you?").
   */
  factorChanges?: FactorChangeJson[];
}

export type { FactorChangeJson, EnrolPrompt };
