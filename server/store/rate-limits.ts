/**
 * The brute-force counters (`rate_limits`): SQL in, numbers out. Kept in the database so that the
 * limits hold across server instances on one database. The rules — which keys, how many — live in
 * `server/domain/login/rate-limit.ts`.
 *
 * An attempt is *reserved* atomically before the password is checked (one upsert with RETURNING):
 * the check-then-count race let 199 of 200 parallel guesses be evaluated (lessons-from-peers 11).
 * A successful attempt is refunded afterwards.
 */
import type { Database, Statement, ResultSet } from '../db/database.js';
import type { Clock } from '../platform/clock.js';

export interface Limit {
  /** Attempts (failures) allowed within the window before the key is locked. */
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

/** Milliseconds until the key is unlocked, or 0 when it is not locked. */
export async function lockedFor(db: Database, clock: Clock, key: string): Promise<number> {
  const rs = await db.execute({
    sql: 'SELECT locked_until FROM rate_limits WHERE key = ?',
    args: [key],
  });
  const until = Number(rs.rows[0]?.locked_until ?? 0);
  return Math.max(0, until - clock.now());
}

/** Failures counted for a key within the last `windowMs` (0 when none). */
export async function failuresOf(
  db: Database,
  clock: Clock,
  key: string,
  windowMs: number,
): Promise<number> {
  const rs = await db.execute(failuresStatement(clock.now(), key, windowMs));
  return failuresIn(rs);
}

function failuresStatement(now: number, key: string, windowMs: number): Statement {
  return {
    sql: 'SELECT failures FROM rate_limits WHERE key = ? AND window_start > ?',
    args: [key, now - windowMs],
  };
}

function failuresIn(rs: ResultSet): number {
  return Number(rs.rows[0]?.failures ?? 0);
}

/** The longest remaining lock among several keys (0 when none is locked). */
export async function longestLock(db: Database, clock: Clock, keys: string[]): Promise<number> {
  const locks = await Promise.all(keys.map((key) => lockedFor(db, clock, key)));
  return Math.max(0, ...locks);
}

/**
 * Counts one attempt (or failure) against `key` in one atomic statement and answers whether it
 * may go ahead: 0 when it may, else the milliseconds until the key unlocks. The attempt that
 * reaches the limit may still go ahead and locks the key for the ones after it. A window that has
 * passed, or a lock that has ended, starts the count again at 1.
 */
export async function countAttempt(
  db: Database,
  clock: Clock,
  key: string,
  limit: Limit,
): Promise<number> {
  const [wait] = await countAttempts(db, clock, [{ key, limit }]);
  return wait!;
}

/**
 * Counts one attempt against each key in one write transaction (a batch: the login path's first
 * write is one, not one per key) and answers, per key, what `countAttempt` answers.
 */
export async function countAttempts(
  db: Database,
  clock: Clock,
  keys: readonly { key: string; limit: Limit }[],
): Promise<number[]> {
  const now = clock.now();
  const results = await db.batch(
    keys.map(({ key, limit }) => countAttemptStatement(now, key, limit)),
    'write',
  );
  return waitsOf(results, keys, now);
}

/**
 * `countAttempts`, and in the same write transaction what `failuresOf` answers for `read` (the
 * password step's first write reads the (name, address) pair with it: one batch, issue 13).
 * `counts`: each key's attempts in its window or lock, this one included.
 */
export async function countAttemptsReadingFailures(
  db: Database,
  clock: Clock,
  keys: readonly { key: string; limit: Limit }[],
  read: { key: string; windowMs: number },
): Promise<{ waits: number[]; counts: number[]; failures: number }> {
  const now = clock.now();
  const results = await db.batch(
    [
      ...keys.map(({ key, limit }) => countAttemptStatement(now, key, limit)),
      failuresStatement(now, read.key, read.windowMs),
    ],
    'write',
  );
  return {
    waits: waitsOf(results.slice(0, keys.length), keys, now),
    counts: results.slice(0, keys.length).map((rs) => Number(rs.rows[0]?.failures ?? 0)),
    failures: failuresIn(results[keys.length]!),
  };
}

function waitsOf(
  results: ResultSet[],
  keys: readonly { key: string; limit: Limit }[],
  now: number,
): number[] {
  return results.map((rs, i) => {
    const row = rs.rows[0];
    const failures = Number(row?.failures ?? Infinity);
    const lockedUntil = Number(row?.locked_until ?? 0);
    if (failures <= keys[i]!.limit.maxFailures) return 0;
    return Math.max(1, lockedUntil - now);
  });
}

function countAttemptStatement(now: number, key: string, limit: Limit): Statement {
  // R: the old row no longer counts — its lock has ended, or (never locked) its window passed.
  const R =
    '((rate_limits.locked_until > 0 AND rate_limits.locked_until <= ?2) OR ' +
    '(rate_limits.locked_until = 0 AND ?2 - rate_limits.window_start >= ?4))';
  const next = `(CASE WHEN ${R} THEN 1 ELSE rate_limits.failures + 1 END)`;
  return {
    sql: `INSERT INTO rate_limits (key, failures, window_start, locked_until)
            VALUES (?1, 1, ?2, CASE WHEN 1 >= ?3 THEN ?2 + ?5 ELSE 0 END)
          ON CONFLICT(key) DO UPDATE SET
            failures = ${next},
            window_start = CASE WHEN ${R} THEN ?2 ELSE rate_limits.window_start END,
            locked_until = CASE WHEN rate_limits.locked_until > ?2 THEN rate_limits.locked_until
                                WHEN ${next} >= ?3 THEN ?2 + ?5 ELSE 0 END
          RETURNING failures, locked_until`,
    args: [key, now, limit.maxFailures, limit.windowMs, limit.lockMs],
  };
}

/**
 * Gives back an attempt that turned out fine (a right password counted against the address):
 * one fewer, and the lock it may have set is lifted when the count drops below the limit.
 */
export async function refundAttempt(db: Database, key: string, limit: Limit): Promise<void> {
  await db.execute(refundAttemptStatement(key, limit));
}

/** `refundAttempt` as a statement (for a batch). */
export function refundAttemptStatement(key: string, limit: Limit): Statement {
  return {
    sql: `UPDATE rate_limits SET
            failures = CASE WHEN failures > 0 THEN failures - 1 ELSE 0 END,
            locked_until = CASE WHEN failures - 1 < ?2 THEN 0 ELSE locked_until END
          WHERE key = ?1`,
    args: [key, limit.maxFailures],
  };
}

/** Counts one failure; locks the key when the limit is reached. One atomic upsert. */
export async function recordFailure(
  db: Database,
  clock: Clock,
  key: string,
  limit: Limit,
): Promise<void> {
  await countAttempt(db, clock, key, limit);
}

/** Forgets a key's failures (after a successful login for the user key). */
export async function clearFailures(db: Database, key: string): Promise<void> {
  await db.execute(clearFailuresStatement(key));
}

/** `clearFailures` as a statement (for a batch), for one key or several at once. */
export function clearFailuresStatement(...keys: [string, ...string[]]): Statement {
  return {
    sql: `DELETE FROM rate_limits WHERE key IN (${keys.map(() => '?').join(', ')})`,
    args: keys,
  };
}

/** Deletes counters whose window and lock have both passed (housekeeping). */
export async function purgeStaleRateLimits(
  db: Database,
  clock: Clock,
  olderThanMs: number,
): Promise<number> {
  const now = clock.now();
  const rs = await db.execute({
    sql: 'DELETE FROM rate_limits WHERE locked_until <= ?1 AND window_start < ?2',
    args: [now, now - olderThanMs],
  });
  return rs.rowsAffected;
}
