/**
 * The settings row (there is exactly one): whether IPSafeZone is active, whether two-step
 * authentication (password, then a second factor) is active, whether users may change their own
 * SecSign ID, which second factors count outside the zone, and whether a first second factor may
 * be enrolled from a password-only session inside the zone.
 */
import type { Statement } from '../db/database.js';
import type { Executor } from '../db/executor.js';
import { formatFactors, parseFactors, type FactorSet } from '../factors/proof.js';
import { bool, str } from './rows.js';

export interface Settings {
  ipSafeZoneActive: boolean;
  twoStepActive: boolean;
  usersChangeOwnId: boolean;
  /** The second factors that count outside (`secsign`, `passkey`, `totp`, `recovery_code`). */
  outsideFactors: FactorSet;
  /** Whether a password-only session inside the zone may enrol a user's first second factor. */
  firstFactorInside: boolean;
}

/** Reads the settings. */
export async function getSettings(db: Executor): Promise<Settings> {
  const rs = await db.execute(
    `SELECT ipsafezone_active, two_step_active, users_change_own_id, outside_factors,
            first_factor_inside FROM settings WHERE id = 1`,
  );
  const row = rs.rows[0];
  if (!row) throw new Error('The settings row is missing; the database was not migrated.');
  return {
    ipSafeZoneActive: bool(row, 'ipsafezone_active'),
    twoStepActive: bool(row, 'two_step_active'),
    usersChangeOwnId: bool(row, 'users_change_own_id'),
    // Unknown names are dropped by parseFactors: they allow nothing (fail closed).
    outsideFactors: parseFactors(str(row, 'outside_factors')),
    firstFactorInside: bool(row, 'first_factor_inside'),
  };
}

/** The UPDATE that writes all settings (for a batch). */
export function updateSettingsStatement(s: Settings, at: number, by: string): Statement {
  return {
    sql: `UPDATE settings SET ipsafezone_active = ?, two_step_active = ?, users_change_own_id = ?,
          outside_factors = ?, first_factor_inside = ?, updated_at = ?, updated_by = ? WHERE id = 1`,
    args: [
      s.ipSafeZoneActive ? 1 : 0,
      s.twoStepActive ? 1 : 0,
      s.usersChangeOwnId ? 1 : 0,
      formatFactors(s.outsideFactors),
      s.firstFactorInside ? 1 : 0,
      at,
      by,
    ],
  };
}

/** The settings change counter (bumped by a trigger on every update, from any connection). */
export async function settingsVersion(db: Executor): Promise<number> {
  const rs = await db.execute("SELECT value FROM change_counters WHERE name = 'settings'");
  return Number(rs.rows[0]?.[0] ?? 0);
}
