/**
 * One error type for everything a client may be told. Domain code throws `AppError` with an HTTP
 * status, a stable machine-readable `code` and a sentence a person understands; the HTTP layer turns
 * it into `{"error": {"code", "message"}}` (plus `details` when present) and the CLI prints the
 * message on stderr. Anything else thrown is a bug and becomes a 500 with a generic message.
 */
export class AppError extends Error {
  /** What the operator should read about it (never sent to the client); see `withLog`. */
  logLine: { message: string; cause?: unknown } | undefined;

  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 502 | 503,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }

  /**
   * Adds a line for the log — the reason behind a 502/503 the client is told only in general
   * terms. The HTTP layer writes it with the request's id (`handleError`), so the "Reference" a
   * user reports leads to it; the CLI prints it on stderr.
   */
  withLog(message: string, cause?: unknown): this {
    this.logLine = { message, ...(cause !== undefined ? { cause } : {}) };
    return this;
  }

  toJSON(): { error: { code: string; message: string; details?: Record<string, unknown> } } {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details ? { details: this.details } : {}),
      },
    };
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

/**
 * The pure core (zones, client address, policy) throws plain errors that carry a `code`; the
 * edges (HTTP, CLI) turn the ones they know into an `AppError`. A zone definition that does not
 * parse is 422.
 */
export function toAppError(e: unknown): AppError | null {
  if (e instanceof AppError) return e;
  if (e instanceof Error && 'code' in e && e.code === 'invalid_zone_range' && 'details' in e) {
    return new AppError(422, 'invalid_zone_range', e.message, e.details as Record<string, unknown>);
  }
  return null;
}

/** A bad environment variable: names the variable; the server stops, `config check` lists it. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}
