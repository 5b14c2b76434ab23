/**
 * Cross-site protection for the JSON API, and CORS for the origins allowed to embed the widget.
 * A state-changing request (POST, PUT, PATCH, DELETE) must
 *  - come from our own origin or an allowed one (checked on `Origin`; without `Origin`, a browser's
 *    `Sec-Fetch-Site: cross-site` is refused too), else 403 `forbidden_origin`;
 *  - carry JSON (`Content-Type: application/json`) when it has a body, else 415 — which also means a
 *    cross-origin browser request always needs a CORS preflight that only allowed origins pass.
 * CORS answers with credentials only for allowed origins; everyone else gets no CORS headers.
 */
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { cors } from 'hono/cors';
import { errorBody } from './errors.js';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function ownOrigin(c: Context): string | null {
  const host = c.req.header('host');
  if (!host) return null;
  return `${new URL(c.req.url).protocol}//${host}`.toLowerCase();
}

export function isAllowedOrigin(c: Context, origin: string, allowed: readonly string[]): boolean {
  const o = origin.toLowerCase();
  if (allowed.includes(o)) return true;
  const own = ownOrigin(c);
  if (own && o === own) return true;
  // Behind a TLS-terminating proxy our URL says http while the browser says https: compare hosts.
  try {
    return own !== null && new URL(o).host === new URL(own).host;
  } catch {
    return false;
  }
}

export function requestGuard(allowedOrigins: readonly string[]) {
  const allowed = allowedOrigins.map((o) => o.toLowerCase().replace(/\/$/, ''));
  const corsMiddleware = cors({
    origin: (origin) => (allowed.includes(origin.toLowerCase()) ? origin : null),
    credentials: true,
    allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowHeaders: ['Content-Type'],
    maxAge: 600,
  });
  return createMiddleware(async (c, next) => {
    if (UNSAFE.has(c.req.method)) {
      const origin = c.req.header('origin');
      const site = c.req.header('sec-fetch-site');
      if (origin !== undefined ? !isAllowedOrigin(c, origin, allowed) : site === 'cross-site') {
        return c.json(
          errorBody(
            'forbidden_origin',
            'This request came from a page that is not allowed to make it.',
          ),
          403,
        );
      }
      const length = c.req.header('content-length');
      const hasBody =
        (length !== undefined && length !== '0') || c.req.header('transfer-encoding') !== undefined;
      const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (hasBody && type !== 'application/json') {
        return c.json(
          errorBody(
            'unsupported_media_type',
            'Send the request body as JSON (Content-Type: application/json).',
          ),
          415,
        );
      }
    }
    return corsMiddleware(c, next);
  });
}
