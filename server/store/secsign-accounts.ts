/**
 * The SecSign ID PIN accounts (one per ID server URL, the password sealed by the caller with the
 * secret box) and the one row of what the running server decided about the API. Plain reads and
 * statements; the rules are in server/domain/secsign-account.ts.
 */
import type { Statement } from '../db/database.js';
import type { Executor } from '../db/executor.js';
import { num, str, strOrNull } from './rows.js';

/** SecSign ID's two APIs: the httpapi form protocol and REST v2 (docs/secsign-rest.md). */
export type SecSignApi = 'form' | 'rest';

export interface StoredPinAccount {
  server: string;
  account: string;
  passwordSealed: string;
  updatedAt: number;
  updatedBy: string;
}

export async function listPinAccounts(db: Executor): Promise<StoredPinAccount[]> {
  const rs = await db.execute(
    'SELECT server, account, password_sealed, updated_at, updated_by FROM secsign_accounts ORDER BY server',
  );
  return rs.rows.map((row) => ({
    server: str(row, 'server'),
    account: str(row, 'account'),
    passwordSealed: str(row, 'password_sealed'),
    updatedAt: num(row, 'updated_at'),
    updatedBy: str(row, 'updated_by'),
  }));
}

/** Inserts or replaces the account of one ID server. */
export function putPinAccountStatement(a: StoredPinAccount): Statement {
  return {
    sql: `INSERT INTO secsign_accounts (server, account, password_sealed, updated_at, updated_by)
          VALUES (?, ?, ?, ?, ?)
          ON CONFLICT (server) DO UPDATE SET account = excluded.account,
            password_sealed = excluded.password_sealed, updated_at = excluded.updated_at,
            updated_by = excluded.updated_by`,
    args: [a.server, a.account, a.passwordSealed, a.updatedAt, a.updatedBy],
  };
}

/** What the running server last decided, and its last successful call. */
export interface StoredApiStatus {
  mode: string;
  api: SecSignApi;
  reason: string;
  version: string | null;
  decidedAt: number;
  lastSuccessAt: number | null;
}

export async function readApiStatus(db: Executor): Promise<StoredApiStatus | null> {
  const rs = await db.execute(
    'SELECT mode, api, reason, version, decided_at, last_success_at FROM secsign_status WHERE id = 1',
  );
  const row = rs.rows[0];
  if (!row) return null;
  const last = row['last_success_at'];
  return {
    mode: str(row, 'mode'),
    api: str(row, 'api') === 'rest' ? 'rest' : 'form',
    reason: str(row, 'reason'),
    version: strOrNull(row, 'version'),
    decidedAt: num(row, 'decided_at'),
    lastSuccessAt: last === null || last === undefined ? null : Number(last),
  };
}

export async function writeApiStatus(db: Executor, s: StoredApiStatus): Promise<void> {
  await db.execute({
    sql: `INSERT INTO secsign_status (id, mode, api, reason, version, decided_at, last_success_at)
          VALUES (1, ?, ?, ?, ?, ?, ?)
          ON CONFLICT (id) DO UPDATE SET mode = excluded.mode, api = excluded.api,
            reason = excluded.reason, version = excluded.version,
            decided_at = excluded.decided_at, last_success_at = excluded.last_success_at`,
    args: [s.mode, s.api, s.reason, s.version, s.decidedAt, s.lastSuccessAt],
  });
}
