/**
 * The policy's version as a save's administrator guard saw it: the zones' and the settings'
 * change counters (`change_counters`, bumped with every zone change and by the settings' trigger).
 * A policy save reads them before its guard and asserts them in its batch
 * (`policyUnchangedStatement`, migration 022), so the guard and the write see one policy: a save
 * racing another — on this instance or another — aborts instead of writing past the guard.
 */
import type { Statement } from '../db/database.js';
import type { Executor } from '../db/executor.js';

export interface PolicyVersions {
  zones: number;
  settings: number;
}

/** Reads both counters (one query). */
export async function policyVersions(db: Executor): Promise<PolicyVersions> {
  const rs = await db.execute(
    "SELECT name, value FROM change_counters WHERE name IN ('zones', 'settings')",
  );
  const of = (name: string) => Number(rs.rows.find((r) => r['name'] === name)?.['value'] ?? 0);
  return { zones: of('zones'), settings: of('settings') };
}

/**
 * For a save's batch, after the changes' lock and before its writes: aborts the batch
 * (`CHECK constraint … policy_changed`) when either counter moved since `seen` was read.
 */
export function policyUnchangedStatement(seen: PolicyVersions): Statement {
  return {
    sql: `INSERT INTO rule_assertions (rule) SELECT 'policy_changed'
          WHERE (SELECT value FROM change_counters WHERE name = 'zones') <> ?
             OR (SELECT value FROM change_counters WHERE name = 'settings') <> ?`,
    args: [seen.zones, seen.settings],
  };
}
