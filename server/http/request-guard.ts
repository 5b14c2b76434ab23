/**
 * Cross-site protection for the JSON API, and CORS for the origins allowed to embed the widget.
 * A state-changing request (POST, PUT, PATCH, DELETE) must
 *  - come from our own origin or an allowed one (checked on `Origin`; without `Origin`, a browser's
 *    `Sec-Fetch-Site: cross-site` is refused too), else 403 `forbidden_origin`;
 *  - carry JSON (`Content-Type: application/json`) when it has a body, else 415 — which also means a
 *    cross-origin browser request always needs a CORS preflight that only allowed origins pass.
 * CORS answers with credentials only for allowed origins. A page on any other origin gets its
 * refusal LABELLED — the 403 `forbidden_origin` carries CORS headers for that origin, and its
 * preflight passes so the refused request can reach the guard — because the browser hides an
 * unlabelled answer and the widget could then only say "cannot reach the server". The widget's
 * first call, `GET /api/zone`, is refused the same way; other GETs from such a page are answered
 * without CORS headers, so the browser keeps the answer from the page. The refusal itself says
 * nothing the page could not know.
 * `Date` (the countdown's clock), `Retry-After` and `X-Request-Id` are exposed to allowed pages.
 */
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { cors } from 'hono/cors';
import { errorBody } from './errors.js';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const EXPOSE = ['Date', 'Retry-After', 'X-Request-Id'];

/** CORS headers that let a page on `origin` read a refusal (and nothing else). */
function labelRefusal(c: Context, origin: string | undefined): void {
  if (!origin) return;
  c.header('Access-Control-Allow-Origin', origin);
  c.header('Access-Control-Allow-Credentials', 'true');
  c.header('Access-Control-Expose-Headers', EXPOSE.join(', '));
  c.header('Vary', 'Origin');
}

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
    allowMethods: METHODS,
    allowHeaders: ['Content-Type'],
    exposeHeaders: EXPOSE,
    maxAge: 600,
  });
  return createMiddleware(async (c, next) => {
    const origin = c.req.header('origin');
    const foreign = origin !== undefined && !isAllowedOrigin(c, origin, allowed);
    if (foreign && c.req.method === 'OPTIONS') {
      // Let the refused request through to the guard below, which labels its 403.
      labelRefusal(c, origin);
      c.header('Access-Control-Allow-Methods', METHODS.join(', '));
      c.header('Access-Control-Allow-Headers', 'Content-Type');
      return c.body(null, 204);
    }
    const zoneCall = c.req.method === 'GET' && c.req.path === '/api/zone';
    if (UNSAFE.has(c.req.method) || zoneCall) {
      const site = c.req.header('sec-fetch-site');
      if (origin !== undefined ? foreign : site === 'cross-site' && !zoneCall) {
        labelRefusal(c, origin);
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
