/**
 * Cross-site protection for the JSON API, the host check, and CORS for the origins allowed to
 * embed the widget.
 * - Every request must name one of our own hosts (`IPSAFEZONE_PUBLIC_URL`, see `public-origin.ts`),
 *   else 421 `unknown_host` — a request for another name (DNS rebinding, a forged Host) is not
 *   ours to answer. Forward-auth (`/api/verify`), the health checks and the metrics are exempt:
 *   proxies and monitors call them with their own upstream Host, and neither sets a cookie nor changes anything; so is the
 *   embedded SecSign ID server (demo and development only), which the app calls on loopback.
 * - A state-changing request (POST, PUT, PATCH, DELETE) must come from our own origin or an
 *   allowed one (checked on `Origin`; without `Origin`, a browser's `Sec-Fetch-Site: cross-site`
 *   is refused too), else 403 `forbidden_origin`; and carry JSON (`Content-Type:
 *   application/json`) when it has a body, else 415 — which also means a cross-origin browser
 *   request always needs a CORS preflight that only allowed origins pass.
 * - CORS (with credentials, allowed origins only) covers the widget's endpoints alone:
 *   `/api/zone`, `/api/login/…`, `/api/session`, `/api/logout`. The admin API, the profile API
 *   and forward-auth get no CORS headers, so no other site can read them with the user's cookie.
 */
import { createMiddleware } from 'hono/factory';
import { cors } from 'hono/cors';
import type { AppConfig } from '../config.js';
import { errorBody } from './errors.js';
import { isOwnHost, isOwnOrigin } from './public-origin.js';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The widget's endpoints: the only ones another origin may call with credentials. */
export const WIDGET_PATHS = /^\/api\/(zone|login\/[a-z/]+|session|logout)$/;

/** Paths a proxy calls with its own upstream Host. */
const ANY_HOST_PATHS = new Set(['/api/verify', '/healthz', '/readyz', '/metrics']);

/** The embedded SecSign ID server (demo and development only): the app calls it on loopback. */
const EMBEDDED_ID_SERVER = '/secsign-sim/';

/** Refuses requests that name a host other than ours (421 `unknown_host`). */
export function hostGuard(config: Pick<AppConfig, 'publicUrl'>) {
  return createMiddleware(async (c, next) => {
    if (ANY_HOST_PATHS.has(c.req.path) || c.req.path.startsWith(EMBEDDED_ID_SERVER)) return next();
    const host = new URL(c.req.url).host.toLowerCase();
    if (!URL.canParse(`http://${host}`) || !isOwnHost(config.publicUrl, host)) {
      return c.json(
        errorBody(
          'unknown_host',
          'This server does not answer for that host name. Use the address it is configured with.',
        ),
        421,
      );
    }
    return next();
  });
}

export function requestGuard(config: Pick<AppConfig, 'publicUrl' | 'allowedOrigins'>) {
  const allowed = config.allowedOrigins.map((o) => o.toLowerCase().replace(/\/$/, ''));
  const isOwn = (origin: string) =>
    allowed.includes(origin) || isOwnOrigin(config.publicUrl, origin);
  const corsMiddleware = cors({
    origin: (origin) => (allowed.includes(origin.toLowerCase()) ? origin : null),
    credentials: true,
    allowMethods: ['GET', 'POST'],
    allowHeaders: ['Content-Type'],
    maxAge: 600,
  });
  return createMiddleware(async (c, next) => {
    if (UNSAFE.has(c.req.method)) {
      const origin = c.req.header('origin');
      const site = c.req.header('sec-fetch-site');
      if (origin !== undefined ? !isOwn(origin.toLowerCase()) : site === 'cross-site') {
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
    if (WIDGET_PATHS.test(c.req.path)) return corsMiddleware(c, next);
    return next();
  });
}
