/**
 * Reads and checks the server's configuration from the environment once, at start-up. A bad value
 * stops the server with a message naming the variable, instead of running with a surprise.
 * Every variable is listed in the README's configuration reference. This file holds the shapes,
 * the defaults and the small readers; the one schema of every variable is server/config/env-schema.ts and
 * the loading (environment → settings) is server/config/load.ts.
 */
import type { LogLevel } from '../platform/logger.js';
import { ConfigError } from '../platform/errors.js';
import type { ClientIpHeader } from '../client-address/types.js';

export interface AppConfig {
  /** Name shown on the phone in the SecSign ID app. */
  serviceName: string;
  /** Address shown on the phone (usually the login page's URL). */
  serviceAddress: string;
  /** Whether the SecSign ID app shows the access pass symbols. */
  showAccessPass: boolean;
  /** How long a SecSign ID request lives at the ID server (the widget counts down from it). */
  secsignRequestTtlMs: number;
  /** SecSign ID servers, tried in order (failover). */
  secsignServers: string[];
  /** Origins allowed to embed the widget with credentials (CORS). */
  allowedOrigins: string[];
  /**
   * The trusted proxies as configured (`IPSAFEZONE_TRUSTED_PROXIES`, read by server/client-address),
   * for the warning when one lies inside a zone.
   */
  trustedProxies: readonly string[];
  /** The one forwarding header read from a trusted proxy (`IPSAFEZONE_CLIENT_IP_HEADER`). */
  clientIpHeader: ClientIpHeader;
  /** Hosts a login may return to (besides our own); anything else is refused (no open redirects). */
  returnHosts: string[];
  /**
   * The backend's public origin (`IPSAFEZONE_PUBLIC_URL`, e.g. `https://auth.example.com`): the own
   * origin of the cross-site check, whether the session cookie is Secure, and the only host
   * requests may name. A loopback origin also stands for its other loopback spellings
   * (`localhost`, `127.0.0.1`, `[::1]` on the same port), so the demo works on all of them.
   */
  publicUrl: string;
  /** The login page's absolute URL, for forward-auth redirects. */
  loginUrl: string;
  /** `true`, `false`, or `auto` (Secure unless plain-http localhost). */
  cookieSecure: 'auto' | boolean;
  sessionIdleMs: number;
  sessionMaxMs: number;
  /**
   * How recent a session's (re-)authentication must be for the user to change their own second
   * factors or SecSign ID (`IPSAFEZONE_REAUTH_MINUTES`); older sessions are asked to confirm again.
   */
  reauthMs: number;
  /** How long a user name stays locked after too many wrong passwords. */
  lockoutMs: number;
  /** Demo mode: the demo pages are mounted (`npm run demo`). */
  demo: boolean;
  /** The embedded SecSign ID server and simulated phone are mounted (demo and development only). */
  embeddedSecSign: boolean;
  /** Until administrator sessions exist: a token that grants the admin API. Empty: disabled. */
  adminBootstrapToken: string;
  /** Key material for sealing stored secrets (`IPSAFEZONE_SECRET_KEY`); empty: none configured. */
  secretKey: string;
  /** OpenID Connect issuer (`IPSAFEZONE_OIDC_ISSUER`); empty: the public URL's origin. */
  oidcIssuer: string;
  /**
   * How long a retired OIDC signing key stays published after a rotation
   * (`IPSAFEZONE_OIDC_RETIRED_KEY_MINUTES`, default two hours: longer than any token it signed).
   */
  oidcRetiredKeyMs: number;
  /** Passkeys' relying-party ID (`IPSAFEZONE_WEBAUTHN_RP_ID`); empty: the public URL's host. */
  webauthnRpId: string;
  /** Origins passkeys may be used from (`IPSAFEZONE_WEBAUTHN_ORIGINS`); empty: our own origins. */
  webauthnOrigins: string[];
  /**
   * Whether the guard in front of Jira and Confluence lets token requests (`Authorization: Bearer`)
   * through from outside the zones (`IPSAFEZONE_GUARD_TOKENS_OUTSIDE`, default on).
   */
  guardTokensOutside: boolean;
  /**
   * The product's own address (`IPSAFEZONE_GUARD_UPSTREAM`, the `--upstream` of `proxy-config`),
   * where the OAuth 2.0 token relay sends a token request it read and let through; empty: the relay
   * is off and answers 503.
   */
  guardUpstream: string;
  /**
   * The wider limits of one IPv6 /48 in all, beside each /64's own, for requests from outside the
   * safe zone (`SiteLimits`). Not read from the environment; tests lower them.
   */
  siteLimits: SiteLimits;
}

/**
 * What one IPv6 /48 — a site's usual allocation, or many customers of a mobile carrier — may do in
 * all from outside the safe zone, however many of its 65,536 /64s it sends from. Each /64 keeps its
 * own, tighter limits (server/domain/login/rate-limit.ts); these are four times those, so that a
 * carrier's customers sharing a /48 are not stopped by one another, while a client rotating through
 * its /64s gets four /64s' worth, not 65,536 (docs/security.md, "Whole IPv6 /48s").
 */
export interface SiteLimits {
  /**
   * Password attempts (right ones are given back) in 15 minutes; beyond them every name from the
   * /48 is refused until those 15 minutes end. A /64's: ADDRESS_ATTEMPTS_FOR_NEW_NAMES (100).
   */
  passwordAttempts: number;
  /**
   * Sign-ins started with nothing proven that may be open at once, per factor (SecSign ID
   * requests, passkey challenges), and anonymous OIDC requests that store a record in 15 minutes.
   * A /64's: OPEN_ANONYMOUS_PER_ADDRESS (50).
   */
  openAnonymous: number;
}

/** Which SecSign ID API the server speaks (`SECSIGN_API`); see server/secsign/api-choice.ts. */
export const SECSIGN_API_MODES = ['auto', 'rest', 'form'] as const;
export type SecSignApiMode = (typeof SECSIGN_API_MODES)[number];

export type Env = Record<string, string | undefined>;

export function readBoolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(name, `expected on/off, true/false, yes/no or 1/0, got "${env[name]}".`);
}

export function readInteger(
  env: Env,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `expected a whole number, got "${raw}".`);
  const n = Number(raw);
  if (n < min || n > max)
    throw new ConfigError(name, `must be between ${min} and ${max}, got ${n}.`);
  return n;
}

export function readList(env: Env, name: string): string[] {
  return (env[name] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function defaultConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    serviceName: 'ipsafezone',
    serviceAddress: 'http://localhost:8080',
    showAccessPass: true,
    secsignRequestTtlMs: 120_000,
    secsignServers: ['https://httpapi.secsign.com', 'https://httpapi2.secsign.com'],
    allowedOrigins: [],
    trustedProxies: [],
    clientIpHeader: 'x-forwarded-for',
    returnHosts: [],
    publicUrl: 'http://localhost',
    loginUrl: 'http://localhost:8080/login',
    cookieSecure: 'auto',
    sessionIdleMs: 30 * 60_000,
    sessionMaxMs: 12 * 3_600_000,
    reauthMs: 5 * 60_000,
    lockoutMs: 15 * 60_000,
    demo: false,
    embeddedSecSign: false,
    adminBootstrapToken: '',
    secretKey: '',
    oidcIssuer: '',
    oidcRetiredKeyMs: 120 * 60_000,
    webauthnRpId: '',
    webauthnOrigins: [],
    guardTokensOutside: true,
    guardUpstream: '',
    siteLimits: { passwordAttempts: 400, openAnonymous: 200 },
    ...overrides,
  };
}

/** Everything `main.ts` needs to start, read from the environment. */
export interface ServerSettings {
  port: number;
  /** Hosts to listen on (HOST may list several, comma-separated). */
  hosts: string[];
  databaseUrl: string;
  databaseAuthToken: string | undefined;
  secsignTimeoutMs: number;
  /** SECSIGN_API: which SecSign ID API to speak (server/secsign/api-choice.ts). */
  secsignApi: SecSignApiMode;
  /** Lifetime of a request at the embedded SecSign ID server (demo, tests). */
  embeddedSecSignTtlMs: number;
  /** Where to answer Apache's FastCGI authorizer (`IPSAFEZONE_FCGI_GUARD`), or null: off. */
  fcgiGuard: { host: string; port: number } | null;
  ops: OpsSettings;
  app: AppConfig;
}

/** How the server runs as a service (logs, database waits, timeouts, metrics, retention). */
/** `normal`: WAL commits are not flushed to disk one by one; `full`: each is (SQLite's FULL). */
export type DbSynchronous = 'normal' | 'full';

export interface OpsSettings {
  logLevel: LogLevel;
  /** How long a statement waits in all for another writer's lock (then 503). */
  busyWaitMs: number;
  /** SQLite's `synchronous` for a local file (see `IPSAFEZONE_DB_SYNCHRONOUS`). */
  dbSynchronous: DbSynchronous;
  requestTimeoutMs: number;
  headersTimeoutMs: number;
  /** How long in-flight requests may run on after SIGTERM/SIGINT. */
  shutdownGraceMs: number;
  metricsToken: string;
  /** Addresses and ranges that may read /metrics. */
  metricsAllow: string[];
  /** Audit entries older than this many days are purged (0: never). */
  auditRetentionDays: number;
}
