/**
 * The one schema of every environment variable the server reads (zod). Each field takes the raw
 * text (or nothing) and yields a checked value; a bad value becomes an issue naming the variable,
 * and parsing goes on, so `ipsafezone config check` reports every problem at once while the server
 * stops at start-up on the first. server/config/load.ts builds the settings from the parsed
 * values; the client-address variables are checked by the very functions of
 * server/client-address/read-config.ts (which the pure core also uses on its own).
 */
import { z } from 'zod';
import { ConfigError } from '../platform/errors.js';
import {
  readBoolean,
  readInteger,
  readList,
  SECSIGN_API_MODES,
  type DbSynchronous,
  type SecSignApiMode,
} from './settings.js';
import {
  CLIENT_IP_HEADER_VARIABLE,
  compileTrustedProxyList,
  headerWithoutProxiesProblem,
  parseClientIpHeader,
  TRUSTED_PROXIES_VARIABLE,
} from '../client-address/read-config.js';
import { LOG_LEVELS, type LogLevel } from '../platform/logger.js';
import { parseRange } from '../zones/index.js';

/**
 * Runs a reader inside a zod transform: its ConfigError becomes an issue (keeping the error, so a
 * caller that wants one error can throw exactly it) and the schema goes on checking the rest.
 */
export function check<T>(ctx: z.RefinementCtx, read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    ctx.addIssue({ code: 'custom', message: err.message, params: { error: err } });
    return undefined as never;
  }
}

/** The ConfigError behind the first issue of a failed parse. */
export function firstConfigError(error: z.ZodError): ConfigError {
  return configErrors(error)[0]!;
}

/** Every problem of a failed parse, each as the ConfigError naming its variable. */
export function configErrors(error: z.ZodError): ConfigError[] {
  return error.issues.map((issue) => {
    const kept = (issue as { params?: { error?: unknown } }).params?.error;
    if (kept instanceof ConfigError) return kept;
    return new ConfigError(String(issue.path[0] ?? 'environment'), issue.message);
  });
}

const ORIGIN_RE = /^https?:\/\/[^/\s]+$/i;
const HOST_RE = /^[a-z0-9.-]+(:\d+)?$|^\[[0-9a-f:.]+\](:\d+)?$/i;

const raw = () => z.string().optional();
const text = () => raw().transform((v) => (v ?? '').trim());
const int = (name: string, fallback: number, min: number, max: number) =>
  raw().transform((v, ctx) =>
    check(ctx, () => readInteger({ [name]: v }, name, fallback, min, max)),
  );
/** On/off; `null` when unset (the default depends on other settings). */
const onOff = (name: string) =>
  raw().transform((v, ctx) =>
    (v ?? '').trim() === '' ? null : check(ctx, () => readBoolean({ [name]: v }, name, false)),
  );
const list = (name: string, each: (item: string) => string | null = () => null) =>
  raw().transform((v, ctx) =>
    check(ctx, () => {
      const items = readList({ [name]: v }, name);
      for (const item of items) {
        const problem = each(item);
        if (problem) throw new ConfigError(name, problem);
      }
      return items;
    }),
  );

/** A secret: unset, or at least 32 characters (the secret key; the bootstrap token). */
const atLeast32 = (name: string) =>
  raw().transform((v, ctx) =>
    check(ctx, () => {
      const key = (v ?? '').trim();
      if (key !== '' && key.length < 32) {
        throw new ConfigError(
          name,
          `must have at least 32 characters (e.g. \`openssl rand -base64 32\`), got ${key.length}.`,
        );
      }
      return key;
    }),
  );

const serverEnvShape = {
  PORT: int('PORT', 8080, 0, 65535),
  HOST: list('HOST'),
  DATABASE_URL: text(),
  DATABASE_AUTH_TOKEN: text(),
  IPSAFEZONE_PUBLIC_URL: raw().transform((v, ctx) =>
    check(ctx, () => {
      const url = (v ?? '').trim().replace(/\/$/, '');
      if (url !== '' && (!ORIGIN_RE.test(url) || !URL.canParse(url))) {
        throw new ConfigError(
          'IPSAFEZONE_PUBLIC_URL',
          `expected an origin like https://auth.example.com, got "${(v ?? '').trim()}".`,
        );
      }
      return url;
    }),
  ),
  IPSAFEZONE_OIDC_ISSUER: raw().transform((v, ctx) =>
    check(ctx, () => {
      const url = (v ?? '').trim().replace(/\/$/, '');
      if (url !== '' && !ORIGIN_RE.test(url)) {
        throw new ConfigError(
          'IPSAFEZONE_OIDC_ISSUER',
          `expected an origin like https://auth.example.com (no path), got "${(v ?? '').trim()}".`,
        );
      }
      return url;
    }),
  ),
  // At least the hour an ID or access token lives: a shorter period strands tokens still valid.
  IPSAFEZONE_OIDC_RETIRED_KEY_MINUTES: int('IPSAFEZONE_OIDC_RETIRED_KEY_MINUTES', 120, 60, 10_080),
  IPSAFEZONE_WEBAUTHN_RP_ID: raw().transform((v, ctx) =>
    check(ctx, () => {
      const id = (v ?? '').trim().toLowerCase();
      const domain = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;
      if (id !== '' && (!domain.test(id) || /^[0-9.]+$/.test(id))) {
        throw new ConfigError(
          'IPSAFEZONE_WEBAUTHN_RP_ID',
          `expected a domain name like example.com (no scheme, port or address), got "${id}".`,
        );
      }
      return id;
    }),
  ),
  IPSAFEZONE_WEBAUTHN_ORIGINS: list('IPSAFEZONE_WEBAUTHN_ORIGINS', (o) =>
    ORIGIN_RE.test(o.replace(/\/$/, ''))
      ? null
      : `"${o}" is not an origin like https://auth.example.com.`,
  ).transform((os) => os.map((o) => o.replace(/\/$/, '').toLowerCase())),
  IPSAFEZONE_LOGIN_URL: text(),
  IPSAFEZONE_RETURN_HOSTS: list('IPSAFEZONE_RETURN_HOSTS', (h) =>
    HOST_RE.test(h) ? null : `"${h}" is not a host name (with an optional port).`,
  ),
  IPSAFEZONE_ALLOWED_ORIGINS: list('IPSAFEZONE_ALLOWED_ORIGINS', (o) =>
    ORIGIN_RE.test(o.replace(/\/$/, ''))
      ? null
      : `"${o}" is not an origin like https://jira.example.com.`,
  ).transform((os) => os.map((o) => o.replace(/\/$/, ''))),
  IPSAFEZONE_COOKIE_SECURE: raw().transform((v, ctx) => {
    const t = (v ?? 'auto').trim().toLowerCase();
    return t === 'auto' || t === ''
      ? ('auto' as const)
      : check(ctx, () =>
          readBoolean({ IPSAFEZONE_COOKIE_SECURE: v }, 'IPSAFEZONE_COOKIE_SECURE', true),
        );
  }),
  IPSAFEZONE_SESSION_IDLE_MINUTES: int('IPSAFEZONE_SESSION_IDLE_MINUTES', 30, 1, 7 * 24 * 60),
  IPSAFEZONE_SESSION_MAX_HOURS: int('IPSAFEZONE_SESSION_MAX_HOURS', 12, 1, 24 * 90),
  IPSAFEZONE_REAUTH_MINUTES: int('IPSAFEZONE_REAUTH_MINUTES', 5, 1, 60),
  IPSAFEZONE_LOCKOUT_SECONDS: int('IPSAFEZONE_LOCKOUT_SECONDS', 900, 1, 86_400),
  IPSAFEZONE_ADMIN_BOOTSTRAP_TOKEN: atLeast32('IPSAFEZONE_ADMIN_BOOTSTRAP_TOKEN'),
  IPSAFEZONE_SECRET_KEY: atLeast32('IPSAFEZONE_SECRET_KEY'),
  SECSIGN_SERVER: list('SECSIGN_SERVER', (s) => {
    try {
      const u = new URL(s);
      if (u.protocol === 'https:' || u.protocol === 'http:') return null;
    } catch {
      // not a URL
    }
    return `"${s}" is not an http(s) URL.`;
  }),
  SECSIGN_API: raw().transform((v, ctx) =>
    check(ctx, () => {
      const mode = (v ?? '').trim().toLowerCase() || 'auto';
      if (!(SECSIGN_API_MODES as readonly string[]).includes(mode)) {
        throw new ConfigError('SECSIGN_API', `expected auto, rest or form, got "${mode}".`);
      }
      return mode as SecSignApiMode;
    }),
  ),
  SECSIGN_SERVICE_NAME: text(),
  SECSIGN_SERVICE_ADDRESS: text(),
  SECSIGN_SHOW_ACCESS_PASS: onOff('SECSIGN_SHOW_ACCESS_PASS'),
  SECSIGN_TIMEOUT_MS: int('SECSIGN_TIMEOUT_MS', 15_000, 1_000, 120_000),
  SECSIGN_REQUEST_TTL_SECONDS: int('SECSIGN_REQUEST_TTL_SECONDS', 120, 10, 3600),
  IPSAFEZONE_EMBEDDED_SECSIGN: onOff('IPSAFEZONE_EMBEDDED_SECSIGN'),
  IPSAFEZONE_GUARD_TOKENS_OUTSIDE: onOff('IPSAFEZONE_GUARD_TOKENS_OUTSIDE'),
  IPSAFEZONE_GUARD_UPSTREAM: raw().transform((v, ctx) =>
    check(ctx, () => {
      const url = (v ?? '').trim().replace(/\/$/, '');
      if (url !== '' && (!ORIGIN_RE.test(url) || !URL.canParse(url))) {
        throw new ConfigError(
          'IPSAFEZONE_GUARD_UPSTREAM',
          `expected the product's own address as http(s)://host:port without a path, got "${url}".`,
        );
      }
      return url;
    }),
  ),
  IPSAFEZONE_FCGI_GUARD: raw().transform((v, ctx) =>
    check(ctx, () => {
      const t = (v ?? '').trim();
      if (t === '') return null;
      const m = /^([A-Za-z0-9.-]+|\[[0-9a-fA-F:.]+\]):(\d{1,5})$/.exec(t);
      const port = m ? Number(m[2]) : 0;
      if (!m || port < 1 || port > 65535) {
        throw new ConfigError('IPSAFEZONE_FCGI_GUARD', `expected HOST:PORT, got "${t}".`);
      }
      return { host: m[1]!.replace(/^\[|\]$/g, ''), port };
    }),
  ),
  IPSAFEZONE_EMBEDDED_SECSIGN_TTL_SECONDS: int(
    'IPSAFEZONE_EMBEDDED_SECSIGN_TTL_SECONDS',
    120,
    1,
    3600,
  ),
  LOG_LEVEL: raw().transform((v, ctx) =>
    check(ctx, () => {
      const level = (v ?? '').trim().toLowerCase() || 'info';
      if (!(LOG_LEVELS as readonly string[]).includes(level)) {
        throw new ConfigError(
          'LOG_LEVEL',
          `expected one of ${LOG_LEVELS.join(', ')}, got "${level}".`,
        );
      }
      return level as LogLevel;
    }),
  ),
  IPSAFEZONE_DB_BUSY_WAIT_MS: int('IPSAFEZONE_DB_BUSY_WAIT_MS', 1000, 0, 30_000),
  IPSAFEZONE_DB_SYNCHRONOUS: raw().transform((v, ctx) =>
    check(ctx, () => {
      const mode = (v ?? '').trim().toLowerCase() || 'normal';
      if (mode !== 'normal' && mode !== 'full') {
        throw new ConfigError(
          'IPSAFEZONE_DB_SYNCHRONOUS',
          `expected normal or full, got "${mode}".`,
        );
      }
      return mode as DbSynchronous;
    }),
  ),
  IPSAFEZONE_REQUEST_TIMEOUT_SECONDS: int('IPSAFEZONE_REQUEST_TIMEOUT_SECONDS', 30, 1, 3600),
  IPSAFEZONE_HEADERS_TIMEOUT_SECONDS: int('IPSAFEZONE_HEADERS_TIMEOUT_SECONDS', 10, 1, 3600),
  IPSAFEZONE_SHUTDOWN_GRACE_SECONDS: int('IPSAFEZONE_SHUTDOWN_GRACE_SECONDS', 10, 0, 600),
  IPSAFEZONE_METRICS_TOKEN: raw().transform((v, ctx) =>
    check(ctx, () => {
      const token = (v ?? '').trim();
      if (token !== '' && token.length < 16) {
        throw new ConfigError(
          'IPSAFEZONE_METRICS_TOKEN',
          `must have at least 16 characters, got ${token.length}.`,
        );
      }
      return token;
    }),
  ),
  IPSAFEZONE_METRICS_ALLOW: list('IPSAFEZONE_METRICS_ALLOW', (r) => {
    const parsed = parseRange(r);
    return parsed.ok ? null : `"${r}": ${parsed.problem.message}`;
  }),
  IPSAFEZONE_AUDIT_RETENTION_DAYS: int('IPSAFEZONE_AUDIT_RETENTION_DAYS', 365, 0, 36_500),
};

/** The client-address variables, checked by server/client-address/read-config.ts's functions. */
const clientAddressEnvShape = {
  [TRUSTED_PROXIES_VARIABLE]: raw().transform((v, ctx) => {
    const text = (v ?? '').trim();
    const list = text === '' ? [] : text.split(',').map((e) => e.trim());
    return check(ctx, () => {
      compileTrustedProxyList(list);
      return list;
    });
  }),
  [CLIENT_IP_HEADER_VARIABLE]: raw().transform((v, ctx) => {
    const text = (v ?? '').trim();
    return text === '' ? null : check(ctx, () => parseClientIpHeader(text));
  }),
};

function clientAddressCrossCheck(
  values: { [TRUSTED_PROXIES_VARIABLE]: string[]; [CLIENT_IP_HEADER_VARIABLE]: string | null },
  ctx: z.RefinementCtx,
): void {
  const error = headerWithoutProxiesProblem(
    values[CLIENT_IP_HEADER_VARIABLE],
    values[TRUSTED_PROXIES_VARIABLE],
  );
  if (error) {
    ctx.addIssue({
      code: 'custom',
      path: [CLIENT_IP_HEADER_VARIABLE],
      message: error.message,
      params: { error },
    });
  }
}

/** Every variable the server reads, checked together. */
export const envSchema = z
  .object({ ...serverEnvShape, ...clientAddressEnvShape })
  // `when`: also when other variables are bad, so that every problem is reported at once.
  .superRefine(clientAddressCrossCheck, {
    when: (payload) =>
      payload.value !== null &&
      typeof payload.value === 'object' &&
      Array.isArray((payload.value as Record<string, unknown>)['IPSAFEZONE_TRUSTED_PROXIES']),
  });

export type EnvValues = z.output<typeof envSchema>;

/** The variable names, in the schema's order. */
export const ENV_VARIABLES = Object.keys({ ...serverEnvShape, ...clientAddressEnvShape });

/** Variables whose values are secrets: shown masked, never logged. */
export const SECRET_VARIABLES = new Set([
  'DATABASE_AUTH_TOKEN',
  'IPSAFEZONE_ADMIN_BOOTSTRAP_TOKEN',
  'IPSAFEZONE_SECRET_KEY',
  'IPSAFEZONE_METRICS_TOKEN',
]);
