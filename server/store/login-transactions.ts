/**
 * Login transactions: the short-lived, single-use record that ties a second-factor step to the
 * login that started it — which factor, that factor's own state (JSON: a SecSign auth session's
 * ids, later a WebAuthn challenge), the factors already proven (the password in two-step), what
 * the login must satisfy — bound to the client address it began at. The client holds an opaque
 * token; the database keeps its SHA-256. Finishing is an atomic compare-and-set on `status`, so a
 * success can be used exactly once even with several server instances polling.
 */
import type { Database, Row } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import { str } from './rows.js';
import { clientGroup, siteGroup } from '../zones/client-group.js';
import { hashToken, looksLikeToken, newToken } from '../platform/crypto/tokens.js';
import { formatFactors, parseFactors, type FactorSet, type Requirement } from '../factors/proof.js';
import { isFactorName, type FactorName } from '../factors/registry.js';

export type TransactionStatus = 'pending' | 'done' | 'failed' | 'canceled';

export interface LoginTransaction {
  idHash: string;
  userId: number | null;
  /** What the login must satisfy once the factor is proven. */
  requirement: Requirement;
  /** The factor this step waits for. */
  factor: FactorName;
  /** The factor's own state, as its module wrote it. */
  factorState: Record<string, unknown>;
  /** Factors proven before this step (the password in two-step). */
  proven: FactorSet;
  /** What the user typed to start (a SecSign ID, a user name), for the audit log. */
  identifier: string;
  clientIp: string;
  status: TransactionStatus;
  createdAt: number;
  expiresAt: number;
}

export type NewTransaction = Omit<LoginTransaction, 'idHash' | 'status' | 'createdAt'>;

export async function createTransaction(
  db: Database,
  clock: Clock,
  input: NewTransaction,
): Promise<{ token: string; transaction: LoginTransaction }> {
  const token = newToken();
  const t: LoginTransaction = {
    ...input,
    idHash: hashToken(token),
    status: 'pending',
    createdAt: clock.now(),
  };
  await db.execute({
    sql: `INSERT INTO login_transactions (id_hash, user_id, requirement, factor, factor_state, proven, identifier, client_ip, client_group, client_site, status, created_at, expires_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)`,
    args: [
      t.idHash,
      t.userId,
      t.requirement,
      t.factor,
      JSON.stringify(t.factorState),
      formatFactors(t.proven),
      t.identifier,
      t.clientIp,
      clientGroup(t.clientIp).key,
      siteGroup(t.clientIp)?.key ?? '',
      t.createdAt,
      t.expiresAt,
    ],
  });
  return { token, transaction: t };
}

/**
 * How many challenges of one factor are still open (pending, not expired) that were started with
 * nothing proven — what an anonymous client can make us store (the cap of passkey and SecSign ID
 * starts): for the client address's group (`group`: IPv4 per address, IPv6 per /64,
 * `clientGroup`) and for its IPv6 /48 (`site`, `siteGroup`; 0 for IPv4 and unknown addresses).
 */
export async function countOpenAnonymous(
  db: Database,
  clock: Clock,
  factor: string,
  clientIp: string,
): Promise<{ group: number; site: number }> {
  const group = clientGroup(clientIp).key;
  const site = siteGroup(clientIp)?.key ?? null;
  const rs = await db.execute({
    sql: `SELECT COALESCE(SUM(CASE WHEN client_group = ?2 THEN 1 ELSE 0 END), 0) AS g, COUNT(*) AS s
          FROM login_transactions
          WHERE expires_at > ?1 AND (client_group = ?2 OR client_site = ?3) AND factor = ?4
            AND status = 'pending' AND proven = ''`,
    args: [clock.now(), group, site ?? group, factor],
  });
  const row = rs.rows[0];
  return { group: Number(row?.g ?? 0), site: site ? Number(row?.s ?? 0) : 0 };
}

/** The transaction behind a token, whatever its status, or null when unknown. */
export async function findTransaction(
  db: Database,
  token: unknown,
): Promise<LoginTransaction | null> {
  if (!looksLikeToken(token)) return null;
  const rs = await db.execute({
    sql: `SELECT id_hash, user_id, requirement, factor, factor_state, proven, identifier, client_ip, status, created_at, expires_at
          FROM login_transactions WHERE id_hash = ?`,
    args: [hashToken(token)],
  });
  return rs.rows[0] ? rowToTransaction(rs.rows[0]) : null;
}

/** Moves a pending transaction to a final status. True only for the one caller that did it. */
export async function finishTransaction(
  db: Database,
  clock: Clock,
  idHash: string,
  status: Exclude<TransactionStatus, 'pending'>,
): Promise<boolean> {
  const rs = await db.execute({
    sql: `UPDATE login_transactions SET status = ?, finished_at = ? WHERE id_hash = ? AND status = 'pending'`,
    args: [status, clock.now(), idHash],
  });
  return rs.rowsAffected === 1;
}

/**
 * Deletes transactions that expired more than `graceMs` ago (housekeeping) — and anonymous ones
 * (started with nothing proven: a passkey or SecSign ID sign-in anyone may start) as soon as they
 * expired: anyone can make them, up to the cap, and the audit log has what happened.
 */
export async function purgeOldTransactions(
  db: Database,
  clock: Clock,
  graceMs = 24 * 3_600_000,
): Promise<number> {
  const rs = await db.execute({
    sql: "DELETE FROM login_transactions WHERE expires_at < ? OR (proven = '' AND expires_at < ?)",
    args: [clock.now() - graceMs, clock.now()],
  });
  return rs.rowsAffected;
}

function rowToTransaction(row: Row): LoginTransaction {
  const factor = str(row, 'factor');
  let state: unknown;
  try {
    state = JSON.parse(str(row, 'factor_state'));
  } catch {
    state = {};
  }
  return {
    idHash: str(row, 'id_hash'),
    userId: row.user_id === null ? null : Number(row.user_id),
    requirement: str(row, 'requirement') as Requirement,
    // An unknown factor name cannot be checked by any module: the step then fails closed.
    factor: isFactorName(factor) ? factor : ('unknown' as FactorName),
    factorState:
      state !== null && typeof state === 'object' ? (state as Record<string, unknown>) : {},
    proven: parseFactors(str(row, 'proven')),
    identifier: str(row, 'identifier'),
    clientIp: str(row, 'client_ip'),
    status: str(row, 'status') as TransactionStatus,
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
  };
}
