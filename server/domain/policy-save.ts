/**
 * Saving the policy with its administrator guard checked atomically with the write (issue 27): a
 * zone saved, the settings saved, a draft applied. The guard (policy-preview-admins.ts, 409
 * `admin_locked_out`) judges the zones and settings as it reads them; the save's batch asserts
 * that they are still those (`policyUnchangedStatement`, store/policy-versions.ts, migration 022) —
 * after the changes' lock on PostgreSQL (apply-change.ts: every change's batch takes it first, so
 * the assertion sees what the save before it committed) and inside the batch's one write
 * transaction on libSQL. So two saves that are each allowed alone but together would take an
 * administrator's way in (two zones removed at once, say) cannot both pass: the one that comes
 * second aborts (`policy_changed`), is judged again on the policy as it is now, and is refused.
 * A save that keeps losing such races gives up after a few attempts (409 `policy_changed`).
 */
import type { Database, Statement } from '../db/database.js';
import { AppError } from '../platform/errors.js';
import { policyUnchangedStatement, policyVersions } from '../store/policy-versions.js';

/** How often a save is judged and tried before it answers 409 `policy_changed`. */
export const POLICY_SAVE_ATTEMPTS = 3;

/**
 * Runs `attempt` — its reads, its guard, then one `applyChange` whose statements include
 * `unchanged` — until it is not overtaken by another save (see the module comment).
 */
export async function savePolicy<T>(
  db: Database,
  attempt: (unchanged: Statement) => Promise<T>,
): Promise<T> {
  for (let i = 1; ; i++) {
    const seen = await policyVersions(db);
    try {
      return await attempt(policyUnchangedStatement(seen));
    } catch (err) {
      const raced = err instanceof AppError && err.code === 'policy_changed';
      if (!raced || i >= POLICY_SAVE_ATTEMPTS) throw err;
    }
  }
}
