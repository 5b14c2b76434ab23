/**
 * Sessions: an opaque token in an HttpOnly cookie, the database keeping only its SHA-256. A session
 * records the set of factors proven at sign-in (stored as names joined by `+`), so that every later
 * check — forward-auth, the admin API — can ask whether that is still enough from the address the
 * request now comes from. Idle and absolute lifetimes; logout and administrators revoke.
 */
import type { Database, Statement, Row } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import { bool, str, strOrNull } from './rows.js';
import { hashToken, newToken } from '../platform/crypto/tokens.js';
import { formatFactors, parseFactors, type FactorSet } from '../factors/proof.js';
import { UNWATCHED } from '../db/write-watch.js';

export interface SessionRecord {
  idHash: string;
  userId: number;
  /** What was proven at sign-in (see `server/factors/proof.ts`). */
  factors: FactorSet;
  clientIp: string | null;
  zone: string | null;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
  /** When the session last proved who is behind it: its sign-in, or a confirmation since. */
  authenticatedAt: number;
  /** From when it may only enrol a second factor (the enrolment campaign); null: never. */
  enrolBy: number | null;
}

export interface SessionLifetimes {
  idleMs: number;
  maxMs: number;
}

const SESSION_COLUMNS =
  'id_hash, user_id, factors, client_ip, zone, created_at, last_seen_at, expires_at, authenticated_at, enrol_by';
const JOINED_COLUMNS = `${SESSION_COLUMNS.split(', ')
  .map((col) => `s.${col}`)
  .join(', ')}, u.username, u.display_name, u.email, u.role, u.disabled`;

export async function createSession(
  db: Database,
  clock: Clock,
  lifetimes: SessionLifetimes,
  input: NewSessionInput,
): Promise<{ token: string; session: SessionRecord }> {
  const { token, session, statement } = newSession(clock, lifetimes, input);
  await db.execute(statement);
  return { token, session };
}

export interface NewSessionInput {
  userId: number;
  factors: FactorSet;
  clientIp: string | null;
  zone: string | null;
  userAgent?: string | null;
  /** The enrolment campaign's limit for this session (domain/enrolment-campaign.ts). */
  enrolBy?: number | null;
}

/** A new session's token and record, and the INSERT that stores it (for a batch). */
export function newSession(
  clock: Clock,
  lifetimes: SessionLifetimes,
  input: NewSessionInput,
): { token: string; session: SessionRecord; statement: Statement } {
  const token = newToken();
  const now = clock.now();
  const session: SessionRecord = {
    idHash: hashToken(token),
    userId: input.userId,
    factors: input.factors,
    clientIp: input.clientIp,
    zone: input.zone,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: now + lifetimes.maxMs,
    authenticatedAt: now,
    enrolBy: input.enrolBy ?? null,
  };
  const statement: Statement = {
    sql: `INSERT INTO sessions (id_hash, user_id, factors, client_ip, zone, created_at, last_seen_at, expires_at, user_agent, authenticated_at, enrol_by)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    args: [
      session.idHash,
      session.userId,
      formatFactors(session.factors),
      session.clientIp,
      session.zone,
      now,
      now,
      session.expiresAt,
      (input.userAgent ?? '').slice(0, 300) || null,
      now,
      session.enrolBy,
    ],
  };
  return { token, session, statement };
}

/** The user behind a session, as the doors need it (read in the same query as the session). */
export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  email: string;
  role: 'admin' | 'user';
  disabled: boolean;
}

/** A session together with its user, as one read gives them. */
export interface SessionWithUser {
  session: SessionRecord;
  user: SessionUser;
}

/**
 * An unrevoked session and its user, in one indexed read (the session's primary key, then the
 * user's), or null: what every request with a cookie costs (server/domain/session-service.ts
 * checks its lifetimes and caches it).
 */
export async function readSessionWithUser(
  db: Database,
  idHash: string,
): Promise<SessionWithUser | null> {
  const rs = await db.execute({
    sql: `SELECT ${JOINED_COLUMNS} FROM sessions s JOIN users u ON u.id = s.user_id
          WHERE s.id_hash = ? AND s.revoked_at IS NULL`,
    args: [idHash],
  });
  const row = rs.rows[0];
  if (!row) return null;
  const session = rowToSession(row);
  return {
    session,
    user: {
      id: session.userId,
      username: str(row, 'username'),
      displayName: str(row, 'display_name'),
      email: str(row, 'email'),
      role: str(row, 'role') === 'admin' ? 'admin' : 'user',
      disabled: bool(row, 'disabled'),
    },
  };
}

/** Whether a session is still alive at `now`: not past its absolute or its idle lifetime. */
export function sessionAlive(s: SessionRecord, now: number, lifetimes: SessionLifetimes): boolean {
  return now < s.expiresAt && now - s.lastSeenAt < lifetimes.idleMs;
}

/**
 * Notes a session's use at `now` (never moving it back). Not watched: no cache holds
 * `last_seen_at` stale (server/db/write-watch.ts).
 */
export async function touchSession(db: Database, idHash: string, now: number): Promise<void> {
  await db.execute({
    sql: `UPDATE sessions SET last_seen_at = ? WHERE id_hash = ? AND last_seen_at < ?${UNWATCHED}`,
    args: [now, idHash, now],
  });
}

/** The end of a session's life as it stands now: the earlier of idle and absolute expiry. */
export function sessionEndsAt(s: SessionRecord, lifetimes: SessionLifetimes): number {
  return Math.min(s.expiresAt, s.lastSeenAt + lifetimes.idleMs);
}

export async function revokeSession(db: Database, clock: Clock, idHash: string): Promise<void> {
  await db.execute(revokeSessionStatement(idHash, clock.now()));
}

/** The UPDATE that ends one session (for a batch with its audit entry). */
export function revokeSessionStatement(idHash: string, at: number): Statement {
  return {
    sql: 'UPDATE sessions SET revoked_at = ? WHERE id_hash = ? AND revoked_at IS NULL',
    args: [at, idHash],
  };
}

/** Revokes every live session of a user; returns how many. */
export async function revokeUserSessions(
  db: Database,
  clock: Clock,
  userId: number,
): Promise<number> {
  const rs = await db.execute({
    sql: 'UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL',
    args: [clock.now(), userId],
  });
  return rs.rowsAffected;
}

/** The UPDATE that ends the live sessions of every user of a directory (for its removal's batch). */
export function revokeDirectoryUsersSessionsStatement(directoryId: number, at: number): Statement {
  return {
    sql: 'UPDATE sessions SET revoked_at = ? WHERE revoked_at IS NULL AND user_id IN (SELECT id FROM users WHERE directory = ?)',
    args: [at, String(directoryId)],
  };
}

/** The UPDATE that ends a user's live sessions but `keepIdHash` (for a batch with its audit). */
export function revokeUserSessionsStatement(
  userId: number,
  keepIdHash: string | undefined,
  at: number,
): Statement {
  return {
    sql: 'UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL AND id_hash <> ?',
    args: [at, userId, keepIdHash ?? ''],
  };
}

/** A user's live sessions, newest first, for the profile and admin pages. */
export async function listUserSessions(
  db: Database,
  clock: Clock,
  lifetimes: SessionLifetimes,
  userId: number,
): Promise<SessionRecord[]> {
  const now = clock.now();
  const rs = await db.execute({
    sql: `SELECT ${SESSION_COLUMNS} FROM sessions WHERE user_id = ? AND revoked_at IS NULL AND expires_at > ? AND last_seen_at > ?
          ORDER BY created_at DESC LIMIT 100`,
    args: [userId, now, now - lifetimes.idleMs],
  });
  return rs.rows.map(rowToSession);
}

function rowToSession(row: Row): SessionRecord {
  return {
    idHash: str(row, 'id_hash'),
    userId: Number(row.user_id),
    factors: parseFactors(str(row, 'factors')),
    clientIp: strOrNull(row, 'client_ip'),
    zone: strOrNull(row, 'zone'),
    createdAt: Number(row.created_at),
    lastSeenAt: Number(row.last_seen_at),
    expiresAt: Number(row.expires_at),
    authenticatedAt:
      row.authenticated_at === null ? Number(row.created_at) : Number(row.authenticated_at),
    enrolBy: row.enrol_by === null || row.enrol_by === undefined ? null : Number(row.enrol_by),
  };
}

/**
 * The UPDATE that records a confirmation on a live session (for a batch with its audit): the time,
 * and the factors it now proves — what it proved before together with the factor just confirmed.
 */
export function confirmSessionStatement(idHash: string, factors: FactorSet, at: number): Statement {
  return {
    sql: 'UPDATE sessions SET authenticated_at = ?, factors = ? WHERE id_hash = ? AND revoked_at IS NULL',
    args: [at, formatFactors(factors), idHash],
  };
}

/** Deletes sessions that ended (revoked, or past their absolute end) more than `graceMs` ago. */
export async function purgeEndedSessions(
  db: Database,
  clock: Clock,
  graceMs: number,
): Promise<number> {
  const before = clock.now() - graceMs;
  const rs = await db.execute({
    sql: 'DELETE FROM sessions WHERE expires_at < ?1 OR (revoked_at IS NOT NULL AND revoked_at < ?1)',
    args: [before],
  });
  return rs.rowsAffected;
}
