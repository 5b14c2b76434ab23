/**
 * A user's first second factor (issue 27 §4). Enrolled from a password session inside the zone it
 * is trust on first use: whoever knows the password in the office may bind the factor that later
 * lets them in from outside. So that moment has its own audit action, `enrolment.first_factor`
 * (outcome `trusted_on_first_use`), beside the enrolment's own entry — and once a factor that counts
 * outside is the user's, the enrolment campaign's limit on their sessions ends
 * (`refreshEnrolmentLimit`). Administrators can require their approval instead
 * (factor-approvals.ts).
 */
import type { Database, Statement } from '../db/database.js';
import { auditStatement } from '../store/audit.js';
import { clearEnrolByStatement } from '../store/enrolment-campaign.js';
import { getSettings } from '../store/settings.js';
import { findUserById } from '../store/users.js';
import { auditActor, type DomainActor } from './actor.js';
import { countsOutside, holdingsOf } from './enrolment-campaign.js';

/** The audit actions of a factor enrolled (an authenticator app, a passkey). */
export const ENROL_ACTIONS: ReadonlySet<string> = new Set(['factor.enrol', 'passkey.add']);

/** What a first factor's trust on first use is audited as. */
export const FIRST_FACTOR_ACTION = 'enrolment.first_factor';

/** The audit entry of a first factor enrolled on the password's word (for the change's batch). */
export function trustOnFirstUseAudit(
  at: number,
  actor: DomainActor,
  username: string,
  enrolment: { action: string; details?: object },
): Statement {
  const details = (enrolment.details ?? {}) as { factor?: unknown };
  return auditStatement(at, {
    ...auditActor(actor),
    action: FIRST_FACTOR_ACTION,
    username,
    outcome: 'trusted_on_first_use',
    details: {
      factor: typeof details.factor === 'string' ? details.factor : 'passkey',
      via: enrolment.action,
      proven: (actor.factors ?? []).join('+'),
    },
  });
}

/**
 * Ends the enrolment campaign's limit on the user's sessions once they hold a second factor that
 * counts outside; leaves it otherwise (an app where the policy counts only SecSign ID, say).
 */
export async function refreshEnrolmentLimit(db: Database, userId: number): Promise<void> {
  const [user, settings] = await Promise.all([findUserById(db, userId), getSettings(db)]);
  if (!user) return;
  if (countsOutside(await holdingsOf(db, user), settings.outsideFactors))
    await db.execute(clearEnrolByStatement(userId));
}
