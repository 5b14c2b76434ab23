/**
 * Who may change a user's second factors, from where — the one rule every enrolment path asks
 * (authenticator apps and recovery codes here, passkeys in their own module, the admin reset):
 * - a first second factor may be enrolled from a session that satisfies the current address's
 *   policy; inside the zone that is the password (the zone is trusted, as the seed intends) unless
 *   the administrator switched `first_factor_inside` off;
 * - adding another, replacing or removing a factor, or new recovery codes, needs a session proven
 *   with a second factor (a recovery code with the password counts: it is how a user who lost
 *   their factor enrols a new one), or an administrator acting on someone else's account;
 * - every change ends the user's other sessions and is audited (`commitFactorChange`).
 * `factorChangeRefusal` is pure; `checkFactorChange` loads what it needs and throws.
 */
import type { Database, Statement } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import { AppError } from '../platform/errors.js';
import { satisfies, type FactorSet } from '../factors/proof.js';
import { auditStatement } from '../store/audit.js';
import { revokeUserSessionsStatement } from '../store/sessions.js';
import { getSettings, type Settings } from '../store/settings.js';
import { findUserById } from '../store/users.js';
import { enrolledKinds, factorChangeGuardStatement } from '../store/user-factors.js';
import type { ZoneDecision } from './zone-decision.js';
import { auditActor, type DomainActor } from './actor.js';
import { applyChange } from './apply-change.js';
import { secondFactorSessionRequired, userNotFound } from './errors.js';
import { ENROL_ACTIONS, refreshEnrolmentLimit, trustOnFirstUseAudit } from './first-factor.js';
import { holdFirstFactor } from './factor-approvals.js';
import { getEnrolmentCampaign } from '../store/enrolment-campaign.js';

/** What is to change: a factor enrolled, a factor removed (or all: reset), new recovery codes. */
export type FactorChange = 'enrol' | 'remove' | 'recovery_codes';

export interface FactorChangeSituation {
  actor: Pick<DomainActor, 'id' | 'role' | 'factors'>;
  targetUserId: number;
  /** Where the request stands now. */
  zoneDecision: Pick<ZoneDecision, 'inside' | 'requirement'>;
  settings: Pick<Settings, 'firstFactorInside'>;
  /** Whether the target has a second factor already (a SecSign ID, an enrolled factor). */
  hasSecondFactor: boolean;
  change: FactorChange;
}

/** Why the change is refused, or null when it may go ahead. Pure. */
export function factorChangeRefusal(s: FactorChangeSituation): AppError | null {
  const { actor, change } = s;
  if (actor.id !== s.targetUserId) {
    // Someone else's factors: only an administrator, and only to remove them (a reset); enrolling
    // needs the user's own device.
    if (actor.role === 'admin' && change === 'remove') return null;
    return new AppError(
      403,
      'not_your_factors',
      'Only the user can enrol their own second factors.',
    );
  }
  const proof: FactorSet = actor.factors ?? [];
  if (!satisfies(s.zoneDecision.requirement, proof)) {
    return new AppError(
      403,
      'second_factor_required',
      'Sign in again as needed from where you are.',
    );
  }
  if (satisfies('second-factor', proof)) return null;
  // A session proven with the password alone.
  if (s.hasSecondFactor) return secondFactorSessionRequired();
  if (change !== 'enrol') {
    return new AppError(409, 'no_second_factor', 'Enrol a second factor first.');
  }
  if (!s.zoneDecision.inside || s.zoneDecision.requirement !== 'password') {
    return new AppError(
      403,
      'second_factor_required',
      'From where you are, a first second factor cannot be enrolled with the password alone. Enrol it from inside the safe zone, or ask an administrator.',
    );
  }
  if (!s.settings.firstFactorInside) {
    return new AppError(
      403,
      'first_factor_inside_off',
      'The administrator does not allow enrolling a first second factor with the password alone. Ask an administrator.',
    );
  }
  return null;
}

/** Whether a user has a second factor: a SecSign ID or an enrolled factor. */
export async function hasSecondFactor(db: Database, userId: number): Promise<boolean> {
  const [user, kinds] = await Promise.all([findUserById(db, userId), enrolledKinds(db, userId)]);
  if (!user) throw userNotFound();
  return user.secSignId !== null || kinds.length > 0;
}

/** Throws the refusal when `actor` may not make `change` to `userId`'s factors from `zoneDecision`. */
export async function checkFactorChange(
  db: Database,
  actor: DomainActor,
  zoneDecision: Pick<ZoneDecision, 'inside' | 'requirement'>,
  userId: number,
  change: FactorChange,
): Promise<void> {
  const [settings, has] = await Promise.all([getSettings(db), hasSecondFactor(db, userId)]);
  const refusal = factorChangeRefusal({
    actor,
    targetUserId: userId,
    zoneDecision,
    settings,
    hasSecondFactor: has,
    change,
  });
  if (refusal) throw refusal;
}

/**
 * Applies a factor change as one batch (or, for a first factor while administrators approve first
 * factors, holds it for them: `'held'`, factor-approvals.ts): its statements, the end of the user's other sessions (the
 * actor's own session stays when it is theirs) and the audit entry. The database's seed triggers
 * refuse a change that would leave no administrator able to sign in from outside. The facts
 * `checkFactorChange` read are asserted again first, in the same transaction (migration 009): a
 * user's own change from a session without a second factor is a *first* factor only while the
 * user still has none (else 403 `second_factor_required`, as the rule says now), and `totpLimit`
 * caps the user's authenticator apps (409 `too_many_factors`).
 */
export async function commitFactorChange(
  db: Database,
  clock: Clock,
  actor: DomainActor,
  target: { id: number; username: string },
  statements: Statement[],
  audit: { action: string; outcome: string; details?: object },
  guard: { totpLimit?: number } = {},
): Promise<'applied' | 'held'> {
  const at = clock.now();
  const own = actor.id === target.id;
  const keep = own ? actor.sessionId : undefined;
  const firstFactor = own && !satisfies('second-factor', actor.factors ?? []);
  if (firstFactor && ENROL_ACTIONS.has(audit.action)) {
    // A first factor on the password's word waits for an administrator when they ask for that.
    if ((await getEnrolmentCampaign(db)).firstFactorApproval) {
      await holdFirstFactor(db, clock, actor, target, statements, audit);
      return 'held';
    }
  }
  await applyChange(db, [
    factorChangeGuardStatement(target.id, { firstFactor, totpLimit: guard.totpLimit }),
    ...statements,
    revokeUserSessionsStatement(target.id, keep, at),
    auditStatement(at, {
      ...auditActor(actor),
      action: audit.action,
      username: target.username,
      outcome: audit.outcome,
      details: audit.details ?? {},
    }),
    ...(firstFactor && ENROL_ACTIONS.has(audit.action)
      ? [trustOnFirstUseAudit(at, actor, target.username, audit)]
      : []),
  ]);
  if (ENROL_ACTIONS.has(audit.action)) await refreshEnrolmentLimit(db, target.id);
  return 'applied';
}
