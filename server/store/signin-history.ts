/**
 * The recorded sign-ins and forward-auth grants the policy preview replays (issue 27), read from
 * the audit log's replay columns (migration 013) — aggregated in SQL, never row by row: addresses
 * and factors repeat, so the preview asks first for the distinct (address, factors) origins of a
 * period, decides each once, and then asks only for the users and days of the origins that change.
 * A zone change reads only the address ranges it touches (a range scan on `address_key`, through
 * the covering index `audit_log_replay`). SQL in, plain objects out.
 */
import type { Executor } from '../db/executor.js';
import type { Row } from '../db/database.js';
import type { KeyRange } from '../zones/address-key.js';
import { num, str, strOrNull } from './rows.js';
import { bySql, jsonValues } from '../db/dialect.js';

/** A period, both ends inclusive, ms since the epoch. */
export interface Period {
  from: number;
  to: number;
}

/** Where recorded sign-ins came from, with what they proved. */
export interface RecordedOrigin {
  /** The client address's sortable key (server/zones/address-key.ts); null when doubtful. */
  addressKey: string | null;
  /** The proven factors, stored form (`password+secsign`). */
  factors: string;
  /** Set only when read with `forwarding` (to replay other trusted proxies). */
  peer: string | null;
  forwarded: string | null;
}

export interface OriginCount extends RecordedOrigin {
  signIns: number;
}

export interface OriginUserDay extends OriginCount {
  username: string;
  /** Days since the epoch (UTC). */
  day: number;
}

export interface OriginQuery extends Period {
  /** Only addresses within these key ranges (a zone change); absent: every sign-in. */
  ranges?: readonly KeyRange[];
  /** Group by the socket peer and forwarding header too (replaying trusted proxies). */
  forwarding?: boolean;
}

const DAY_MS = 86_400_000;

// `+at`: the period is checked on the index entries, never looked up through `audit_log_at` —
// that index would read every row of the period from the table (seconds for a million).
const IN_PERIOD = 'a.factors IS NOT NULL AND +a.at >= ? AND +a.at <= ?';

/** Sorted, overlapping ranges merged (keys of one family have one length, so text order works). */
function merged(ranges: readonly KeyRange[]): KeyRange[] {
  const sorted = [...ranges].sort((x, y) => (x.lo < y.lo ? -1 : x.lo > y.lo ? 1 : 0));
  const out: KeyRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && last.lo.length === r.lo.length && r.lo <= last.hi) {
      if (r.hi > last.hi) last.hi = r.hi;
    } else out.push({ ...r });
  }
  return out;
}

/**
 * The FROM and WHERE of the period's sign-ins: all of them, or — for a zone change — those within
 * the ranges, one index range scan per (merged) range.
 */
function source(db: Executor, q: OriginQuery): { sql: string; args: (string | number)[] } {
  if (!q.ranges) return { sql: `FROM audit_log AS a WHERE ${IN_PERIOD}`, args: [q.from, q.to] };
  const ranges = merged(q.ranges);
  // The ranges as one JSON argument: SQLite's json_each, PostgreSQL's json_array_elements.
  const pairs = bySql(db, {
    sqlite: `json_each(?) AS r CROSS JOIN audit_log AS a
          WHERE a.address_key BETWEEN json_extract(r.value, '$[0]') AND json_extract(r.value, '$[1]')`,
    postgres: `json_array_elements(CAST(? AS text)::json) AS r CROSS JOIN audit_log AS a
          WHERE a.address_key BETWEEN r.value ->> 0 AND r.value ->> 1`,
  });
  return {
    sql: `FROM ${pairs}
            AND ${IN_PERIOD}`,
    args: [JSON.stringify(ranges.map((r) => [r.lo, r.hi])), q.from, q.to],
  };
}

const originColumns = (forwarding: boolean | undefined) =>
  forwarding ? 'a.address_key, a.factors, a.peer_ip, a.forwarded' : 'a.address_key, a.factors';

function origin(row: Row): RecordedOrigin {
  return {
    addressKey: strOrNull(row, 'address_key'),
    factors: str(row, 'factors'),
    peer: strOrNull(row, 'peer_ip'),
    forwarded: strOrNull(row, 'forwarded'),
  };
}

/** The distinct origins of the period's sign-ins, with how many sign-ins each. */
export async function countOrigins(db: Executor, q: OriginQuery): Promise<OriginCount[]> {
  const from = source(db, q);
  const cols = originColumns(q.forwarding);
  const rs = await db.execute({
    sql: `SELECT ${cols}, count(*) AS n ${from.sql} GROUP BY ${cols}`,
    args: from.args,
  });
  return rs.rows.map((r) => ({ ...origin(r), signIns: num(r, 'n') }));
}

/** How many sign-ins the period holds in all, replayable or not. */
export async function countSignIns(
  db: Executor,
  p: Period,
): Promise<{ replayable: number; notRecorded: number }> {
  // A range of the narrow index `audit_log_replay_at` (migration 020), not a walk over 013's.
  const replayable = await db.execute({
    sql: 'SELECT count(*) AS n FROM audit_log WHERE factors IS NOT NULL AND at >= ? AND at <= ?',
    args: [p.from, p.to],
  });
  // Sign-ins from before migration 013 carry no factors: counted, never replayed.
  const since = await db.execute(
    "SELECT applied_at FROM schema_migrations WHERE name = 'policy-replay'",
  );
  const recordedFrom = since.rows[0] ? num(since.rows[0], 'applied_at') : 0;
  let notRecorded = 0;
  if (recordedFrom > p.from) {
    const rs = await db.execute({
      sql: `SELECT count(*) AS n FROM audit_log WHERE at >= ? AND at <= ? AND factors IS NULL
            AND (action = 'login.success' OR (action = 'verify' AND outcome = 'granted'))`,
      args: [p.from, Math.min(p.to, recordedFrom)],
    });
    notRecorded = num(rs.rows[0]!, 'n');
  }
  return { replayable: num(replayable.rows[0]!, 'n'), notRecorded };
}

/** Only these address keys (null: the doubtful addresses). */
export interface DetailQuery extends Period {
  keys: readonly (string | null)[];
  forwarding?: boolean;
}

function detailWhere(db: Executor, q: DetailQuery): { sql: string; args: (string | number)[] } {
  const named = q.keys.filter((k): k is string => k !== null);
  const parts: string[] = [];
  const args: (string | number)[] = [q.from, q.to];
  if (named.length > 0) {
    parts.push(`a.address_key IN (SELECT value FROM ${jsonValues(db)})`);
    args.push(JSON.stringify(named));
  }
  if (named.length < q.keys.length) parts.push('a.address_key IS NULL');
  if (parts.length === 0) return { sql: '1 = 0', args: [] };
  return { sql: `${IN_PERIOD} AND (${parts.join(' OR ')})`, args };
}

/**
 * Per origin, user and day (UTC): the sign-ins from the given addresses — one query, in the
 * replay index's order, for both the users' table and the chart per day. Used when trusted proxies
 * change (an origin then includes its peer and header); otherwise `usersOfOrigins` and
 * `daysOfOrigins` return far fewer rows.
 */
export async function signInsOfOrigins(db: Executor, q: DetailQuery): Promise<OriginUserDay[]> {
  const w = detailWhere(db, q);
  const cols = originColumns(q.forwarding);
  const rs = await db.execute({
    sql: `SELECT ${cols}, a.username, a.at / ${DAY_MS} AS day, count(*) AS n
          FROM audit_log AS a WHERE ${w.sql} GROUP BY ${cols}, a.username, day`,
    args: w.args,
  });
  return rs.rows.map((r) => ({
    ...origin(r),
    username: str(r, 'username'),
    day: num(r, 'day'),
    signIns: num(r, 'n'),
  }));
}

/** Per origin and user: the sign-ins from the given addresses in the period (the users' table). */
export async function usersOfOrigins(
  db: Executor,
  q: DetailQuery,
): Promise<(OriginCount & { username: string })[]> {
  const w = detailWhere(db, q);
  const cols = originColumns(q.forwarding);
  const rs = await db.execute({
    sql: `SELECT ${cols}, a.username, count(*) AS n
          FROM audit_log AS a WHERE ${w.sql} GROUP BY ${cols}, a.username`,
    args: w.args,
  });
  return rs.rows.map((r) => ({ ...origin(r), username: str(r, 'username'), signIns: num(r, 'n') }));
}

/**
 * Per day (UTC): the sign-ins of exactly these (address, factors) origins in the period — one
 * index look-up per origin, a few dozen rows back (the chart per day of one kind of change).
 */
export async function daysOfOrigins(
  db: Executor,
  q: Period & { origins: readonly Pick<RecordedOrigin, 'addressKey' | 'factors'>[] },
): Promise<{ day: number; signIns: number }[]> {
  const keyed = q.origins.filter((o) => o.addressKey !== null);
  const doubtful = q.origins.filter((o) => o.addressKey === null).map((o) => o.factors);
  if (keyed.length === 0 && doubtful.length === 0) return [];
  const pairs = bySql(db, {
    sqlite: 'json_each(?) AS o',
    postgres: 'json_array_elements(CAST(? AS text)::json) AS o',
  });
  const parts: string[] = [];
  const args: (string | number)[] = [q.from, q.to];
  if (keyed.length > 0) {
    parts.push(`(a.address_key, a.factors) IN (SELECT o.value ->> 0, o.value ->> 1 FROM ${pairs})`);
    args.push(JSON.stringify(keyed.map((o) => [o.addressKey, o.factors])));
  }
  if (doubtful.length > 0) {
    parts.push(`(a.address_key IS NULL AND a.factors IN (SELECT value FROM ${jsonValues(db)}))`);
    args.push(JSON.stringify(doubtful));
  }
  const rs = await db.execute({
    sql: `SELECT a.at / ${DAY_MS} AS day, count(*) AS n FROM audit_log AS a
          WHERE ${IN_PERIOD} AND (${parts.join(' OR ')}) GROUP BY day`,
    args,
  });
  return rs.rows.map((r) => ({ day: num(r, 'day'), signIns: num(r, 'n') }));
}

/** What decides whether a user could prove a second factor now. */
export interface ReplayUser {
  username: string;
  displayName: string;
  role: 'admin' | 'user';
  disabled: boolean;
  hasPassword: boolean;
  secSignId: string | null;
  /** Enrolled factor kinds (`totp`, `passkey`). */
  kinds: string[];
  recoveryCodesLeft: number;
}

/** The users with these user-name keys (server/core/identifiers.ts); missing ones were deleted. */
export async function replayUsers(db: Executor, keys: readonly string[]): Promise<ReplayUser[]> {
  if (keys.length === 0) return [];
  const kinds = bySql(db, {
    sqlite: 'group_concat(DISTINCT f.factor)',
    postgres: "string_agg(DISTINCT f.factor, ',')",
  });
  const rs = await db.execute({
    sql: `SELECT u.username, u.display_name, u.role, u.disabled, u.secsign_id,
                 CASE WHEN u.password_hash IS NOT NULL OR u.directory <> 'local' THEN 1 ELSE 0 END AS has_password,
                 (SELECT ${kinds} FROM user_factors f WHERE f.user_id = u.id) AS kinds,
                 (SELECT count(*) FROM recovery_codes r WHERE r.user_id = u.id AND r.used_at IS NULL) AS codes
          FROM users u WHERE u.username_key IN (SELECT value FROM ${jsonValues(db)})`,
    args: [JSON.stringify(keys)],
  });
  return rs.rows.map((r) => ({
    username: str(r, 'username'),
    displayName: str(r, 'display_name'),
    role: str(r, 'role') === 'admin' ? 'admin' : 'user',
    disabled: num(r, 'disabled') === 1,
    hasPassword: num(r, 'has_password') === 1,
    secSignId: strOrNull(r, 'secsign_id'),
    kinds: typeof r.kinds === 'string' ? r.kinds.split(',') : [],
    recoveryCodesLeft: num(r, 'codes'),
  }));
}

/** The enabled administrators' user-name keys: whom the administrator guard replays. */
export async function enabledAdminKeys(db: Executor): Promise<string[]> {
  const rs = await db.execute(
    "SELECT username_key FROM users WHERE role = 'admin' AND disabled = 0 ORDER BY username_key",
  );
  return rs.rows.map((r) => str(r, 'username_key'));
}

/**
 * The distinct origins of one user's sign-ins in the period, through the user-name index (an
 * administrator's month is small).
 */
export async function originsOfUser(
  db: Executor,
  q: Period & { username: string; forwarding?: boolean },
): Promise<OriginCount[]> {
  const cols = originColumns(q.forwarding);
  const rs = await db.execute({
    sql: `SELECT ${cols}, count(*) AS n FROM audit_log AS a
          WHERE a.username = ? COLLATE NOCASE AND a.at >= ? AND a.at <= ? AND a.factors IS NOT NULL
          GROUP BY ${cols}`,
    args: [q.username, q.from, q.to],
  });
  return rs.rows.map((r) => ({ ...origin(r), signIns: num(r, 'n') }));
}
