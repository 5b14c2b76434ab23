/**
 * Structured JSON logs (pino), one object per line, level from `LOG_LEVEL`. Inside a request the
 * logger is a child carrying that request's id (`reqId`), handed along in the request's context
 * (`requestLog(c)`, server/http/request-log.ts), so the request line and every line a route or the
 * error handler logs name it, and a user's error answer (which carries the same id) leads to its
 * lines. Work that outlives a request or belongs to no request (background writes, the settings
 * refresh, console output of libraries) logs through `appLogger()`, without an id.
 *
 * Not AsyncLocalStorage: on Node 20 an active AsyncLocalStorage runs a hook on every promise the
 * process makes, and on the read doors that was a quarter of each request's time (issue 13).
 *
 * Nothing secret is logged: request lines carry the method, the route pattern, the status and the
 * time taken — never headers, query strings or bodies — and the redaction list below removes the
 * usual secret-bearing fields from any object logged by mistake.
 */
import { inspect } from 'node:util';
import {
  destination as pinoDestination,
  pino,
  type DestinationStream,
  type Level,
  type Logger,
} from 'pino';

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
    // Synchronous writes: lines keep their order and none is lost when the process exits.
    destination ?? pinoDestination({ dest: 1, sync: true }),
  );
}

/** A logger that writes nothing (tests, and apps built without one). */
export const silentLogger: Logger = pino({ level: 'silent' });

/**
 * The current request's logger, made on first use: most requests log nothing but their request
 * line, often not even that (routine reads at debug), and a pino child per request was a
 * measurable share of the zone door's time (issue 13).
 */
export class RequestLogger {
  #child: Logger | undefined;
  constructor(
    private readonly base: Logger,
    private readonly reqId: string,
  ) {}
  get logger(): Logger {
    return (this.#child ??= this.base.child({ reqId: this.reqId }));
  }
  /** Whether a line at `level` would be written at all. */
  enabled(level: Level): boolean {
    return this.base.isLevelEnabled(level);
  }
}

let processLogger: Logger = silentLogger;

/** Sets the process-wide logger (main.ts does, once). */
export function setProcessLogger(logger: Logger): void {
  processLogger = logger;
}

/** The process-wide logger (no request id): for work that belongs to no one request. */
export function appLogger(): Logger {
  return processLogger;
}

/**
 * Sends `console.error`, `console.warn` and `console.info` — used by a few modules and by
 * @hono/node-server (e.g. "The user aborted a request.") — through the process logger, so that
 * those lines are JSON too. `console.log` stays plain: the demo prints its users for people to read.
 */
export function routeConsoleToLogger(): void {
  const route =
    (level: 'error' | 'warn' | 'info') =>
    (...args: unknown[]) => {
      const [first, ...rest] = args;
      const errors = args.filter((a): a is Error => a instanceof Error);
      const text = [first, ...rest]
        .filter((a) => !(a instanceof Error))
        .map((a) => (typeof a === 'string' ? a : inspect(a, { depth: 3, breakLength: Infinity })))
        .join(' ');
      const fields = errors.length > 0 ? { err: errors[0] } : {};
      appLogger()[level](fields, text || errors[0]?.message || '');
    };
  console.error = route('error');
  console.warn = route('warn');
  console.info = route('info');
}
