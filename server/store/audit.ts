/**
 * The audit log: every login decision and every administrative change. Append-only for the
 * application — there is no update or delete function here, and triggers in the schema refuse both.
 */
import type { Statement, Row } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import type { Executor } from '../db/executor.js';
import { heldOnHandle } from '../db/handle-state.js';
import { num, str, strOrNull } from './rows.js';

export interface AuditEntryInput {
  /** Who did it: a user name, `cli`, `bootstrap`, or null for an anonymous login attempt. */
  actor: string | null;
  /** What happened, e.g. `login.zone`, `user.update`, `zone.create`, `settings.update`. */
  action: string;
  /** The user concerned (for logins: the name as typed). */
  username?: string | null;
  clientIp?: string | null;
  /** Why that client address was chosen (socket peer, trusted proxy hop …). */
  clientReason?: string | null;
  /** Zone matched, or null for none. */
  zone?: string | null;
  /** What the login required (`password`, `2fa`, `2sa`). */
  required?: string | null;
  outcome?: string | null;
  /** Anything else, stored as JSON (for changes: `{ target, before, after }`). */
  details?: unknown;
  /**
   * For a sign-in or a forward-auth grant only, what the policy preview replays (issue 27): the
   * proven factors (`password+secsign`), the client address's sortable key (null when it was
   * doubtful: outside whatever the zones), the socket peer and the forwarding header as received.
   */
  replay?: {
    factors: string;
    addressKey: string | null;
    peerIp: string | null;
    forwarded: string | null;
  };
}

export interface AuditEntry {
  id: number;
  /** Milliseconds since the epoch. */
  at: number;
  actor: string | null;
  action: string;
  username: string | null;
  clientIp: string | null;
  clientReason: string | null;
  zone: string | null;
  required: string | null;
  outcome: string | null;
  details: unknown;
}

/** The INSERT for one entry at time `at` (for a batch that also makes the change). */
export function auditStatement(at: number, e: AuditEntryInput): Statement {
  return {
    sql: `INSERT INTO audit_log (at, actor, action, username, client_ip, client_reason, zone, required, outcome, details,
                                 factors, address_key, peer_ip, forwarded)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    args: [
      at,
      e.actor,
      e.action,
      e.username ?? null,
      e.clientIp ?? null,
      e.clientReason ?? null,
      e.zone ?? null,
      e.required ?? null,
      e.outcome ?? null,
      e.details === undefined ? null : JSON.stringify(e.details),
      e.replay?.factors ?? null,
      e.replay?.addressKey ?? null,
      e.replay?.peerIp ?? null,
      e.replay?.forwarded ?? null,
    ],
  };
}

/**
 * Told about every entry `appendAudit` wrote (the metrics count decisions here), and about every
 * occurrence an aggregated audit folded into an earlier row's count (`folded`: no row of its own;
 * server/domain/aggregated-audit.ts) — so the counters count requests, not rows.
 */
export type AuditListener = (entry: AuditEntryInput, folded: boolean) => void;

/**
 * Where a database handle keeps its listeners: on the handle, not in this module, so that two apps
 * in one process (each on the handle it opened) never hear each other's entries.
 */
const LISTENERS = Symbol('ipsafezone.auditListeners');

const listenersOf = (db: Executor): Set<AuditListener> =>
  heldOnHandle(db, LISTENERS, () => new Set<AuditListener>());

/**
 * Adds a listener for the entries appended through `db` (the app's metrics: server/app.ts);
 * returns a function that removes it.
 */
export function onAuditAppended(db: Executor, listener: AuditListener): () => void {
  const listeners = listenersOf(db);
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Appends one entry, timed by the clock, and tells `db`'s listeners once it is written. */
export async function appendAudit(
  db: Executor,
  clock: Clock,
  entry: AuditEntryInput,
): Promise<void> {
  await db.execute(auditStatement(clock.now(), entry));
  announceAudit(db, entry);
}

/**
 * Tells `db`'s listeners of an entry written some other way (an `auditStatement` in a batch through
 * `db`), or folded into an earlier row's count (`folded`).
 */
export function announceAudit(db: Executor, entry: AuditEntryInput, folded = false): void {
  for (const listener of listenersOf(db)) listener(entry, folded);
}

export interface AuditFilters {
  /** User name (the one concerned, or the actor), regardless of case. */
  user?: string;
  /** Client address, exactly as stored (canonical form). */
  address?: string;
  outcome?: string;
  action?: string;
  /** Inclusive bounds, ms since the epoch. */
  from?: number;
  to?: number;
  /** `false`: leave out the routine entries (`ROUTINE_ACTIONS`). */
  routine?: boolean;
  offset?: number;
  limit?: number;
}

/** Entries written for every zone lookup and proxied request: many, and seldom of interest. */
export const ROUTINE_ACTIONS = ['login.zone', 'verify'] as const;

/** The WHERE clause (possibly empty) and its arguments for `filters`; shared with the overview. */
export function auditWhere(filters: AuditFilters): { clause: string; args: (string | number)[] } {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (filters.user !== undefined) {
    where.push('(username = ? COLLATE NOCASE OR actor = ? COLLATE NOCASE)');
    args.push(filters.user, filters.user);
  }
  if (filters.address !== undefined) {
    where.push('client_ip = ?');
    args.push(filters.address);
  }
  if (filters.outcome !== undefined) {
    where.push('outcome = ?');
    args.push(filters.outcome);
  }
  if (filters.action !== undefined) {
    where.push('action = ?');
    args.push(filters.action);
  }
  if (filters.from !== undefined) {
    where.push('at >= ?');
    args.push(filters.from);
  }
  if (filters.to !== undefined) {
    where.push('at <= ?');
    args.push(filters.to);
  }
  if (filters.routine === false) {
    where.push(`action NOT IN (${ROUTINE_ACTIONS.map(() => '?').join(', ')})`);
    args.push(...ROUTINE_ACTIONS);
  }
  return { clause: where.length ? `WHERE ${where.join(' AND ')}` : '', args };
}

function toEntry(row: Row): AuditEntry {
  const details = strOrNull(row, 'details');
  let parsed: unknown = null;
  if (details !== null) {
    try {
      parsed = JSON.parse(details);
    } catch {
      parsed = details;
    }
  }
  return {
    id: num(row, 'id'),
    at: num(row, 'at'),
    actor: strOrNull(row, 'actor'),
    action: str(row, 'action'),
    username: strOrNull(row, 'username'),
    clientIp: strOrNull(row, 'client_ip'),
    clientReason: strOrNull(row, 'client_reason'),
    zone: strOrNull(row, 'zone'),
    required: strOrNull(row, 'required'),
    outcome: strOrNull(row, 'outcome'),
    details: parsed,
  };
}

/** A page of entries, newest first, and how many match in all. */
export async function listAudit(
  db: Executor,
  filters: AuditFilters = {},
): Promise<{ entries: AuditEntry[]; total: number }> {
  const { clause, args } = auditWhere(filters);
  const limit = Math.max(1, Math.min(500, Math.trunc(filters.limit ?? 50)));
  const offset = Math.max(0, Math.trunc(filters.offset ?? 0));
  const total = await db.execute({ sql: `SELECT count(*) AS n FROM audit_log ${clause}`, args });
  const rs = await db.execute({
    sql: `SELECT * FROM audit_log ${clause} ORDER BY at DESC, id DESC LIMIT ${limit} OFFSET ${offset}`,
    args,
  });
  return { entries: rs.rows.map(toEntry), total: num(total.rows[0]!, 'n') };
}

/** Entries older than `beforeAt` with an id above `afterId`, oldest first (for archiving). */
export async function auditBatchBefore(
  db: Executor,
  beforeAt: number,
  afterId: number,
  limit = 1000,
): Promise<AuditEntry[]> {
  const rs = await db.execute({
    sql: 'SELECT * FROM audit_log WHERE at < ? AND id > ? ORDER BY id LIMIT ?',
    args: [beforeAt, afterId, limit],
  });
  return rs.rows.map(toEntry);
}

/**
 * A user's entries among `actions` whose outcome is one of `outcomes`, from `since` (inclusive),
 * newest first (the username index; for the profile's recent factor changes).
 */
export async function listUserEntries(
  db: Executor,
  username: string,
  q: { actions: readonly string[]; outcomes: readonly string[]; since: number; limit: number },
): Promise<AuditEntry[]> {
  const list = (xs: readonly string[]) => xs.map(() => '?').join(', ');
  const rs = await db.execute({
    sql: `SELECT * FROM audit_log WHERE username = ? COLLATE NOCASE AND at >= ?
          AND action IN (${list(q.actions)}) AND outcome IN (${list(q.outcomes)})
          ORDER BY at DESC, id DESC LIMIT ?`,
    args: [username, q.since, ...q.actions, ...q.outcomes, q.limit],
  });
  return rs.rows.map(toEntry);
}

/** When `username` last signed in before `before` (a `login.success` entry), or null. */
export async function previousSignInAt(
  db: Executor,
  username: string,
  before: number,
): Promise<number | null> {
  const rs = await db.execute({
    sql: `SELECT max(at) AS at FROM audit_log WHERE username = ? COLLATE NOCASE AND at < ?
          AND action = 'login.success' AND outcome = 'signed_in'`,
    args: [username, before],
  });
  const at = rs.rows[0]?.at;
  return at === null || at === undefined ? null : Number(at);
}
