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
  /** The embedded SecSign ID server and simulated phone are mounted (demo and development only). */
  embeddedSecSign: boolean;
  /** Until administrator sessions exist: a token that grants the admin API. Empty: disabled. */
  adminBootstrapToken: string;
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
    allowedOrigins: [],
    returnHosts: [],
    loginUrl: 'http://localhost:8080/login',
    cookieSecure: 'auto',
    sessionIdleMs: 30 * 60_000,
    sessionMaxMs: 12 * 3_600_000,
    embeddedSecSign: false,
    adminBootstrapToken: '',
    ...overrides,
  };
}
