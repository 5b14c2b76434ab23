/**
 * Just-in-time provisioning of a user whose password a directory (LDAP / Active Directory, Crowd)
 * just confirmed: created in ipsafezone at the first sign-in, with no local password, and kept in
 * step at every later one — display name and e-mail always from the directory; the admin role
 * from the directory's admin group when one is configured (else as set here); the SecSign ID from
 * the directory's attribute when one is configured (the directory wins), else as assigned here;
 * disabled when the directory says the account is disabled (never re-enabled by a sign-in: an
 * administrator's "disabled" here stays). A user name that already belongs to a local user or to
 * another directory is refused, never taken over. The seed's rules hold: the database's triggers
 * and unique keys refuse a second holder of a SecSign ID or the loss of the last administrator
 * with one; then nothing changes and the sign-in is refused with the domain's 409.
 */
import type { Database } from '../db/database.js';
import type { DirectoryUser } from '../directories/password-directory.js';
import type { Clock } from '../platform/clock.js';
import { AppError } from '../platform/errors.js';
import { auditStatement } from '../store/audit.js';
import { revokeUserSessionsStatement } from '../store/sessions.js';
import {
  findUserByUsername,
  insertUserStatement,
  updateUserStatement,
  type Role,
  type UserChanges,
  type UserRecord,
} from '../store/users.js';
import { applyChange } from './apply-change.js';
import { userNotFound } from './errors.js';
import { checkDisplayName, checkEmail, checkSecSignId, checkUsername } from './user-fields.js';

export interface DirectorySource {
  id: number;
  name: string;
}

const belongsElsewhere = (username: string) =>
  new AppError(
    409,
    'directory_user_conflict',
    `The user name "${username}" already belongs to another account here (local, or from another directory); ipsafezone does not merge them. Ask an administrator.`,
  );

/** Display name and e-mail as the directory has them, made to fit our field rules. */
function fields(du: DirectoryUser) {
  let email = '';
  try {
    email = checkEmail(du.email);
  } catch {
    email = ''; // a directory value we cannot use is left out, not fatal
  }
  let displayName = '';
  try {
    displayName = checkDisplayName(du.displayName.slice(0, 200));
  } catch {
    displayName = '';
  }
  return { displayName, email };
}

function secSignIdFrom(du: DirectoryUser): string | null | undefined {
  if (du.secSignId === undefined) return undefined;
  if (du.secSignId === null || du.secSignId.trim() === '') return null;
  return checkSecSignId(du.secSignId);
}

/**
 * Creates or updates the local account for a directory user whose password was just confirmed.
 * Returns the account as stored now. Throws AppError 409/422 when the seed's rules refuse it.
 */
export async function provisionDirectoryUser(
  db: Database,
  clock: Clock,
  source: DirectorySource,
  du: DirectoryUser,
): Promise<UserRecord> {
  const username = checkUsername(du.username);
  const actor = `directory:${source.name}`;
  const { displayName, email } = fields(du);
  const secSignId = secSignIdFrom(du);
  const at = clock.now();
  const existing = await findUserByUsername(db, username);

  if (!existing) {
    const created = {
      username,
      displayName,
      email,
      role: (du.admin === true ? 'admin' : 'user') as Role,
      disabled: du.disabled === true,
      secSignId: secSignId ?? null,
    };
    await applyChange(db, [
      insertUserStatement({ ...created, passwordHash: null, directory: String(source.id), at }),
      auditStatement(at, {
        actor,
        action: 'user.create',
        username,
        outcome: 'changed',
        details: { before: null, after: created, directory: source.name },
      }),
    ]);
    const user = await findUserByUsername(db, username);
    if (!user) throw userNotFound();
    return user;
  }

  if (existing.directory !== String(source.id)) throw belongsElsewhere(username);
  const changes: UserChanges = {};
  if (existing.displayName !== displayName) changes.displayName = displayName;
  if (existing.email !== email) changes.email = email;
  if (du.admin !== null && existing.role !== (du.admin ? 'admin' : 'user'))
    changes.role = du.admin ? 'admin' : 'user';
  if (secSignId !== undefined && existing.secSignId !== secSignId) changes.secSignId = secSignId;
  if (du.disabled === true && !existing.disabled) changes.disabled = true;
  const keys = Object.keys(changes) as (keyof UserChanges)[];
  if (keys.length === 0) return existing;
  const before = Object.fromEntries(keys.map((k) => [k, existing[k as keyof UserRecord]]));
  // Disabled by the directory: the sessions end with it (they would live again when enabled).
  const ending = changes.disabled === true;
  await applyChange(db, [
    updateUserStatement(existing.id, changes, at),
    ...(ending ? [revokeUserSessionsStatement(existing.id, undefined, at)] : []),
    auditStatement(at, {
      actor,
      action: 'user.update',
      username: existing.username,
      outcome: 'changed',
      details: {
        before,
        after: changes,
        directory: source.name,
        ...(ending ? { sessionsEnded: true } : {}),
      },
    }),
  ]);
  return { ...existing, ...changes, updatedAt: at } as UserRecord;
}
