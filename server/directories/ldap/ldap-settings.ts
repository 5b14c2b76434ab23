/**
 * An LDAP / Active Directory directory's settings as ipsafezone keeps them (the bind password
 * sealed apart from the rest: `secret` in ./kind.ts). Plain data, read by the directory.
 */

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
