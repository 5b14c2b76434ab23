/**
 * An external password directory as ipsafezone keeps it (each kind's settings are its own:
 * `./<kind>/`), and what a directory answers to the admin's "Test connection" and "Test a user".
 * Plain data: the store keeps them (secrets sealed), the directory kinds read them.
 */
import type { DirectoryUser, PasswordDirectory } from './password-directory.js';

/** A configured directory as stored (its secret opened): one kind's settings (`./<kind>/kind.ts`). */
export interface DirectoryConfig {
  id: number;
  name: string;
  /** Its kind's name (server/directories/kinds.ts). */
  kind: string;
  settings: Record<string, unknown>;
  /** Order in the chain (lower first; the local users table always comes first). */
  position: number;
  enabled: boolean;
}
/** What a directory found about a user name, for "Test a user" (never a password). */
export interface DirectoryLookup {
  found: boolean;
  /** The LDAP entry's DN or the Crowd user's name. */
  reference?: string;
  user?: Omit<DirectoryUser, 'localUserId'>;
}

/** A directory from outside, with the admin's test operations besides the password check. */
export interface ExternalDirectory extends PasswordDirectory {
  /** Its kind's name (`ldap`, `crowd`: server/directories/kinds.ts). */
  readonly kind: string;
  /** Connects and authenticates as the service account / application; throws a readable error. */
  testConnection(): Promise<string>;
  /** Looks a user name up without a password (throws a readable error when it cannot answer). */
  lookup(username: string): Promise<DirectoryLookup>;
}

/** A fault the directory reports in words an administrator can act on. */
export class DirectoryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DirectoryError';
  }
}
