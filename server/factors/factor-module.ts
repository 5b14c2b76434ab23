/**
 * The one seam every second factor goes through (issue 25, part 1). A factor is a folder,
 * `server/factors/<name>/`: its facts (`facts.ts`, pure, listed in `registry.ts`) and its module
 * (`module.ts`, listed in `modules.ts`), which says whether a user can use it, how a login asks
 * for it — by the kind its facts name: a typed code checked at once, a challenge the widget waits
 * for (a push to a phone), or a ceremony in the browser with routes of its own — and, if users
 * enrol it on the profile page with a code, how. The login steps, the profile's enrolment routes
 * and the factor offer look a factor up here and never name one. Types only.
 */
import type { AppError } from '../platform/errors.js';
import type { UserRecord } from '../store/users.js';
import type { DomainActor } from '../domain/actor.js';
import type { ZoneDecision } from '../domain/zone-decision.js';
import type { Answer, FactorFacts } from './facts.js';
import type { Holdings } from './registry.js';
import type { FactorDisplay, SecondFactor } from './second-factor.js';
import type { FactorContext } from './factor-context.js';
import type { FactorRoutes } from './factor-routes.js';

export type { FactorContext };

/** What checking a typed code came to; the login step audits `outcome` (`login.<factor>`). */
export type CodeCheck =
  /** Right: `outcome` is the audit's word for it; `recoveryCodesLeft` goes into the answer. */
  | { ok: true; outcome: string; recoveryCodesLeft?: number }
  | { ok: false; outcome: 'invalid_code' | 'code_replayed' }
  /** Cannot be checked now (a sealed secret without its key): audited, then `error` is thrown. */
  | { ok: false; outcome: 'unavailable'; error: AppError };

/** A code typed and checked at once (`POST /api/login/code`, and with the password in 2FA). */
export interface CodeLogin {
  readonly answer: 'code';
  /** Checks `code` for a user whose password was checked and whose attempt was counted. */
  check(ctx: FactorContext, user: UserRecord, code: string): Promise<CodeCheck>;
}

/**
 * A code the server makes and sends out of band — an e-mail, a text message — when the user picks
 * the factor after the password (`POST /api/login/code/send`), then typed like any code (`POST
 * /api/login/code`, with the same attempt limits). The seam makes the code, keeps only its salted
 * hash and expiry in the login transaction and checks it (`server/factors/sent-code.ts`); the
 * module only delivers it. Not offered where a second factor alone is enough (mode `2fa`: the code
 * would have to go with the password in one request) nor to confirm on the profile page.
 */
export interface SentCodeLogin {
  readonly answer: 'sent-code';
  /**
   * Delivers `code`, valid until `expiresAt`, to the user (say to `user.email`). Throws an
   * `AppError` when it cannot; the transaction then ends and the user starts again.
   */
  send(ctx: FactorContext, user: UserRecord, code: string, expiresAt: number): Promise<void>;
}

/**
 * A challenge the widget waits for (`/api/login/secsign/status` polls whichever factor it is).
 * `D` is what the widget shows meanwhile, the factor's own (`second-factor.ts`, `FactorDisplay`).
 */
export interface ChallengeLogin<D extends FactorDisplay = FactorDisplay> {
  readonly answer: 'challenge';
  /** The `SecondFactor` that starts, checks and cancels its challenges. */
  create(ctx: FactorContext): SecondFactor<D>;
  /**
   * What a challenge goes to for this user (their SecSign ID), or null when they hold none. A
   * challenge whose identifier is no longer the user's when it is proven fails (changed meanwhile).
   */
  identifierOf(user: UserRecord): string | null;
  /**
   * Whether it starts at once after a right password (two-step) for a user who holds it, instead
   * of being the user's choice. At most one does: the first in the offer's order.
   */
  readonly startsAfterPassword: boolean;
}

/** A ceremony in the browser (WebAuthn): its login steps are its own routes (the module's `routes`). */
export interface CeremonyLogin {
  readonly answer: 'ceremony';
}

type LoginFor<A extends Answer, D extends FactorDisplay> = A extends 'code'
  ? CodeLogin
  : A extends 'sent-code'
    ? SentCodeLogin
    : A extends 'challenge'
      ? ChallengeLogin<D>
      : A extends 'ceremony'
        ? CeremonyLogin
        : never;

/** What a user types to confirm an enrolment: the token `begin` gave, the first code, a label. */
export interface EnrolmentConfirmation {
  enrolment: string;
  code: string;
  label: string;
}

/**
 * Enrolment on the profile page by a token and a first code (`POST /api/me/factors/<name>`, then
 * `…/<name>/confirm`). Both check the enrolment rules (`server/domain/enrolment-rules.ts`) and
 * audit; `begin` answers what the page shows (a QR code…) with its expiry.
 */
export interface CodeEnrolment {
  begin(
    ctx: FactorContext,
    actor: DomainActor,
    zoneDecision: Pick<ZoneDecision, 'inside' | 'requirement'>,
    user: UserRecord,
  ): Promise<{ expiresAt: number }>;
  confirm(
    ctx: FactorContext,
    actor: DomainActor,
    zoneDecision: Pick<ZoneDecision, 'inside' | 'requirement'>,
    user: UserRecord,
    input: EnrolmentConfirmation,
  ): Promise<object>;
}

/**
 * One factor's module. `D`: what its challenge shows while the widget waits (challenges only); the
 * pending answer's type is the union of every module's (`server/factors/modules.ts`).
 */
export interface FactorModule<
  F extends FactorFacts = FactorFacts,
  D extends FactorDisplay = FactorDisplay,
> {
  readonly facts: F;
  /** Whether a user can use it (holds it): from the facts' `heldAs` unless the factor knows better. */
  usableFor(holdings: Holdings): boolean;
  readonly login: LoginFor<F['answer'], D>;
  /** Enrolment by token and code through the profile's generic routes; absent: its own routes. */
  readonly enrolment?: CodeEnrolment;
  /**
   * Its own login routes (a ceremony's), in its folder (`server/factors/<name>/routes.ts`),
   * declared without Hono and mounted under `/api` by the login routes for every module that has
   * them (`server/login/factor-routes.ts`): a new factor with routes touches no shared route file.
   */
  readonly routes?: FactorRoutes;
}
