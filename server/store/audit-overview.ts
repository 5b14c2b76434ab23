/**
 * The admin page's overview: aggregates over the audit log (with the audit log's own filters, see
 * `auditWhere`) and the lock-outs in force now. SQL in, plain numbers out; what counts as a sign-in
 * or a failure is written down here once:
 * - a sign-in is a `login.success` entry — inside when it matched a zone, outside when not;
 * - a failed attempt is a `login.password`, `login.secsign` or `login.failure` entry whose outcome
 *   is not a step on the way (`password_ok`, `secsign_pending`) or success;
 * - a second-factor failure is a failed `login.secsign` or `login.failure` entry.
 */
import type { Executor } from '../db/executor.js';
import { auditWhere, type AuditFilters } from './audit.js';
import { num, str, strOrNull } from './rows.js';

const STEPS = `'password_ok', 'secsign_pending', 'signed_in'`;
const FAILED = `action IN ('login.password', 'login.secsign', 'login.failure') AND coalesce(outcome, '') NOT IN (${STEPS})`;
const SECOND_FACTOR_FAILED = `action IN ('login.secsign', 'login.failure') AND coalesce(outcome, '') NOT IN (${STEPS})`;

/**
 * How many rows of the group meet `cond`, in SQL both backends take (PostgreSQL has no
 * `sum(boolean)`).
 */
const countWhere = (cond: string) => `SUM(CASE WHEN ${cond} THEN 1 ELSE 0 END)`;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** One bar of the time chart: sign-ins inside and outside, failed attempts. */
export interface OverviewBucket {
  /** Start of the bucket, ms since the epoch (UTC hours or days). */
  start: number;
  inside: number;
  outside: number;
  failed: number;
}

export interface AuditOverview {
  /** The span looked at (the filters' bounds, else the last 14 days up to now). */
  from: number;
  to: number;
  /** `hour` when the span is two days or less, else `day`. */
  bucket: 'hour' | 'day';
  buckets: OverviewBucket[];
  totals: { signIns: number; inside: number; outside: number; failed: number };
  /** Sign-ins per zone, most first; `zone: null` is outside every zone. At most 8. */
  zones: { zone: string | null; count: number }[];
  /** Failed attempts by outcome, most first. */
  outcomes: { outcome: string; count: number }[];
  /** Second-factor failures by outcome, most first. */
  secondFactor: { outcome: string; count: number }[];
  /** Lock-outs in force now (not filtered): what is locked (`user:…`, `ip:…`, `secsign:…`) and until when. */
  locked: { key: string; until: number }[];
}

const rows = async (db: Executor, sql: string, args: (string | number)[]) =>
  (await db.execute({ sql, args })).rows;

/** The overview for `filters` at time `now`. */
export async function auditOverview(
  db: Executor,
  filters: AuditFilters,
  now: number,
): Promise<AuditOverview> {
  const to = filters.to ?? now;
  const from = filters.from ?? to - 14 * DAY;
  const bucket = to - from <= 2 * DAY ? 'hour' : 'day';
  const size = bucket === 'hour' ? HOUR : DAY;
  const { clause, args } = auditWhere({ ...filters, from, to });
  const and = (cond: string) => `${clause} AND (${cond})`;

  const [series, zones, outcomes, second, locked] = await Promise.all([
    rows(
      db,
      `SELECT (at / ${size}) * ${size} AS start,
              ${countWhere("action = 'login.success' AND zone IS NOT NULL")} AS inside,
              ${countWhere("action = 'login.success' AND zone IS NULL")} AS outside,
              ${countWhere(FAILED)} AS failed
         FROM audit_log ${clause} GROUP BY start ORDER BY start`,
      args,
    ),
    rows(
      db,
      // Outside (no zone) first among equals, on both backends (their NULLs sort apart).
      `SELECT zone, count(*) AS n FROM audit_log ${and("action = 'login.success'")}
         GROUP BY zone ORDER BY n DESC, (zone IS NULL) DESC, zone LIMIT 8`,
      args,
    ),
    rows(
      db,
      `SELECT coalesce(outcome, '') AS outcome, count(*) AS n FROM audit_log ${and(FAILED)}
         GROUP BY outcome ORDER BY n DESC, outcome`,
      args,
    ),
    rows(
      db,
      `SELECT coalesce(outcome, '') AS outcome, count(*) AS n FROM audit_log ${and(SECOND_FACTOR_FAILED)}
         GROUP BY outcome ORDER BY n DESC, outcome`,
      args,
    ),
    rows(
      db,
      'SELECT key, locked_until FROM rate_limits WHERE locked_until > ? ORDER BY locked_until DESC LIMIT 50',
      [now],
    ),
  ]);
  const buckets = series.map((r) => ({
    start: num(r, 'start'),
    inside: num(r, 'inside'),
    outside: num(r, 'outside'),
    failed: num(r, 'failed'),
  }));
  const sum = (k: 'inside' | 'outside' | 'failed') => buckets.reduce((n, b) => n + b[k], 0);
  const counted = (list: typeof outcomes) =>
    list.map((r) => ({ outcome: str(r, 'outcome'), count: num(r, 'n') }));
  return {
    from,
    to,
    bucket,
    buckets,
    totals: {
      signIns: sum('inside') + sum('outside'),
      inside: sum('inside'),
      outside: sum('outside'),
      failed: sum('failed'),
    },
    zones: zones.map((r) => ({ zone: strOrNull(r, 'zone'), count: num(r, 'n') })),
    outcomes: counted(outcomes),
    secondFactor: counted(second),
    locked: locked.map((r) => ({ key: str(r, 'key'), until: num(r, 'locked_until') })),
  };
}
