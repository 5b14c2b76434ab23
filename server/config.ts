/**
 * Reads and checks the server's configuration from the environment once, at start-up. A bad value
 * stops the server with a message naming the variable, instead of running with a surprise.
 * Every variable is listed in the README's configuration reference.
 */
import type { LogLevel } from './ops/logger.js';
import { configErrors, type ConfigError, type Env } from './config-values.js';
import { envSchema, type EnvValues } from './env-schema.js';

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
  /** Hosts a login may return to (besides our own); anything else is refused (no open redirects). */
  returnHosts: string[];
  /** The login page's absolute URL, for forward-auth redirects. */
  loginUrl: string;
  /** `true`, `false`, or `auto` (Secure unless plain-http localhost). */
  cookieSecure: 'auto' | boolean;
  sessionIdleMs: number;
  sessionMaxMs: number;
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
}

export { ConfigError, readBoolean, readInteger, readList } from './config-values.js';

export function defaultConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    serviceName: 'ipsafezone',
    serviceAddress: 'http://localhost:8080',
    showAccessPass: true,
    secsignRequestTtlMs: 120_000,
    secsignServers: ['https://httpapi.secsign.com', 'https://httpapi2.secsign.com'],
    allowedOrigins: [],
    returnHosts: [],
    loginUrl: 'http://localhost:8080/login',
    cookieSecure: 'auto',
    sessionIdleMs: 30 * 60_000,
    sessionMaxMs: 12 * 3_600_000,
    lockoutMs: 15 * 60_000,
    demo: false,
    embeddedSecSign: false,
    adminBootstrapToken: '',
    secretKey: '',
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
  /** Lifetime of a request at the embedded SecSign ID server (demo, tests). */
  embeddedSecSignTtlMs: number;
  ops: OpsSettings;
  app: AppConfig;
}

/** How the server runs as a service (logs, database waits, timeouts, metrics, retention). */
export interface OpsSettings {
  logLevel: LogLevel;
  /** How long a statement waits in all for another writer's lock (then 503). */
  busyWaitMs: number;
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

/** Checks the whole environment against the schema: the values, or every problem at once. */
export function parseEnvironment(
  env: Env,
): { ok: true; values: EnvValues } | { ok: false; problems: ConfigError[] } {
  const r = envSchema.safeParse(env);
  return r.success ? { ok: true, values: r.data } : { ok: false, problems: configErrors(r.error) };
}

function parsed(env: Env): EnvValues {
  const r = parseEnvironment(env);
  if (!r.ok) throw r.problems[0]!;
  return r.values;
}

/** The operations settings from the environment (see the README's configuration reference). */
export function loadOpsSettings(env: Env): OpsSettings {
  return opsFrom(parsed(env));
}

function opsFrom(v: EnvValues): OpsSettings {
  return {
    logLevel: v.LOG_LEVEL,
    busyWaitMs: v.IPSAFEZONE_DB_BUSY_WAIT_MS,
    requestTimeoutMs: v.IPSAFEZONE_REQUEST_TIMEOUT_SECONDS * 1000,
    headersTimeoutMs: v.IPSAFEZONE_HEADERS_TIMEOUT_SECONDS * 1000,
    shutdownGraceMs: v.IPSAFEZONE_SHUTDOWN_GRACE_SECONDS * 1000,
    metricsToken: v.IPSAFEZONE_METRICS_TOKEN,
    metricsAllow: v.IPSAFEZONE_METRICS_ALLOW,
    auditRetentionDays: v.IPSAFEZONE_AUDIT_RETENTION_DAYS,
  };
}

/**
 * Reads the server's environment variables through the one schema (server/env-schema.ts; see the
 * README's configuration reference). Throws `ConfigError` naming the variable of the first bad
 * value. The client-address variables are read by `readClientAddressConfig` from the same schema.
 */
export function loadServerSettings(env: Env, options: { demo?: boolean } = {}): ServerSettings {
  return settingsFrom(parsed(env), options);
}

/** The settings from parsed values (defaults that depend on other variables are applied here). */
export function settingsFrom(v: EnvValues, options: { demo?: boolean } = {}): ServerSettings {
  const port = v.PORT;
  const base = v.IPSAFEZONE_PUBLIC_URL || `http://localhost:${port}`;
  const embeddedSecSign = v.IPSAFEZONE_EMBEDDED_SECSIGN ?? options.demo ?? false;
  return {
    port,
    hosts: v.HOST.length > 0 ? v.HOST : options.demo ? ['127.0.0.1', '::1'] : ['::'],
    databaseUrl: v.DATABASE_URL || 'file:data/ipsafezone.db',
    databaseAuthToken: v.DATABASE_AUTH_TOKEN || undefined,
    secsignTimeoutMs: v.SECSIGN_TIMEOUT_MS,
    embeddedSecSignTtlMs: v.IPSAFEZONE_EMBEDDED_SECSIGN_TTL_SECONDS * 1000,
    ops: opsFrom(v),
    app: defaultConfig({
      serviceName: v.SECSIGN_SERVICE_NAME || 'ipsafezone',
      serviceAddress: v.SECSIGN_SERVICE_ADDRESS || base,
      showAccessPass: v.SECSIGN_SHOW_ACCESS_PASS ?? true,
      // The embedded ID server's requests live as long as it is told; SecSign's own, 2 minutes.
      secsignRequestTtlMs: embeddedSecSign
        ? v.IPSAFEZONE_EMBEDDED_SECSIGN_TTL_SECONDS * 1000
        : v.SECSIGN_REQUEST_TTL_SECONDS * 1000,
      secsignServers:
        v.SECSIGN_SERVER.length > 0
          ? v.SECSIGN_SERVER
          : embeddedSecSign
            ? []
            : defaultConfig().secsignServers,
      allowedOrigins: v.IPSAFEZONE_ALLOWED_ORIGINS,
      returnHosts: v.IPSAFEZONE_RETURN_HOSTS,
      loginUrl: v.IPSAFEZONE_LOGIN_URL || `${base}/login`,
      cookieSecure: v.IPSAFEZONE_COOKIE_SECURE,
      sessionIdleMs: v.IPSAFEZONE_SESSION_IDLE_MINUTES * 60_000,
      sessionMaxMs: v.IPSAFEZONE_SESSION_MAX_HOURS * 3_600_000,
      lockoutMs: v.IPSAFEZONE_LOCKOUT_SECONDS * 1000,
      demo: options.demo ?? false,
      embeddedSecSign,
      adminBootstrapToken: v.IPSAFEZONE_ADMIN_BOOTSTRAP_TOKEN,
      secretKey: v.IPSAFEZONE_SECRET_KEY,
    }),
  };
}
