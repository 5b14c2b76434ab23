/**
 * The password-directory seam: "is this the user's password?", asked of wherever the password
 * lives — ipsafezone's own users table first, LDAP / Active Directory or Crowd later. The login
 * flow never knows which directory answered. A directory that cannot answer says `unavailable`,
 * which is never the same as a wrong password: the login then fails closed with 503, and no weaker
 * path is tried.
 */

/** A user as a directory describes them after a successful password check. */
export interface DirectoryUser {
  /** The user name as the directory spells it (the canonical login name). */
  username: string;
  displayName: string;
  email: string;
  /** Group names from the directory (empty when the directory has none). */
  groups: string[];
  /** True/false when the directory decides the admin role (e.g. an admin group); null: it does not. */
  admin: boolean | null;
  /** The SecSign ID from a directory attribute; undefined when the directory does not manage it. */
  secSignId?: string | null;
  /** True when the directory says the account is disabled. */
  disabled?: boolean;
  /** Set by the local directory: the users-table row that matched. */
  localUserId?: number;
}

export type DirectoryResult =
  | { status: 'ok'; user: DirectoryUser }
  /** The directory does not know this user name: the next directory in order may. */
  | { status: 'unknown_user' }
  /**
   * The directory knows the user and the password is wrong: no other directory is asked.
   * `username`: the account's own name in the directory where the directory tells it (the name may
   * have been typed in another spelling, an e-mail address): the lock-out counts per account.
   */
  | { status: 'wrong_password'; username?: string }
  /** The directory could not answer (down, time-out, misconfigured): fail closed, 503. */
  | { status: 'unavailable'; reason: string };

export interface PasswordDirectory {
  /** A stable identifier (`local`, or the configured directory's id). */
  readonly id: string;
  /** `local`, or the kind of a configured directory (server/directories/kinds.ts). */
  readonly kind: string;
  /**
   * Checks a user name and password. Must not throw for a wrong password or an unknown user; may
   * answer `unavailable` instead of throwing for faults. The caller has already applied rate
   * limits and refused empty passwords.
   */
  verify(username: string, password: string): Promise<DirectoryResult>;
}
