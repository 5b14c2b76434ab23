/**
 * Changing the settings, with the seed's rule generalised (issue 18): IPSafeZone cannot be
 * activated unless at least one enabled administrator can sign in from outside with a second
 * factor the policy allows (`outside-admins.ts`), and a change of that policy cannot take the last
 * such way away. The policy itself must name at least one factor that works without recovery codes.
 * A change of IPSafeZone, two-step or the outside factors that would take an enabled
 * administrator's way in — judged on the last 30 days' sign-ins, as the impact preview shows it —
 * is refused too (409 `admin_locked_out`, policy-preview-admins.ts).
 */
import type { Database } from '../db/database.js';
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

/** The names the outside policy may hold: every second factor. */
export const POLICY_FACTORS: readonly FactorName[] = SECOND_FACTOR_NAMES;

/** Settings as written to the audit log and compared (the factor set in its stored form). */
const comparable = (s: Settings) => ({ ...s, outsideFactors: formatFactors(s.outsideFactors) });

/**
 * Changes some settings. Refuses (409 `no_secsign_admin`) to activate IPSafeZone while no enabled
 * administrator can sign in from outside, (409 `last_secsign_admin`) a policy that would leave
 * none, and (409 `admin_locked_out`) one that would stop an administrator where they sign in.
 * Returns the settings after the change.
 */
export async function updateSettings(
  db: Database,
  clock: Clock,
  actor: DomainActor,
  patch: Partial<Settings>,
): Promise<Settings> {
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
  if (changed.length === 0) return before;
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
  if (
    changed.some((k) => k === 'ipSafeZoneActive' || k === 'twoStepActive' || k === 'outsideFactors')
  )
    await guardAdminsWayIn(db, clock, {
      ipSafeZoneActive: after.ipSafeZoneActive,
      twoStepActive: after.twoStepActive,
      outsideFactors: after.outsideFactors,
    });
  const at = clock.now();
  await applyChange(
    db,
    [
      updateSettingsStatement(after, at, actor.username),
      auditStatement(at, {
        ...auditActor(actor),
        action: 'settings.update',
        outcome: 'changed',
        details: { before: b, after: a },
      }),
    ],
    before.ipSafeZoneActive ? 'last_secsign_admin' : 'no_secsign_admin',
  );
  return after;
}
