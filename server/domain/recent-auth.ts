/**
 * "Recent authentication" for a user's own factor changes (issue 23, item 2). A session lives for
 * hours; whoever sits at it then — on a shared computer, or with a stolen cookie — must not be able
 * to add their own passkey or authenticator app, remove the user's, make new recovery codes or
 * move the SecSign ID. So each of these changes needs the session to have proved who is behind it
 * within `IPSAFEZONE_REAUTH_MINUTES` (default 5): by its sign-in, or by confirming again on the
 * profile page with a factor the user has (`confirmSession`; only a user with no second factor
 * confirms with the password). Refusals (403 `reauthentication_required`) and confirmations are
 * audited. Administrators acting on other users go through the admin API and are not asked here.
 */
import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import { AppError } from '../platform/errors.js';
import { factorSet } from '../factors/proof.js';
import type { FactorName } from '../factors/registry.js';
import { auditStatement, appendAudit } from '../store/audit.js';
import { confirmSessionStatement } from '../store/sessions.js';
import { auditActor, type DomainActor } from './actor.js';

/** What a confirmation is audited as. */
export const CONFIRM_ACTION = 'session.confirm';

/** The refusal: the session's last sign-in or confirmation is older than the window. */
export const reauthenticationRequired = (windowMs: number) =>
  new AppError(
    403,
    'reauthentication_required',
    `Please confirm it is you: changing your sign-in methods needs a sign-in within the last ${Math.round(windowMs / 60_000)} minutes.`,
    { windowMinutes: Math.round(windowMs / 60_000) },
  );

/** Whether the actor's session proved who is behind it within `windowMs` of `now`. Pure. */
export function isRecent(
  actor: Pick<DomainActor, 'authenticatedAt'>,
  now: number,
  windowMs: number,
): boolean {
  const at = actor.authenticatedAt;
  return at !== undefined && now - at <= windowMs && at <= now;
}

/**
 * Throws (and audits, as `action` with outcome `reauthentication_required`) unless the actor's
 * own session is recent enough for a change of their own sign-in methods.
 */
export async function requireRecentAuth(
  db: Database,
  clock: Clock,
  actor: DomainActor,
  windowMs: number,
  action: string,
): Promise<void> {
  const now = clock.now();
  if (isRecent(actor, now, windowMs)) return;
  await appendAudit(db, clock, {
    ...auditActor(actor),
    action,
    username: actor.username,
    outcome: 'reauthentication_required',
    details: {
      authenticatedAt:
        actor.authenticatedAt === undefined ? null : new Date(actor.authenticatedAt).toISOString(),
      windowMinutes: Math.round(windowMs / 60_000),
    },
  });
  throw reauthenticationRequired(windowMs);
}

/**
 * Records that the actor's session just confirmed who is behind it with `factor`: the time, and
 * the factor added to what the session proves (a password session confirmed with the user's app
 * now proves both, as a sign-in with both would) — with its audit entry, in one write.
 */
export async function confirmSession(
  db: Database,
  clock: Clock,
  actor: DomainActor,
  factor: FactorName,
): Promise<void> {
  if (!actor.sessionId) throw new AppError(401, 'not_signed_in', 'Sign in first.');
  const at = clock.now();
  const factors = factorSet(...(actor.factors ?? []), factor);
  await db.batch(
    [
      confirmSessionStatement(actor.sessionId, factors, at),
      auditStatement(at, {
        ...auditActor(actor),
        action: CONFIRM_ACTION,
        username: actor.username,
        outcome: 'confirmed',
        details: { factor },
      }),
    ],
    'write',
  );
}

/** Audits a confirmation that failed (a wrong code, a refused passkey …). */
export function auditConfirmFailure(
  db: Database,
  clock: Clock,
  actor: DomainActor,
  outcome: string,
  details?: object,
): Promise<void> {
  return appendAudit(db, clock, {
    ...auditActor(actor),
    action: CONFIRM_ACTION,
    username: actor.username,
    outcome,
    details,
  });
}
