/**
 * The password directories the login flow asks, in order: ipsafezone's own users table first,
 * then the enabled LDAP / Crowd directories as configured (read at each login, so a change on the
 * admin page counts at once). What an outside directory confirmed becomes an ipsafezone user by
 * just-in-time provisioning; when the seed's rules refuse that (a SecSign ID held by another user,
 * the last administrator with a SecSign ID, a name that belongs to another account) the refusal is
 * audited and answered with its own 409, and nobody is signed in.
 */
import type { Database } from '../db/database.js';
import type { DirectoryUser, PasswordDirectory } from './password-directory.js';
import type { Clock } from '../platform/clock.js';
import type { AppConfig } from '../config/settings.js';
import { provisionDirectoryUser } from '../domain/provision-directory-user.js';
import { isAppError } from '../platform/errors.js';
import { appendAudit } from '../store/audit.js';
import { findDirectory } from '../store/directories.js';
import { findUserById, type UserRecord } from '../store/users.js';
import { loadPasswordDirectories } from './open-directory.js';
import type { ExternalDirectory } from './types.js';

export interface DirectoryChainSources {
  directories: () => Promise<PasswordDirectory[]>;
  toUser: (directory: PasswordDirectory, found: DirectoryUser) => Promise<UserRecord | null>;
}

export function directoryChainSources(deps: {
  db: Database;
  clock: Clock;
  config: Pick<AppConfig, 'secretKey'>;
  local: PasswordDirectory;
}): DirectoryChainSources {
  const { db, clock, config, local } = deps;
  return {
    directories: async () => [local, ...(await loadPasswordDirectories(db, config))],
    async toUser(directory, found) {
      if (directory.kind === 'local')
        return found.localUserId === undefined ? null : findUserById(db, found.localUserId);
      const record = await findDirectory(db, Number(directory.id));
      if (!record) return null; // removed while the password was being checked
      try {
        return await provisionDirectoryUser(db, clock, { id: record.id, name: record.name }, found);
      } catch (err) {
        if (isAppError(err))
          await appendAudit(db, clock, {
            actor: `directory:${record.name}`,
            action: 'user.provision',
            username: found.username,
            outcome: err.code,
            details: { directory: record.name },
          });
        throw err;
      }
    },
  };
}

/** What the directory says about a user who signed in without a password (SecSign ID alone). */
export type DirectoryConfirmation =
  | { status: 'ok'; user: UserRecord }
  /** The directory no longer knows the user, or the directory is gone or switched off. */
  | { status: 'gone' }
  | { status: 'unavailable'; reason: string };

/**
 * Asks a directory user's directory, without a password, whether the user still exists — and keeps
 * the ipsafezone user in step with it (display name, e-mail, role, SecSign ID, disabled), as a
 * password sign-in would. A second factor alone never asks the password directory, so without
 * this a user deleted or disabled in LDAP / Crowd would keep signing in with the SecSign ID. Local
 * users need no asking. A directory that cannot answer fails the sign-in closed.
 */
export function directoryUserConfirmation(deps: {
  db: Database;
  clock: Clock;
  config: Pick<AppConfig, 'secretKey'>;
}): (user: UserRecord) => Promise<DirectoryConfirmation> {
  const { db, clock, config } = deps;
  return async (user) => {
    if (user.directory === 'local') return { status: 'ok', user };
    const directory = (await loadPasswordDirectories(db, config)).find(
      (d) => d.id === user.directory,
    );
    const record = await findDirectory(db, Number(user.directory));
    if (!directory || !record) return { status: 'gone' };
    if (!('lookup' in directory))
      return { status: 'unavailable', reason: `Directory "${record.name}" cannot be used.` };
    let found;
    try {
      found = await (directory as ExternalDirectory).lookup(user.username);
    } catch (err) {
      return { status: 'unavailable', reason: (err as Error).message };
    }
    if (!found.found || !found.user) return { status: 'gone' };
    const updated = await provisionDirectoryUser(
      db,
      clock,
      { id: record.id, name: record.name },
      found.user,
    );
    return { status: 'ok', user: updated };
  };
}
