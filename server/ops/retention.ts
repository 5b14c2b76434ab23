/**
 * Audit-log retention: entries older than `IPSAFEZONE_AUDIT_RETENTION_DAYS` are purged, and the
 * purge itself is audited (`audit.purge`, with the cut-off and the count). The log stays
 * append-only for everything else: migration 006 lets a DELETE through only for entries older than
 * a purge permit, and the permit exists only inside the purge's own batch (one transaction), so no
 * other connection ever sees one. `ipsafezone audit export --before DATE` archives first.
 */
import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import { dialectOf } from '../db/dialect.js';

const DAY_MS = 86_400_000;

/** Deletes the entries before `beforeAt` (ms) and audits it; returns how many were deleted. */
export async function purgeAuditBefore(
  db: Database,
  clock: Clock,
  beforeAt: number,
  actor: string,
): Promise<number> {
  if (dialectOf(db) === 'postgres') {
    // No changes() here: the DELETE hands its count to the purge's own entry in one statement.
    const results = await db.batch(
      [
        { sql: 'INSERT INTO audit_purge_permit (before_at) VALUES (?)', args: [beforeAt] },
        {
          sql: `WITH gone AS (DELETE FROM audit_log WHERE at < ? RETURNING 1),
                     n AS (SELECT count(*) AS deleted FROM gone),
                     logged AS (
                       INSERT INTO audit_log (at, actor, action, outcome, details)
                       SELECT ?, ?, 'audit.purge', 'purged',
                              json_build_object('before', ?::text, 'deleted', n.deleted)::text
                       FROM n)
                SELECT deleted FROM n`,
          args: [beforeAt, clock.now(), actor, new Date(beforeAt).toISOString()],
        },
        'DELETE FROM audit_purge_permit',
      ],
      'write',
    );
    return Number(results[1]!.rows[0]?.['deleted'] ?? 0);
  }
  const results = await db.batch(
    [
      { sql: 'INSERT INTO audit_purge_permit (before_at) VALUES (?)', args: [beforeAt] },
      { sql: 'DELETE FROM audit_log WHERE at < ?', args: [beforeAt] },
      // changes() is still the DELETE's count here: the purge's own entry says how many went.
      {
        sql: `INSERT INTO audit_log (at, actor, action, outcome, details)
              VALUES (?, ?, 'audit.purge', 'purged', json_object('before', ?, 'deleted', changes()))`,
        args: [clock.now(), actor, new Date(beforeAt).toISOString()],
      },
      'DELETE FROM audit_purge_permit',
    ],
    'write',
  );
  const deleted = results[1]!.rowsAffected;
  return deleted;
}

/** Runs the purge for `retentionDays` now and then every `everyMs`; returns a stop function. */
export function scheduleRetention(deps: {
  db: Database;
  clock: Clock;
  retentionDays: number;
  logger: Logger;
  everyMs?: number;
}): () => void {
  if (deps.retentionDays <= 0) return () => undefined;
  const run = async () => {
    try {
      const before = deps.clock.now() - deps.retentionDays * DAY_MS;
      const n = await purgeAuditBefore(deps.db, deps.clock, before, 'retention');
      deps.logger.info({ deleted: n, before: new Date(before).toISOString() }, 'audit retention');
    } catch (err) {
      deps.logger.error({ detail: (err as Error).message }, 'audit retention failed');
    }
  };
  const timer = setInterval(() => void run(), deps.everyMs ?? 6 * 3_600_000);
  timer.unref();
  const first = setTimeout(() => void run(), 5_000);
  first.unref();
  return () => {
    clearInterval(timer);
    clearTimeout(first);
  };
}
