/**
 * The users table: SQL in, plain `UserRecord`s out. No rules here (those are in server/domain/);
 * only the normalisation that makes lookups agree with the unique keys: user names compare
 * regardless of case, SecSign IDs are trimmed and lower-cased as SecSign's own clients do.
 */
import type { Statement, Row } from '../db/database.js';
import type { Executor } from '../db/executor.js';
import { bool, num, str, strOrNull } from './rows.js';
import { secSignIdKey as normalizeSecSignId, usernameKey } from '../core/identifiers.js';

export type Role = 'admin' | 'user';

export interface UserRecord {
  id: number;
  username: string;
  displayName: string;
  email: string;
  role: Role;
  disabled: boolean;
  secSignId: string | null;
  /** Argon2id hash; null when the password lives in a directory (or none was ever set). */
  passwordHash: string | null;
  /** Where the password lives: `local` (this table) or a directory's id. */
  directory: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
  updatedAt: number;
}

/** A user as anyone but the password check may see it. */
export type PublicUser = Omit<UserRecord, 'passwordHash'>;

export { usernameKey, secSignIdKey as normalizeSecSignId } from '../core/identifiers.js';

/** Drops the password hash. */
export function publicUser(u: UserRecord): PublicUser {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { passwordHash, ...rest } = u;
  return rest;
}

const COLUMNS =
  'id, username, display_name, email, role, disabled, secsign_id, password_hash, directory, created_at, updated_at';

function toUser(row: Row): UserRecord {
  return {
    id: num(row, 'id'),
    username: str(row, 'username'),
    displayName: str(row, 'display_name'),
    email: str(row, 'email'),
    role: str(row, 'role') === 'admin' ? 'admin' : 'user',
    disabled: bool(row, 'disabled'),
    secSignId: strOrNull(row, 'secsign_id'),
    passwordHash: strOrNull(row, 'password_hash'),
    directory: str(row, 'directory'),
    createdAt: num(row, 'created_at'),
    updatedAt: num(row, 'updated_at'),
  };
}

async function one(db: Executor, stmt: Statement): Promise<UserRecord | null> {
  const rs = await db.execute(stmt);
  const row = rs.rows[0];
  return row ? toUser(row) : null;
}

/** Finds a user by name, regardless of case. */
export function findUserByUsername(db: Executor, username: string): Promise<UserRecord | null> {
  return one(db, {
    sql: `SELECT ${COLUMNS} FROM users WHERE username_key = ?`,
    args: [usernameKey(username)],
  });
}

export function findUserById(db: Executor, id: number): Promise<UserRecord | null> {
  return one(db, { sql: `SELECT ${COLUMNS} FROM users WHERE id = ?`, args: [id] });
}

/** Finds the user holding a SecSign ID (compared trimmed and lower-cased). */
export function findUserBySecSignId(db: Executor, secSignId: string): Promise<UserRecord | null> {
  const id = normalizeSecSignId(secSignId);
  if (id === '') return Promise.resolve(null);
  return one(db, { sql: `SELECT ${COLUMNS} FROM users WHERE secsign_id = ?`, args: [id] });
}

export interface UserListQuery {
  /** Matches user name, display name, e-mail or SecSign ID (substring, case-insensitive). */
  q?: string;
  offset: number;
  limit: number;
}

/** A page of users ordered by user name, and how many match in all. */
export async function listUsers(
  db: Executor,
  query: UserListQuery,
): Promise<{ users: UserRecord[]; total: number }> {
  const q = query.q?.trim() ?? '';
  const where =
    q === ''
      ? ''
      : `WHERE username_key LIKE ?1 ESCAPE '\\' OR lower(display_name) LIKE ?1 ESCAPE '\\' OR lower(email) LIKE ?1 ESCAPE '\\' OR secsign_id LIKE ?1 ESCAPE '\\'`;
  const pattern = `%${q.toLowerCase().replace(/[\\%_]/g, (m) => '\\' + m)}%`;
  const args = q === '' ? [] : [pattern];
  const total = await db.execute({ sql: `SELECT count(*) AS n FROM users ${where}`, args });
  const rs = await db.execute({
    sql: `SELECT ${COLUMNS} FROM users ${where} ORDER BY username_key LIMIT ${Math.trunc(query.limit)} OFFSET ${Math.trunc(query.offset)}`,
    args,
  });
  return { users: rs.rows.map(toUser), total: num(total.rows[0]!, 'n') };
}

/** Number of enabled administrators that have a SecSign ID (the seed's rule counts these). */
export async function countSecSignAdmins(db: Executor): Promise<number> {
  const rs = await db.execute(
    `SELECT count(*) AS n FROM users WHERE role = 'admin' AND disabled = 0 AND secsign_id IS NOT NULL`,
  );
  return num(rs.rows[0]!, 'n');
}

export interface NewUser {
  username: string;
  displayName: string;
  email: string;
  role: Role;
  disabled: boolean;
  secSignId: string | null;
  passwordHash: string | null;
  /** Where the password lives; `local` when not given. */
  directory?: string;
  at: number;
}

/** The INSERT for a new user (for a batch); the caller checked the rules. */
export function insertUserStatement(u: NewUser): Statement {
  return {
    sql: `INSERT INTO users (username, username_key, display_name, email, role, disabled, secsign_id, password_hash, directory, created_at, updated_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    args: [
      u.username.trim(),
      usernameKey(u.username),
      u.displayName,
      u.email,
      u.role,
      u.disabled ? 1 : 0,
      u.secSignId === null ? null : normalizeSecSignId(u.secSignId),
      u.passwordHash,
      u.directory ?? 'local',
      u.at,
      u.at,
    ],
  };
}

export interface UserChanges {
  displayName?: string;
  email?: string;
  role?: Role;
  disabled?: boolean;
  secSignId?: string | null;
  passwordHash?: string;
}

/** The UPDATE for some of a user's fields (for a batch). */
export function updateUserStatement(id: number, changes: UserChanges, at: number): Statement {
  const sets: string[] = ['updated_at = ?'];
  const args: (string | number | null)[] = [at];
  const add = (col: string, v: string | number | null) => {
    sets.push(`${col} = ?`);
    args.push(v);
  };
  if (changes.displayName !== undefined) add('display_name', changes.displayName);
  if (changes.email !== undefined) add('email', changes.email);
  if (changes.role !== undefined) add('role', changes.role);
  if (changes.disabled !== undefined) add('disabled', changes.disabled ? 1 : 0);
  if (changes.secSignId !== undefined)
    add('secsign_id', changes.secSignId === null ? null : normalizeSecSignId(changes.secSignId));
  if (changes.passwordHash !== undefined) add('password_hash', changes.passwordHash);
  args.push(id);
  return { sql: `UPDATE users SET ${sets.join(', ')} WHERE id = ?`, args };
}

/** The DELETE for one user (for a batch). */
export function deleteUserStatement(id: number): Statement {
  return { sql: 'DELETE FROM users WHERE id = ?', args: [id] };
}
