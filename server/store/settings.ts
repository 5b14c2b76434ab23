/**
 * The settings row (there is exactly one): whether IPSafeZone is active, whether two-step
 * authentication (password, then SecSign ID) is active, and whether users may change their own
 * SecSign ID.
 */
import type { InStatement } from '@libsql/client';
import type { Executor } from '../db/executor.js';
import { bool } from './rows.js';

export interface Settings {
  ipSafeZoneActive: boolean;
  twoStepActive: boolean;
  usersChangeOwnId: boolean;
}

/** Reads the settings. */
export async function getSettings(db: Executor): Promise<Settings> {
  const rs = await db.execute(
    'SELECT ipsafezone_active, two_step_active, users_change_own_id FROM settings WHERE id = 1',
  );
  const row = rs.rows[0];
  if (!row) throw new Error('The settings row is missing; the database was not migrated.');
  return {
    ipSafeZoneActive: bool(row, 'ipsafezone_active'),
    twoStepActive: bool(row, 'two_step_active'),
    usersChangeOwnId: bool(row, 'users_change_own_id'),
  };
}

/** The UPDATE that writes all three settings (for a batch). */
export function updateSettingsStatement(s: Settings, at: number, by: string): InStatement {
  return {
    sql: `UPDATE settings SET ipsafezone_active = ?, two_step_active = ?, users_change_own_id = ?,
          updated_at = ?, updated_by = ? WHERE id = 1`,
    args: [s.ipSafeZoneActive ? 1 : 0, s.twoStepActive ? 1 : 0, s.usersChangeOwnId ? 1 : 0, at, by],
  };
}

/** The settings change counter (bumped by a trigger on every update, from any connection). */
export async function settingsVersion(db: Executor): Promise<number> {
  const rs = await db.execute("SELECT value FROM change_counters WHERE name = 'settings'");
  return Number(rs.rows[0]?.[0] ?? 0);
}
