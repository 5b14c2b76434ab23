/**
 * Environment → settings: parses every variable through the one schema (server/config/env-schema.ts) and
 * builds what main.ts needs. A bad value stops the server with a message naming the variable;
 * `parseEnvironment` returns every problem at once (for `ipsafezone config check`).
 */
import type { ConfigError } from '../platform/errors.js';
import { defaultConfig, type Env, type OpsSettings, type ServerSettings } from './settings.js';
import { configErrors, envSchema, type EnvValues } from './env-schema.js';

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
    dbSynchronous: v.IPSAFEZONE_DB_SYNCHRONOUS,
    requestTimeoutMs: v.IPSAFEZONE_REQUEST_TIMEOUT_SECONDS * 1000,
    headersTimeoutMs: v.IPSAFEZONE_HEADERS_TIMEOUT_SECONDS * 1000,
    shutdownGraceMs: v.IPSAFEZONE_SHUTDOWN_GRACE_SECONDS * 1000,
    metricsToken: v.IPSAFEZONE_METRICS_TOKEN,
    metricsAllow: v.IPSAFEZONE_METRICS_ALLOW,
    auditRetentionDays: v.IPSAFEZONE_AUDIT_RETENTION_DAYS,
  };
}

/**
 * Reads the server's environment variables through the one schema (server/config/env-schema.ts; see the
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
    secsignApi: v.SECSIGN_API,
    embeddedSecSignTtlMs: v.IPSAFEZONE_EMBEDDED_SECSIGN_TTL_SECONDS * 1000,
    fcgiGuard: v.IPSAFEZONE_FCGI_GUARD,
    ops: opsFrom(v),
    app: defaultConfig({
      serviceName: v.SECSIGN_SERVICE_NAME || 'ipsafezone',
      serviceAddress: v.SECSIGN_SERVICE_ADDRESS || base,
      showAccessPass: v.SECSIGN_SHOW_ACCESS_PASS ?? true,
      guardTokensOutside: v.IPSAFEZONE_GUARD_TOKENS_OUTSIDE ?? true,
      guardUpstream: v.IPSAFEZONE_GUARD_UPSTREAM,
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
      publicUrl: new URL(base).origin,
      loginUrl: v.IPSAFEZONE_LOGIN_URL || `${base}/login`,
      cookieSecure: v.IPSAFEZONE_COOKIE_SECURE,
      sessionIdleMs: v.IPSAFEZONE_SESSION_IDLE_MINUTES * 60_000,
      sessionMaxMs: v.IPSAFEZONE_SESSION_MAX_HOURS * 3_600_000,
      reauthMs: v.IPSAFEZONE_REAUTH_MINUTES * 60_000,
      lockoutMs: v.IPSAFEZONE_LOCKOUT_SECONDS * 1000,
      demo: options.demo ?? false,
      embeddedSecSign,
      adminBootstrapToken: v.IPSAFEZONE_ADMIN_BOOTSTRAP_TOKEN,
      secretKey: v.IPSAFEZONE_SECRET_KEY,
      oidcIssuer: v.IPSAFEZONE_OIDC_ISSUER || base,
      oidcRetiredKeyMs: v.IPSAFEZONE_OIDC_RETIRED_KEY_MINUTES * 60_000,
      webauthnRpId: v.IPSAFEZONE_WEBAUTHN_RP_ID,
      webauthnOrigins: v.IPSAFEZONE_WEBAUTHN_ORIGINS,
    }),
  };
}
