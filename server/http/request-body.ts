/**
 * Request bodies: their size limit, and JSON bodies of the API read straight from Node's request
 * stream (issue 13).
 *
 * Through the adapter, the first look at a body makes a WHATWG `Request` with a web stream over
 * Node's stream, and reading it goes chunk by chunk through that stream: on the sign-in door that
 * was about a tenth of the event loop's time per sign-in. So:
 * - `limitRequestBody`: a declared `Content-Length` is checked against the limit without looking
 *   at the body (413 `body_too_large` above it); only a body without one (chunked) goes through
 *   `hono/body-limit`, which counts it as it arrives. Methods without a body are not looked at.
 * - `jsonBodyFromNode` (for `/api/*`): a JSON body whose length is declared is read from Node's
 *   stream into one string and put into Hono's body cache, from which `c.req.json()` — the
 *   validators' read — parses it: a body that is not JSON is refused by the validator as before
 *   (400), an empty one as before. Anything else (chunked bodies, forms, the OIDC provider's own
 *   reads, `app.request` in tests, where there is no Node stream) is left as it was.
 */
import type { Context, MiddlewareHandler, Next } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { IncomingMessage } from 'node:http';
import type { DoorEnv } from './context.js';
import { errorBody } from './errors.js';

/** The methods whose body a route reads (GET, HEAD and OPTIONS bodies are never read). */
export const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const tooLarge = (c: Context) =>
  c.json(errorBody('body_too_large', 'The request body is too large.'), 413);

/** A declared length, when the body is framed by one (no `Transfer-Encoding`). */
function declaredLength(c: Context): string | undefined {
  return c.req.header('transfer-encoding') === undefined
    ? c.req.header('content-length')
    : undefined;
}

export function limitRequestBody(maxBytes: number): MiddlewareHandler<DoorEnv> {
  const counted = bodyLimit({ maxSize: maxBytes, onError: tooLarge });
  return async (c, next) => {
    if (!BODY_METHODS.has(c.req.method)) return next();
    const declared = declaredLength(c);
    if (declared !== undefined) return Number(declared) > maxBytes ? tooLarge(c) : next();
    return counted(c as unknown as Parameters<typeof counted>[0], next);
  };
}

const JSON_TYPE = /^application\/([\w.-]+\+)?json$/i;

/** The body as text, or null when the client went away before it was complete. */
function readAll(incoming: IncomingMessage): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    incoming.once('error', () => resolve(null));
    // Closed before the end (a promise settles once: after 'end' this changes nothing).
    incoming.once('close', () => resolve(null));
  });
}

export function jsonBodyFromNode(maxBytes: number): MiddlewareHandler<DoorEnv> {
  return async (c, next: Next) => {
    if (!BODY_METHODS.has(c.req.method)) return next();
    const incoming = c.env?.incoming;
    const declared = declaredLength(c);
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim();
    if (
      !incoming ||
      declared === undefined ||
      declared === '0' ||
      !JSON_TYPE.test(type) ||
      Number(declared) > maxBytes ||
      incoming.readableEnded
    ) {
      return next();
    }
    const text = await readAll(incoming);
    if (text === null) {
      return c.json(errorBody('client_closed', 'The client closed the connection.'), 400);
    }
    // Hono keeps promises in its body cache (typed as the values); `json()` parses the text.
    c.req.bodyCache.text = Promise.resolve(text) as unknown as string;
    return next();
  };
}
