/**
 * The small readers every configuration variable goes through (whole numbers in a range, on/off,
 * comma-separated lists) and the error that names the variable. Kept apart from config.ts so that
 * the environment schema (env-schema.ts) and the client-address reader can use them without an
 * import circle.
 */
import type { z } from 'zod';

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

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
