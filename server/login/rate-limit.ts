/**
 * Brute-force limits, kept in the database so they hold across server instances. Failures are
 * counted per key in a sliding-from-first-failure window; reaching the limit locks the key for a
 * while. Keys: the user name as typed (lower-cased — unknown users count too, so probing names costs
 * the same), the client address (IPv6 by its /64, since one host owns a whole /64), and the SecSign
 * ID for push requests. Locking by user alone invites denial of service and by address alone invites
 * evasion: a login is refused when either is locked.
 */
import type { Client } from '@libsql/client';
import type { Clock } from '../clock.js';
import { parseAddress } from '../zones/address.js';

export interface Limit {
  /** Failures allowed within the window before the key is locked. */
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

export const LIMITS = {
  user: { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
  address: { maxFailures: 20, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
  secsign: { maxFailures: 5, windowMs: 10 * 60_000, lockMs: 10 * 60_000 },
} satisfies Record<string, Limit>;

export function userKey(username: string): string {
  return `user:${username.trim().toLowerCase().slice(0, 200)}`;
}

/** IPv4 per address; IPv6 per /64. Unknown addresses share one bucket (they fail closed anyway). */
export function addressKey(ip: string | null): string {
  const a = ip ? parseAddress(ip) : null;
  if (!a) return 'ip:unknown';
  if (a.family === 4) return `ip:${ip}`;
  return `ip6:${a.w[0].toString(16)}:${a.w[1].toString(16)}::/64`;
}

export function secsignKey(secSignId: string): string {
  return `secsign:${secSignId.trim().toLowerCase().slice(0, 200)}`;
}

/** Milliseconds until the key is unlocked, or 0 when it is not locked. */
export async function lockedFor(db: Client, clock: Clock, key: string): Promise<number> {
  const rs = await db.execute({
    sql: 'SELECT locked_until FROM rate_limits WHERE key = ?',
    args: [key],
  });
  const until = Number(rs.rows[0]?.locked_until ?? 0);
  return Math.max(0, until - clock.now());
}

/** The longest remaining lock among several keys (0 when none is locked). */
export async function longestLock(db: Client, clock: Clock, keys: string[]): Promise<number> {
  let longest = 0;
  for (const key of keys) longest = Math.max(longest, await lockedFor(db, clock, key));
  return longest;
}

/** Counts one failure; locks the key when the limit is reached. One atomic upsert. */
export async function recordFailure(
  db: Client,
  clock: Clock,
  key: string,
  limit: Limit,
): Promise<void> {
  const now = clock.now();
  await db.execute({
    sql: `INSERT INTO rate_limits (key, failures, window_start, locked_until) VALUES (?1, 1, ?2, CASE WHEN 1 >= ?3 THEN ?2 + ?5 ELSE 0 END)
          ON CONFLICT(key) DO UPDATE SET
            failures = CASE WHEN ?2 - window_start >= ?4 THEN 1 ELSE failures + 1 END,
            window_start = CASE WHEN ?2 - window_start >= ?4 THEN ?2 ELSE window_start END,
            locked_until = CASE
              WHEN (CASE WHEN ?2 - window_start >= ?4 THEN 1 ELSE failures + 1 END) >= ?3 THEN ?2 + ?5
              ELSE locked_until END`,
    args: [key, now, limit.maxFailures, limit.windowMs, limit.lockMs],
  });
}

/** Forgets a key's failures (after a successful login for the user key). */
export async function clearFailures(db: Client, key: string): Promise<void> {
  await db.execute({ sql: 'DELETE FROM rate_limits WHERE key = ?', args: [key] });
}
