/**
 * Enrolled second factors (`user_factors`: authenticator apps, passkeys), recovery codes
 * (`recovery_codes`, stored hashed) and the seed rule's count of administrators who can sign in
 * from outside with its assertion (SQL written from the factor registry's facts, migration 014's
 * `rule_assertions`). SQL in, plain objects out; the rules
 * are in `server/domain/` (enrolment-rules.ts, factor-changes.ts).
 */
import type { Statement, Row } from '../db/database.js';
import type { Executor } from '../db/executor.js';
import {
  FACTORS,
  FACTOR_NAMES,
  isEnrolledFactor,
  type EnrolledFactorName,
  type FactorName,
} from '../factors/registry.js';
import { num, str, strOrNull } from './rows.js';
import { bySql, dialectOf } from '../db/dialect.js';

export type { EnrolledFactorName };

export interface EnrolledFactor {
  id: number;
  userId: number;
  factor: EnrolledFactorName;
  label: string;
  credentialId: string | null;
  /** The factor's own JSON (for TOTP: the sealed secret and the last time step used). */
  data: Record<string, unknown>;
  createdAt: number;
  lastUsedAt: number | null;
}

const COLUMNS = 'id, user_id, factor, label, credential_id, data, created_at, last_used_at';

/** A row's factor name; null for a name the registry does not hold as `user_factors`. */
function enrolledName(row: Row): EnrolledFactorName | null {
  const name = str(row, 'factor');
  return isEnrolledFactor(name) ? name : null;
}

/** The row as an enrolled factor; null for a factor this server does not know (not counted). */
function toFactor(row: Row): EnrolledFactor | null {
  const factor = enrolledName(row);
  if (factor === null) return null;
  let data: unknown;
  try {
    data = JSON.parse(str(row, 'data'));
  } catch {
    data = {};
  }
  return {
    id: num(row, 'id'),
    userId: num(row, 'user_id'),
    factor,
    label: str(row, 'label'),
    credentialId: strOrNull(row, 'credential_id'),
    data: data !== null && typeof data === 'object' ? (data as Record<string, unknown>) : {},
    createdAt: num(row, 'created_at'),
    lastUsedAt: row.last_used_at === null ? null : num(row, 'last_used_at'),
  };
}

/** A user's enrolled factors (oldest first), optionally of one kind. */
export async function listUserFactors(
  db: Executor,
  userId: number,
  factor?: EnrolledFactorName,
): Promise<EnrolledFactor[]> {
  const rs = await db.execute({
    sql: `SELECT ${COLUMNS} FROM user_factors WHERE user_id = ?${factor ? ' AND factor = ?' : ''} ORDER BY id`,
    args: factor ? [userId, factor] : [userId],
  });
  return rs.rows.flatMap((r) => toFactor(r) ?? []);
}

export interface NewUserFactor {
  userId: number;
  factor: EnrolledFactorName;
  label: string;
  credentialId?: string | null;
  data: Record<string, unknown>;
  at: number;
}

/** The INSERT of an enrolled factor (for a batch with its audit entry). */
export function insertUserFactorStatement(f: NewUserFactor): Statement {
  return {
    sql: `INSERT INTO user_factors (user_id, factor, label, credential_id, data, created_at)
          VALUES (?, ?, ?, ?, ?, ?)`,
    args: [f.userId, f.factor, f.label, f.credentialId ?? null, JSON.stringify(f.data), f.at],
  };
}

/**
 * The assertion a factor change puts first in its batch (migration 009's `factor_change_guards`):
 * it writes nothing, but aborts the batch with `factor_not_first` when `firstFactor` is set and the
 * user has a second factor by now, or with `too_many_factors` when the user already has
 * `totpLimit` authenticator apps.
 */
export function factorChangeGuardStatement(
  userId: number,
  guard: { firstFactor: boolean; totpLimit?: number },
): Statement {
  return {
    sql: 'INSERT INTO factor_change_guards (user_id, first_factor, totp_limit) VALUES (?, ?, ?)',
    args: [userId, guard.firstFactor ? 1 : 0, guard.totpLimit ?? null],
  };
}

/**
 * The INSERT that takes an enrolment token (its sealed random id) for good, in the batch that
 * stores the factor: a second use collides with it (`UNIQUE constraint failed:
 * enrolment_tokens_used.id`).
 */
export function takeEnrolmentTokenStatement(
  id: string,
  userId: number,
  expiresAt: number,
): Statement {
  return {
    sql: 'INSERT INTO enrolment_tokens_used (id, user_id, expires_at) VALUES (?, ?, ?)',
    args: [id, userId, expiresAt],
  };
}

/** Deletes taken enrolment tokens that expired more than `graceMs` ago (housekeeping). */
export async function purgeUsedEnrolmentTokens(
  db: Executor,
  now: number,
  graceMs: number,
): Promise<number> {
  const rs = await db.execute({
    sql: 'DELETE FROM enrolment_tokens_used WHERE expires_at < ?',
    args: [now - graceMs],
  });
  return rs.rowsAffected;
}

/** The DELETE of one of a user's factors (for a batch). */
export function deleteUserFactorStatement(userId: number, id: number): Statement {
  return { sql: 'DELETE FROM user_factors WHERE user_id = ? AND id = ?', args: [userId, id] };
}

/** The DELETE of all of a user's enrolled factors (an administrator's reset, for a batch). */
export function deleteAllUserFactorsStatement(userId: number): Statement {
  return { sql: 'DELETE FROM user_factors WHERE user_id = ?', args: [userId] };
}

/**
 * Moves a TOTP factor's last used time step forward to `step`, only while the stored one is
 * earlier (compare-and-set in one statement): of two requests with the same code, exactly one
 * wins. True when this one did.
 */
export async function advanceTotpStep(
  db: Executor,
  id: number,
  step: number,
  at: number,
): Promise<boolean> {
  const rs = await db.execute({
    sql: bySql(db, {
      sqlite: `UPDATE user_factors SET data = json_set(data, '$.lastStep', ?2), last_used_at = ?3
          WHERE id = ?1 AND factor = 'totp' AND coalesce(json_extract(data, '$.lastStep'), -1) < ?2`,
      postgres: `UPDATE user_factors
          SET data = jsonb_set(data::jsonb, '{lastStep}', to_jsonb(?2::bigint))::text, last_used_at = ?3
          WHERE id = ?1 AND factor = 'totp' AND coalesce((data::jsonb ->> 'lastStep')::bigint, -1) < ?2`,
    }),
    args: [id, step, at],
  });
  return rs.rowsAffected === 1;
}

/** One factor of a user, or null. */
export async function findUserFactor(
  db: Executor,
  userId: number,
  id: number,
): Promise<EnrolledFactor | null> {
  const rs = await db.execute({
    sql: `SELECT ${COLUMNS} FROM user_factors WHERE user_id = ? AND id = ?`,
    args: [userId, id],
  });
  return rs.rows[0] ? toFactor(rs.rows[0]) : null;
}

/** The INSERTs that replace a user's recovery codes with new hashed ones (for a batch). */
export function replaceRecoveryCodesStatements(
  userId: number,
  hashes: readonly string[],
  at: number,
): Statement[] {
  return [
    { sql: 'DELETE FROM recovery_codes WHERE user_id = ?', args: [userId] },
    ...hashes.map((h) => ({
      sql: 'INSERT INTO recovery_codes (user_id, code_hash, created_at) VALUES (?, ?, ?)',
      args: [userId, h, at],
    })),
  ];
}

/** The DELETE of all of a user's recovery codes (for a batch). */
export function deleteRecoveryCodesStatement(userId: number): Statement {
  return { sql: 'DELETE FROM recovery_codes WHERE user_id = ?', args: [userId] };
}

/**
 * Uses one unused recovery code of a user, atomically: true for exactly one caller per code.
 */
export async function useRecoveryCode(
  db: Executor,
  userId: number,
  codeHash: string,
  at: number,
): Promise<boolean> {
  const rs = await db.execute({
    sql: `UPDATE recovery_codes SET used_at = ?
          WHERE user_id = ? AND code_hash = ? AND used_at IS NULL`,
    args: [at, userId, codeHash],
  });
  return rs.rowsAffected === 1;
}

/** How many unused recovery codes a user has left. */
export async function unusedRecoveryCodes(db: Executor, userId: number): Promise<number> {
  const rs = await db.execute({
    sql: 'SELECT count(*) AS n FROM recovery_codes WHERE user_id = ? AND used_at IS NULL',
    args: [userId],
  });
  return num(rs.rows[0]!, 'n');
}

/** Which enrolled kinds a user has (for the factor offer and the seed rule's domain check). */
export async function enrolledKinds(db: Executor, userId: number): Promise<EnrolledFactorName[]> {
  const rs = await db.execute({
    sql: 'SELECT DISTINCT factor FROM user_factors WHERE user_id = ?',
    args: [userId],
  });
  return rs.rows.flatMap((r) => enrolledName(r) ?? []);
}

const HAS_PASSWORD = "(u.password_hash IS NOT NULL OR u.directory <> 'local')";

/** Where a user holds a factor, in SQL over `users u` (the registry's `heldAs`). */
function heldSql(name: FactorName): { sql: string; args: string[] } {
  switch (FACTORS[name].heldAs) {
    case 'password':
      return { sql: HAS_PASSWORD, args: [] };
    case 'secsign_id':
      return { sql: 'u.secsign_id IS NOT NULL', args: [] };
    case 'user_factors':
      return {
        sql: 'EXISTS (SELECT 1 FROM user_factors f WHERE f.user_id = u.id AND f.factor = ?)',
        args: [name],
      };
    case 'recovery_codes':
      return {
        sql: 'EXISTS (SELECT 1 FROM recovery_codes r WHERE r.user_id = u.id AND r.used_at IS NULL)',
        args: [],
      };
  }
}

/**
 * The enabled administrators who can sign in from outside with a factor the stored policy allows
 * (`settings.outside_factors`), written from the registry's facts: each factor that keeps an
 * administrator outside, held by the user, with the password where the factor needs it. The same
 * rule as `canSignInOutside` in server/domain/outside-admins.ts (tested together).
 */
function outsideAdminsSql(): { sql: string; args: string[] } {
  const ways = FACTOR_NAMES.filter((f) => FACTORS[f].keepsAdminOutside).map((f) => {
    const held = heldSql(f);
    const password = FACTORS[f].needsPassword ? ` AND ${HAS_PASSWORD}` : '';
    return {
      sql: `(('+' || s.outside_factors || '+') LIKE ('%+' || ? || '+%') AND ${held.sql}${password})`,
      args: [f, ...held.args],
    };
  });
  return {
    sql: `SELECT u.id AS id FROM users u, settings s
          WHERE s.id = 1 AND u.role = 'admin' AND u.disabled = 0
            AND (${ways.map((w) => w.sql).join(' OR ') || '0'})`,
    args: ways.flatMap((w) => w.args),
  };
}

/** How many enabled administrators can sign in from outside under the stored policy. */
export async function countOutsideAdmins(db: Executor): Promise<number> {
  const q = outsideAdminsSql();
  const rs = await db.execute({
    sql: `SELECT count(*) AS n FROM (${q.sql}) AS outside_admins`,
    args: q.args,
  });
  return num(rs.rows[0]!, 'n');
}

/** The key of the PostgreSQL advisory lock the changes carrying the seed rule take (any constant). */
export const OUTSIDE_ADMIN_LOCK = 0x1b5a_f026;

/**
 * The first statement of a change's batch on PostgreSQL: a transaction-scoped advisory lock, so
 * batches carrying the seed rule's assertion run one after the other across connections and
 * instances. Without it, READ COMMITTED lets two changes on different rows — one instance removing
 * tina's last outside factor, another demoting bob, the only other administrator who can — each
 * see the other's row still there, and both pass (write skew,
 * test/server/domain/seed-rule-write-skew.test.ts). Each statement after the lock reads what the
 * batch before it committed. SQLite has one writer at a time, so libSQL needs nothing.
 */
export function outsideAdminLock(db: object): Statement[] {
  if (dialectOf(db) !== 'postgres') return [];
  return [{ sql: 'SELECT pg_advisory_xact_lock(?)', args: [OUTSIDE_ADMIN_LOCK] }];
}

/**
 * The last statement of a change's batch that keeps the seed rule: while IPSafeZone is active and
 * no administrator can sign in from outside any more, it inserts `rule` into `rule_assertions`,
 * whose CHECK named after the rule refuses it and so aborts the whole batch (migration 014).
 */
export function outsideAdminAssertion(rule: 'no_secsign_admin' | 'last_secsign_admin'): Statement {
  const q = outsideAdminsSql();
  return {
    sql: `INSERT INTO rule_assertions (rule) SELECT ?
          WHERE (SELECT ipsafezone_active FROM settings WHERE id = 1) = 1
            AND NOT EXISTS (${q.sql})`,
    args: [rule, ...q.args],
  };
}
