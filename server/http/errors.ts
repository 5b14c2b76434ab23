/**
 * Turns anything thrown in a route into the one JSON error shape
 * `{"error": {"code", "message", "requestId"}}` (the request id is added by
 * http/request-context.ts). Known errors keep their status; Hono's own HTTPExceptions (e.g. body
 * too large) are mapped to a code; a database that cannot serve right now (locked, full,
 * read-only, replaced, unreachable: see db/faults.ts) is a 503 `service_unavailable` with
 * `Retry-After`; a client that went away is noted quietly; everything else is logged and answered
 * with a generic 500 that leaks nothing. An `AppError` that carries a line for the log
 * (`withLog`) has it written with the request's id.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { toAppError } from '../platform/errors.js';
import { databaseErrorCode, isDatabaseUnavailable } from '../db/faults.js';
import { requestLog } from './request-log.js';

/** Seconds a client is asked to wait after a 503. */
export const RETRY_AFTER_SECONDS = 5;

export function errorBody(code: string, message: string) {
  return { error: { code, message } };
}

/** The 503 answer for a database fault (also used by /readyz's callers). */
export function unavailable(c: Context): Response {
  c.header('Retry-After', String(RETRY_AFTER_SECONDS));
  return c.json(
    errorBody(
      'service_unavailable',
      'The service is unavailable right now. Please try again in a few seconds.',
    ),
    503,
  );
}

export function handleError(err: Error, c: Context): Response {
  const known = toAppError(err);
  if (known) {
    if (known.logLine) {
      const { message, cause } = known.logLine;
      const fields =
        cause instanceof Error ? { err: cause } : cause !== undefined ? { detail: cause } : {};
      requestLog(c).error({ code: known.code, ...fields }, message);
    }
    const retry = known.details?.retryAfterSeconds;
    if (known.status === 429 && typeof retry === 'number') c.header('Retry-After', String(retry));
    if (known.status === 503) c.header('Retry-After', String(RETRY_AFTER_SECONDS));
    return c.json(known.toJSON(), known.status);
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    const code =
      status === 413
        ? 'body_too_large'
        : status === 403
          ? 'forbidden'
          : status === 401
            ? 'unauthorized'
            : status === 400
              ? 'invalid_input'
              : 'http_error';
    const message =
      status === 413
        ? 'The request body is too large.'
        : status === 403
          ? 'This request is not allowed.'
          : status === 400
            ? 'The request body is not valid JSON.'
            : err.message || 'The request could not be handled.';
    return c.json(errorBody(code, message), status);
  }
  if (isDatabaseUnavailable(err)) {
    requestLog(c).error(
      { code: databaseErrorCode(err), detail: err.message },
      'database unavailable: answered 503',
    );
    return unavailable(c);
  }
  if (c.req.raw.signal.aborted) {
    requestLog(c).info({ detail: err.message }, 'the client closed the connection');
    return c.json(errorBody('client_closed', 'The client closed the connection.'), 400);
  }
  requestLog(c).error({ err }, 'unhandled error');
  return c.json(
    errorBody('internal', 'Something went wrong on the server. Please try again.'),
    500,
  );
}

export function notFound(c: Context): Response {
  return c.json(errorBody('not_found', 'There is nothing at this address.'), 404);
}
