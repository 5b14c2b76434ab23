/**
 * Login transactions: the short-lived, single-use record that ties a SecSign ID step to the login
 * that started it (and, in 2SA, to the password already proven), bound to the client address it
 * began at. The client holds an opaque token; the database keeps its SHA-256. Finishing is an
 * atomic compare-and-set on `status`, so a success can be used exactly once even with several
 * server instances polling.
 */
import type { Client, Row } from '@libsql/client';
import type { Clock } from '../clock.js';
import { hashToken, looksLikeToken, newToken } from './tokens.js';

export type TransactionStatus = 'pending' | 'done' | 'failed' | 'canceled';

export interface LoginTransaction {
  idHash: string;
  userId: number | null;
  mode: '2fa' | '2sa';
  passwordOk: boolean;
  clientIp: string;
  secSignId: string;
  authSessionId: string;
  requestId: string;
  status: TransactionStatus;
  createdAt: number;
  expiresAt: number;
}

export async function createTransaction(
  db: Client,
  clock: Clock,
  input: Omit<LoginTransaction, 'idHash' | 'status' | 'createdAt' | 'expiresAt'> & {
    ttlMs: number;
  },
): Promise<{ token: string; transaction: LoginTransaction }> {
  const token = newToken();
  const now = clock.now();
  const t: LoginTransaction = {
    idHash: hashToken(token),
    userId: input.userId,
    mode: input.mode,
    passwordOk: input.passwordOk,
    clientIp: input.clientIp,
    secSignId: input.secSignId,
    authSessionId: input.authSessionId,
    requestId: input.requestId,
    status: 'pending',
    createdAt: now,
    expiresAt: now + input.ttlMs,
  };
  await db.execute({
    sql: `INSERT INTO login_transactions (id_hash, user_id, mode, password_ok, client_ip, secsign_id, auth_session_id, request_id, status, created_at, expires_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)`,
    args: [
      t.idHash,
      t.userId,
      t.mode,
      t.passwordOk ? 1 : 0,
      t.clientIp,
      t.secSignId,
      t.authSessionId,
      t.requestId,
      now,
      t.expiresAt,
    ],
  });
  return { token, transaction: t };
}

/** The transaction behind a token, whatever its status, or null when unknown. */
export async function findTransaction(
  db: Client,
  token: unknown,
): Promise<LoginTransaction | null> {
  if (!looksLikeToken(token)) return null;
  const rs = await db.execute({
    sql: `SELECT id_hash, user_id, mode, password_ok, client_ip, secsign_id, auth_session_id, request_id, status, created_at, expires_at
          FROM login_transactions WHERE id_hash = ?`,
    args: [hashToken(token)],
  });
  return rs.rows[0] ? rowToTransaction(rs.rows[0]) : null;
}

/** Moves a pending transaction to a final status. True only for the one caller that did it. */
export async function finishTransaction(
  db: Client,
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

/** Deletes transactions that ended more than a day ago (housekeeping). */
export async function purgeOldTransactions(db: Client, clock: Clock): Promise<void> {
  await db.execute({
    sql: 'DELETE FROM login_transactions WHERE expires_at < ?',
    args: [clock.now() - 24 * 3_600_000],
  });
}

function rowToTransaction(row: Row): LoginTransaction {
  return {
    idHash: String(row.id_hash),
    userId: row.user_id === null ? null : Number(row.user_id),
    mode: String(row.mode) as '2fa' | '2sa',
    passwordOk: Number(row.password_ok) === 1,
    clientIp: String(row.client_ip),
    secSignId: String(row.secsign_id),
    authSessionId: String(row.auth_session_id),
    requestId: String(row.request_id),
    status: String(row.status) as TransactionStatus,
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
  };
}
