/**
 * The administrator's "Test connection" and "Test a user" for a stored directory (admin page, API
 * and CLI): opens its password with the secret box, asks the directory, and answers in words —
 * what was found about a user name, and, when a password is given, only whether it was right.
 * Never a password in the answer.
 */
import type { Database } from '../db/database.js';
import type { SecretBox } from '../platform/crypto/secret-box.js';
import { AppError } from '../platform/errors.js';
import { loadDirectoryRecord } from './directory-service.js';
import { buildDirectory, openDirectory } from './open-directory.js';
import { DirectoryError, type DirectoryLookup } from './types.js';
import type { DirectoryResult } from './password-directory.js';

async function external(db: Database, box: SecretBox, idOrName: number | string) {
  const record = await loadDirectoryRecord(db, idOrName);
  try {
    return { record, directory: buildDirectory(openDirectory(record, box)) };
  } catch (err) {
    throw new AppError(
      503,
      'directory_unavailable',
      `The directory's stored password cannot be opened: ${(err as Error).message}`,
    );
  }
}

export interface TestResult {
  ok: boolean;
  message: string;
}

/** "Test connection": connects and authenticates as the service account or application. */
export async function testDirectoryConnection(
  db: Database,
  box: SecretBox,
  idOrName: number | string,
): Promise<TestResult> {
  const { directory } = await external(db, box, idOrName);
  try {
    return { ok: true, message: await directory.testConnection() };
  } catch (err) {
    return { ok: false, message: err instanceof DirectoryError ? err.message : String(err) };
  }
}

export interface UserTestResult extends TestResult {
  lookup?: DirectoryLookup;
  /** With a password: what the password check answered (never the password). */
  passwordCheck?: 'ok' | 'unknown_user' | 'wrong_password' | 'unavailable';
}

/**
 * Runs the password check of "Test a user": the admin API's counts and settles it as a sign-in's
 * attempt (server/domain/directory-user-test.ts); the command line's simply runs it.
 */
export type PasswordCheckRunner = (
  check: () => Promise<DirectoryResult>,
) => Promise<DirectoryResult>;

const uncounted: PasswordCheckRunner = (check) => check();

/** "Test a user": what the directory knows about a user name, and optionally a password check. */
export async function testDirectoryUser(
  db: Database,
  box: SecretBox,
  idOrName: number | string,
  username: string,
  password?: string,
  runCheck: PasswordCheckRunner = uncounted,
): Promise<UserTestResult> {
  const { directory } = await external(db, box, idOrName);
  let lookup: DirectoryLookup;
  try {
    lookup = await directory.lookup(username);
  } catch (err) {
    return { ok: false, message: err instanceof DirectoryError ? err.message : String(err) };
  }
  const result: UserTestResult = {
    ok: lookup.found,
    message: lookup.found
      ? `Found ${lookup.reference}.`
      : 'The directory does not know this user name.',
    lookup,
  };
  if (password !== undefined && password !== '') {
    const r = await runCheck(() => directory.verify(username, password));
    result.passwordCheck = r.status;
    if (r.status === 'unavailable') result.message += ` The password check failed: ${r.reason}`;
    else result.message += ` Password check: ${r.status.replace('_', ' ')}.`;
    result.ok = lookup.found && r.status === 'ok';
  }
  return result;
}
