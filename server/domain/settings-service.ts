/**
 * Changing the settings, with the seed's rule generalised (issue 18): IPSafeZone cannot be
 * activated unless at least one enabled administrator can sign in from outside with a second
 * factor the policy allows (`outside-admins.ts`), and a change of that policy cannot take the last
 * such way away. The policy itself must name at least one factor that works without recovery codes.
 * A change of IPSafeZone, two-step or the outside factors that would take an enabled
 * administrator's way in — judged on the last 30 days' sign-ins, as the impact preview shows it —
 * is refused too (409 `admin_locked_out`, policy-preview-admins.ts).
 */
import type { Database, Statement } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import { AppError } from '../platform/errors.js';
import { formatFactors } from '../factors/proof.js';
import { FACTORS, SECOND_FACTOR_NAMES, type FactorName } from '../factors/registry.js';
import { auditStatement } from '../store/audit.js';
import { getSettings, updateSettingsStatement, type Settings } from '../store/settings.js';
import { auditActor, requireAdmin, type DomainActor } from './actor.js';
import { applyChange } from './apply-change.js';
import { countOutsideCapable } from './outside-admins.js';
import { lastOutsideAdmin, noOutsideAdmin } from './errors.js';
import { guardAdminsWayIn } from './policy-preview-admins.js';
import { savePolicy } from './policy-save.js';
import { guardOwnSession, type OwnSession } from './own-session.js';

/** The names the outside policy may hold: every second factor. */
export const POLICY_FACTORS: readonly FactorName[] = SECOND_FACTOR_NAMES;

/** Settings as written to the audit log and compared (the factor set in its stored form). */
const comparable = (s: Settings) => ({ ...s, outsideFactors: formatFactors(s.outsideFactors) });

/** A change of the settings as planned (`planSettingsChange`): its batch's part, unwritten. */
export interface SettingsPlan {
  before: Settings;
  after: Settings;
  /** What moved of the policy the administrator guard judges. */
  policyMoved: boolean;
  statements: Statement[];
  /** The seed rule's refusal should the batch's assertion fail. */
  seedRule: 'no_secsign_admin' | 'last_secsign_admin';
}

/**
 * Checks a change of some settings and builds its statements and audit entry, without writing
 * (for `updateSettings`, and for a draft applied in one batch with its zones). Null when nothing
 * changes. Refuses (422 `invalid_policy`) a policy without a factor that works without recovery
 * codes; (409 `no_secsign_admin`) activating IPSafeZone while no enabled administrator can sign in
 * from outside; (409 `last_secsign_admin`) a policy that would leave none.
 */
export async function planSettingsChange(
  db: Database,
  actor: DomainActor,
  patch: Partial<Settings>,
  at: number,
): Promise<SettingsPlan | null> {
  requireAdmin(actor);
  const before = await getSettings(db);
  const after: Settings = {
    ipSafeZoneActive: patch.ipSafeZoneActive ?? before.ipSafeZoneActive,
    twoStepActive: patch.twoStepActive ?? before.twoStepActive,
    usersChangeOwnId: patch.usersChangeOwnId ?? before.usersChangeOwnId,
    outsideFactors: patch.outsideFactors ?? before.outsideFactors,
    firstFactorInside: patch.firstFactorInside ?? before.firstFactorInside,
  };
  if (patch.outsideFactors) {
    if (patch.outsideFactors.some((f) => !POLICY_FACTORS.includes(f))) {
      throw new AppError(
        422,
        'invalid_policy',
        'The outside policy may name secsign, passkey, totp and recovery_code only.',
      );
    }
    if (!after.outsideFactors.some((f) => !FACTORS[f].replacesLostFactor)) {
      throw new AppError(
        422,
        'invalid_policy',
        'Allow at least one second factor outside (SecSign ID, passkey or authenticator app); recovery codes only stand in for one.',
      );
    }
  }
  const [b, a] = [comparable(before), comparable(after)];
  const changed = (Object.keys(a) as (keyof typeof a)[]).filter((k) => a[k] !== b[k]);
  if (changed.length === 0) return null;
  const capableAfter = await countOutsideCapable(db, after.outsideFactors);
  if (after.ipSafeZoneActive && capableAfter === 0) {
    // Already active and losing the last way (a policy change), or being switched on without one.
    if (before.ipSafeZoneActive) throw lastOutsideAdmin();
    throw noOutsideAdmin();
  }
  // Inactive too, a policy change may not take the last administrator's way in from outside.
  if (capableAfter === 0 && (await countOutsideCapable(db, before.outsideFactors)) > 0) {
    throw lastOutsideAdmin();
  }
  return {
    before,
    after,
    policyMoved: changed.some(
      (k) => k === 'ipSafeZoneActive' || k === 'twoStepActive' || k === 'outsideFactors',
    ),
    statements: [
      updateSettingsStatement(after, at, actor.username),
      auditStatement(at, {
        ...auditActor(actor),
        action: 'settings.update',
        outcome: 'changed',
        details: { before: b, after: a },
      }),
    ],
    seedRule: before.ipSafeZoneActive ? 'last_secsign_admin' : 'no_secsign_admin',
  };
}

/**
 * Changes some settings (refusals as `planSettingsChange`), and refuses (409 `admin_locked_out`)
 * a change of the policy that would stop an administrator where they sign in — judged and written
 * atomically (policy-save.ts); and, unless confirmed, one that would end the acting
 * administrator's own session (409 `ends_own_session`, own-session.ts; `own` is absent for the
 * command line). Returns the settings after the change.
 */
export async function updateSettings(
  db: Database,
  clock: Clock,
  actor: DomainActor,
  patch: Partial<Settings>,
  own?: OwnSession,
): Promise<Settings> {
  requireAdmin(actor);
  return savePolicy(db, async (unchanged) => {
    const plan = await planSettingsChange(db, actor, patch, clock.now());
    if (!plan) return getSettings(db);
    const { after } = plan;
    if (plan.policyMoved)
      await guardAdminsWayIn(db, clock, {
        ipSafeZoneActive: after.ipSafeZoneActive,
        twoStepActive: after.twoStepActive,
        outsideFactors: after.outsideFactors,
      });
    await guardOwnSession(actor, own, { settings: after });
    await applyChange(db, [unchanged, ...plan.statements], plan.seedRule);
    return after;
  });
}
