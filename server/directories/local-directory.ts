/**
 * ipsafezone's own users table as a `PasswordDirectory`: the first implementation of the seam.
 * It always spends one Argon2id verification — on the stored hash, or on a dummy hash for an
 * unknown user or a user without a local password — so the answer's timing does not tell whether
 * a user exists. A user whose password lives in another directory is `unknown_user` here, so the
 * chain asks the next directory.
 */
import type { Database } from '../db/database.js';
import { findUserByUsername } from '../store/users.js';
import { verifyDummy, verifyPassword } from '../platform/crypto/passwords.js';
import type { DirectoryResult, PasswordDirectory } from './password-directory.js';

export function createLocalDirectory(db: Database): PasswordDirectory {
  return {
    id: 'local',
    kind: 'local',
    async verify(username, password): Promise<DirectoryResult> {
      let user;
      try {
        user = await findUserByUsername(db, username);
      } catch (err) {
        return { status: 'unavailable', reason: `users table: ${(err as Error).message}` };
      }
      if (!user || user.directory !== 'local' || user.passwordHash === null) {
        await verifyDummy(password);
        return { status: 'unknown_user' };
      }
      if (!(await verifyPassword(user.passwordHash, password)))
        return { status: 'wrong_password', username: user.username };
      return {
        status: 'ok',
        user: {
          username: user.username,
          displayName: user.displayName,
          email: user.email,
          groups: [],
          admin: null,
          localUserId: user.id,
        },
      };
    },
  };
}
