/**
 * Asks the password directories in order, as Atlassian does: the first that knows the user
 * decides. A wrong password ends the search (no other directory is tried with it); a directory
 * that cannot answer ends it too, closed — nobody signs in with a password then, and no weaker
 * path is tried. What the directory found becomes an ipsafezone user through `toUser` (the local
 * directory names its row; an outside directory's user is provisioned).
 */
import type { UserRecord } from '../store/users.js';
import type { DirectoryUser, PasswordDirectory } from './password-directory.js';

export type ChainResult =
  | { status: 'ok'; user: UserRecord; directory: string }
  /** Unknown everywhere, or a wrong password: the caller answers both the same way. */
  /** `account`: the account's own name, where the directory told it (a wrong password). */
  | { status: 'invalid'; knownUser: boolean; directory: string | null; account?: string }
  | { status: 'unavailable'; directory: string; reason: string };

export interface DirectoryChain {
  verify(username: string, password: string): Promise<ChainResult>;
}

export function createDirectoryChain(deps: {
  /** The directories in the order they are asked (read at each login: configuration may change). */
  directories: () => Promise<PasswordDirectory[]>;
  /** The ipsafezone user for what a directory found; null when none can be made (refused). */
  toUser: (directory: PasswordDirectory, found: DirectoryUser) => Promise<UserRecord | null>;
}): DirectoryChain {
  return {
    async verify(username, password) {
      let directories: PasswordDirectory[];
      try {
        directories = await deps.directories();
      } catch (err) {
        return { status: 'unavailable', directory: '(configuration)', reason: String(err) };
      }
      for (const directory of directories) {
        let result;
        try {
          result = await directory.verify(username, password);
        } catch (err) {
          result = { status: 'unavailable' as const, reason: (err as Error).message };
        }
        switch (result.status) {
          case 'unknown_user':
            continue;
          case 'wrong_password':
            return {
              status: 'invalid',
              knownUser: true,
              directory: directory.id,
              ...(result.username ? { account: result.username } : {}),
            };
          case 'unavailable':
            return { status: 'unavailable', directory: directory.id, reason: result.reason };
          case 'ok': {
            const user = await deps.toUser(directory, result.user);
            if (!user) return { status: 'invalid', knownUser: true, directory: directory.id };
            return { status: 'ok', user, directory: directory.id };
          }
        }
      }
      return { status: 'invalid', knownUser: false, directory: null };
    },
  };
}
