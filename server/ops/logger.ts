/**
 * Structured JSON logs (pino), one object per line, level from `LOG_LEVEL`. Inside a request the
 * logger is a child carrying that request's id (`reqId`), found through AsyncLocalStorage, so every
 * line logged while serving a request — by any module calling `currentLogger()` — names it, and a
 * user's error answer (which carries the same id) leads to its lines.
 *
 * Nothing secret is logged: request lines carry the method, the route pattern, the status and the
 * time taken — never headers, query strings or bodies — and the redaction list below removes the
 * usual secret-bearing fields from any object logged by mistake.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Field names whose values never reach a log line. */
const REDACT = [
  'password',
  'token',
  'cookie',
  'authorization',
  'secret',
  'authToken',
  '*.password',
  '*.token',
  '*.cookie',
  '*.authorization',
  '*.secret',
  '*.authToken',
  'headers.cookie',
  'headers.authorization',
  'req.headers.cookie',
  'req.headers.authorization',
];

export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'ipsafezone' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}

/** A logger that writes nothing (tests, and apps built without one). */
export const silentLogger: Logger = pino({ level: 'silent' });

const requestLogger = new AsyncLocalStorage<Logger>();

/** Runs `fn` with `logger` as the current request's logger. */
export function withRequestLogger<T>(logger: Logger, fn: () => T): T {
  return requestLogger.run(logger, fn);
}

let processLogger: Logger = silentLogger;

/** Sets the process-wide logger (main.ts does, once). */
export function setProcessLogger(logger: Logger): void {
  processLogger = logger;
}

/** The current request's logger (with its id), or the process logger outside a request. */
export function currentLogger(): Logger {
  return requestLogger.getStore() ?? processLogger;
}
