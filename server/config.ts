/**
 * Reads and checks the server's configuration from the environment once, at start-up. A bad value
 * stops the server with a message naming the variable, instead of running with a surprise.
 * Every variable is listed in the README's configuration reference.
 */

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
  /** OpenID Connect issuer (`IPSAFEZONE_OIDC_ISSUER`); empty: the public URL's origin. */
  oidcIssuer: string;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

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
    oidcIssuer: '',
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
  app: AppConfig;
}

const ORIGIN_RE = /^https?:\/\/[^/\s]+$/i;

/**
 * Reads the server's environment variables (see the README's configuration reference). Throws
 * `ConfigError` naming the variable on any bad value. The client-address variables are read by
 * `readClientAddressConfig` in server/client-address/.
 */
export function loadServerSettings(env: Env, options: { demo?: boolean } = {}): ServerSettings {
  const port = readInteger(env, 'PORT', 8080, 0, 65535);
  const hosts = readList(env, 'HOST');
  const publicUrl = (env.IPSAFEZONE_PUBLIC_URL ?? '').trim() || `http://localhost:${port}`;
  if (!ORIGIN_RE.test(publicUrl.replace(/\/$/, ''))) {
    throw new ConfigError(
      'IPSAFEZONE_PUBLIC_URL',
      `expected an origin like https://auth.example.com, got "${publicUrl}".`,
    );
  }
  const origins = readList(env, 'IPSAFEZONE_ALLOWED_ORIGINS').map((o) => o.replace(/\/$/, ''));
  for (const o of origins) {
    if (!ORIGIN_RE.test(o)) {
      throw new ConfigError(
        'IPSAFEZONE_ALLOWED_ORIGINS',
        `"${o}" is not an origin like https://jira.example.com.`,
      );
    }
  }
  const returnHosts = readList(env, 'IPSAFEZONE_RETURN_HOSTS');
  for (const h of returnHosts) {
    if (!/^[a-z0-9.-]+(:\d+)?$|^\[[0-9a-f:.]+\](:\d+)?$/i.test(h)) {
      throw new ConfigError(
        'IPSAFEZONE_RETURN_HOSTS',
        `"${h}" is not a host name (with an optional port).`,
      );
    }
  }
  const embeddedSecSign = readBoolean(env, 'IPSAFEZONE_EMBEDDED_SECSIGN', options.demo ?? false);
  const servers = readList(env, 'SECSIGN_SERVER');
  for (const s of servers) {
    try {
      const u = new URL(s);
      if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error('scheme');
    } catch {
      throw new ConfigError('SECSIGN_SERVER', `"${s}" is not an http(s) URL.`);
    }
  }
  const base = publicUrl.replace(/\/$/, '');
  const cookie = (env.IPSAFEZONE_COOKIE_SECURE ?? 'auto').trim().toLowerCase();
  return {
    port,
    hosts: hosts.length > 0 ? hosts : options.demo ? ['127.0.0.1', '::1'] : ['::'],
    databaseUrl: (env.DATABASE_URL ?? '').trim() || 'file:data/ipsafezone.db',
    databaseAuthToken: env.DATABASE_AUTH_TOKEN?.trim() || undefined,
    secsignTimeoutMs: readInteger(env, 'SECSIGN_TIMEOUT_MS', 15_000, 1_000, 120_000),
    embeddedSecSignTtlMs:
      readInteger(env, 'IPSAFEZONE_EMBEDDED_SECSIGN_TTL_SECONDS', 120, 1, 3600) * 1000,
    app: defaultConfig({
      serviceName: (env.SECSIGN_SERVICE_NAME ?? '').trim() || 'ipsafezone',
      serviceAddress: (env.SECSIGN_SERVICE_ADDRESS ?? '').trim() || base,
      showAccessPass: readBoolean(env, 'SECSIGN_SHOW_ACCESS_PASS', true),
      // The embedded ID server's requests live as long as it is told; SecSign's own, 2 minutes.
      secsignRequestTtlMs: embeddedSecSign
        ? readInteger(env, 'IPSAFEZONE_EMBEDDED_SECSIGN_TTL_SECONDS', 120, 1, 3600) * 1000
        : readInteger(env, 'SECSIGN_REQUEST_TTL_SECONDS', 120, 10, 3600) * 1000,
      secsignServers:
        servers.length > 0 ? servers : embeddedSecSign ? [] : defaultConfig().secsignServers,
      allowedOrigins: origins,
      returnHosts,
      loginUrl: (env.IPSAFEZONE_LOGIN_URL ?? '').trim() || `${base}/login`,
      cookieSecure: cookie === 'auto' ? 'auto' : readBoolean(env, 'IPSAFEZONE_COOKIE_SECURE', true),
      sessionIdleMs:
        readInteger(env, 'IPSAFEZONE_SESSION_IDLE_MINUTES', 30, 1, 7 * 24 * 60) * 60_000,
      sessionMaxMs: readInteger(env, 'IPSAFEZONE_SESSION_MAX_HOURS', 12, 1, 24 * 90) * 3_600_000,
      lockoutMs: readInteger(env, 'IPSAFEZONE_LOCKOUT_SECONDS', 900, 1, 86_400) * 1000,
      demo: options.demo ?? false,
      embeddedSecSign,
      adminBootstrapToken: (env.IPSAFEZONE_ADMIN_BOOTSTRAP_TOKEN ?? '').trim(),
      secretKey: readSecretKey(env),
      oidcIssuer: readIssuer(env, base),
    }),
  };
}

/** `IPSAFEZONE_SECRET_KEY`: unset, or at least 32 characters. */
function readSecretKey(env: Env): string {
  const raw = (env.IPSAFEZONE_SECRET_KEY ?? '').trim();
  if (raw !== '' && raw.length < 32) {
    throw new ConfigError(
      'IPSAFEZONE_SECRET_KEY',
      `must have at least 32 characters (e.g. \`openssl rand -base64 32\`), got ${raw.length}.`,
    );
  }
  return raw;
}

/** `IPSAFEZONE_OIDC_ISSUER`: an http(s) origin (no path); default the public URL. */
function readIssuer(env: Env, publicUrl: string): string {
  const raw = (env.IPSAFEZONE_OIDC_ISSUER ?? '').trim().replace(/\/$/, '');
  if (raw === '') return publicUrl;
  if (!ORIGIN_RE.test(raw)) {
    throw new ConfigError(
      'IPSAFEZONE_OIDC_ISSUER',
      `expected an origin like https://auth.example.com (no path), got "${raw}".`,
    );
  }
  return raw;
}
