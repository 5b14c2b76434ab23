/**
 * Changing the settings, with the seed's rule: IPSafeZone cannot be activated unless at least one
 * enabled administrator has a SecSign ID.
 */
import type { Client } from '@libsql/client';
import type { Clock } from '../clock.js';
import { auditStatement } from '../store/audit.js';
import { getSettings, updateSettingsStatement, type Settings } from '../store/settings.js';
import { countSecSignAdmins } from '../store/users.js';
import { auditActor, requireAdmin, type DomainActor } from './actor.js';
import { applyChange } from './apply-change.js';
import { noSecSignAdmin } from './errors.js';

/**
 * Changes some settings. Refuses (409 `no_secsign_admin`) to activate IPSafeZone while no enabled
 * administrator has a SecSign ID. Returns the settings after the change.
 */
export async function updateSettings(
  db: Client,
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
  };
  if (after.ipSafeZoneActive && (await countSecSignAdmins(db)) === 0) throw noSecSignAdmin();
  const changed = (Object.keys(after) as (keyof Settings)[]).filter((k) => after[k] !== before[k]);
  if (changed.length === 0) return before;
  const at = clock.now();
  await applyChange(db, [
    updateSettingsStatement(after, at, actor.username),
    auditStatement(at, {
      ...auditActor(actor),
      action: 'settings.update',
      outcome: 'changed',
      details: { before, after },
    }),
  ]);
  return after;
}
