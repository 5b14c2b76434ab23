/**
 * The settings of an external password directory (LDAP / Active Directory, Crowd) as ipsafezone
 * keeps them, and what a directory answers to the admin's "Test connection" and "Test a user".
 * Plain data: the store keeps them (secrets sealed), the directory modules read them.
 */
import type { DirectoryUser, PasswordDirectory } from './password-directory.js';

/** How the LDAP connection is protected. `plain` is refused unless `allowPlain` is set. */
export type LdapSecurity = 'ldaps' | 'starttls' | 'plain';

export interface LdapSettings {
  /** `ldaps://host:636` or `ldap://host:389`. */
  url: string;
  security: LdapSecurity;
  /** Must be true for `security: 'plain'` (passwords then cross the network in clear text). */
  allowPlain: boolean;
  /** PEM certificate(s) of the CA that signed the server's certificate; empty: the system's CAs. */
  caPem: string;
  /** The service account that searches for users. */
  bindDn: string;
  bindPassword: string;
  /** Where users are searched (subtree). */
  baseDn: string;
  /** A filter with `{username}`, e.g. `(&(objectClass=person)(sAMAccountName={username}))`. */
  userFilter: string;
  /** Attribute holding the canonical user name (`sAMAccountName`, `uid`). */
  usernameAttribute: string;
  displayNameAttribute: string;
  emailAttribute: string;
  /** Attribute holding the SecSign ID; empty: the SecSign ID is assigned in ipsafezone. */
  secSignIdAttribute: string;
  /** Groups: `memberOf` on the user entry, or a search in `groupBaseDn` with `groupFilter`. */
  groupSource: 'memberOf' | 'search';
  groupBaseDn: string;
  /** With `{dn}` (the user's DN) and/or `{username}`, e.g. `(&(objectClass=groupOfNames)(member={dn}))`. */
  groupFilter: string;
  /** Members of this group (its name — the `cn` — or its full DN) are administrators; empty: the directory does not decide roles. */
  adminGroup: string;
  /** Per-operation and connect time-out; a directory slower than this is `unavailable`. */
  timeoutMs: number;
}

export interface CrowdSettings {
  /** Crowd's base URL incl. context, e.g. `https://crowd.example.com/crowd` or Jira's base URL. */
  url: string;
  /** The registered application's name and password (HTTP Basic). */
  applicationName: string;
  applicationPassword: string;
  /** Must be true for an http:// URL (passwords then cross the network in clear text). */
  allowPlain: boolean;
  /** PEM CA for an https URL signed by a private CA; empty: the system's CAs. */
  caPem: string;
  /** Crowd user attribute holding the SecSign ID; empty: assigned in ipsafezone. */
  secSignIdAttribute: string;
  adminGroup: string;
  timeoutMs: number;
}

export type DirectorySettings =
  { kind: 'ldap'; settings: LdapSettings } | { kind: 'crowd'; settings: CrowdSettings };

/** A configured directory as stored (secrets opened). */
export type DirectoryConfig = DirectorySettings & {
  id: number;
  name: string;
  /** Order in the chain (lower first; the local users table always comes first). */
  position: number;
  enabled: boolean;
};

/** What a directory found about a user name, for "Test a user" (never a password). */
export interface DirectoryLookup {
  found: boolean;
  /** The LDAP entry's DN or the Crowd user's name. */
  reference?: string;
  user?: Omit<DirectoryUser, 'localUserId'>;
}

/** A directory from outside, with the admin's test operations besides the password check. */
export interface ExternalDirectory extends PasswordDirectory {
  readonly kind: 'ldap' | 'crowd';
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
