/**
 * Turns anything thrown in a route into the one JSON error shape `{"error": {"code", "message"}}`.
 * Known errors keep their status; Hono's own HTTPExceptions (e.g. body too large) are mapped to a
 * code; everything else is logged and answered with a generic 500 that leaks nothing.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { toAppError } from '../errors.js';

export function errorBody(code: string, message: string) {
  return { error: { code, message } };
}

export function handleError(err: Error, c: Context): Response {
  const known = toAppError(err);
  if (known) {
    const retry = known.details?.retryAfterSeconds;
    if (known.status === 429 && typeof retry === 'number') c.header('Retry-After', String(retry));
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
  console.error('Unhandled error:', err);
  return c.json(
    errorBody('internal', 'Something went wrong on the server. Please try again.'),
    500,
  );
}

export function notFound(c: Context): Response {
  return c.json(errorBody('not_found', 'There is nothing at this address.'), 404);
}
