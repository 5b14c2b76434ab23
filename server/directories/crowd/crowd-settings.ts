/**
 * A Crowd (or Jira user server) directory's settings as ipsafezone keeps them (the application
 * password sealed apart from the rest: `secret` in ./kind.ts). Plain data, read by the directory.
 */

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
