/**
 * Cross-site protection for the JSON API, the host check, and CORS for the origins allowed to
 * embed the widget.
 * - Every request must name one of our own hosts (`IPSAFEZONE_PUBLIC_URL`, see `public-origin.ts`),
 *   else 421 `unknown_host` — a request for another name (DNS rebinding, a forged Host) is not
 *   ours to answer. Forward-auth (`/api/verify`), the guard (`/api/guard`, `/api/guard/refused`),
 *   the health checks and the metrics are exempt:
 *   proxies and monitors call them with their own upstream Host, and neither sets a cookie nor changes anything; so is the
 *   embedded SecSign ID server (demo and development only), which the app calls on loopback.
 * - A state-changing request (POST, PUT, PATCH, DELETE) must come from our own origin — or, on
 *   the widget's endpoints only, an allowed one (checked on `Origin`; without `Origin`, a
 *   browser's `Sec-Fetch-Site: cross-site` is refused too), else 403 `forbidden_origin`: a page
 *   on an allowed origin (Jira's login page) changes nothing of the admin or profile API; and carry JSON (`Content-Type:
 *   application/json`) when it has a body, else 415 — which also means a cross-origin browser
 *   request always needs a CORS preflight that only allowed origins pass.
 * - CORS (with credentials, allowed origins only) covers the widget's endpoints alone:
 *   `/api/zone`, `/api/login/…`, `/api/session`, `/api/logout`. The admin API, the profile API
 *   and forward-auth get no CORS headers, so no other site can read them with the user's cookie.
 * - A page on an origin that is not allowed gets its refusal LABELLED on the widget's endpoints —
 *   the 403 `forbidden_origin` carries CORS headers for that origin, and its preflight passes so the
 *   refused request can reach the guard — because the browser hides an unlabelled answer and the
 *   widget could then only say "cannot reach the server". The widget's first call, `GET
 *   /api/zone`, is refused the same way. The refusal says nothing the page could not know.
 * - `Date` (the countdown's clock), `Retry-After` and `X-Request-Id` are exposed to allowed pages.
 */
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { cors } from 'hono/cors';
import type { AppConfig } from '../config/settings.js';
import { errorBody } from './errors.js';
import { setFixedHeader } from './fixed-header.js';
import { isOwnHost, isOwnOrigin } from './public-origin.js';

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

/** The widget's endpoints: the only ones another origin may call with credentials. */
export const WIDGET_PATHS = /^\/api\/(zone|login\/[a-z/]+|session|logout)$/;

/** Paths a proxy calls with its own upstream Host. */
const ANY_HOST_PATHS = new Set([
  '/api/verify',
  '/api/guard',
  '/api/guard/refused',
  '/api/guard/oauth2-token',
  '/healthz',
  '/readyz',
  '/metrics',
]);

/**
 * The embedded SecSign ID server (demo and development only): the app calls it on loopback, at
 * `/secsign-sim` itself (its protocol endpoint) — also when the public URL names a proxy in front.
 */
const EMBEDDED_ID_SERVER = '/secsign-sim';

/**
 * Whether a request URL names one of our hosts. The answer is kept per authority as it stands in
 * the URL (a handful of names in practice; bounded all the same), so that a request does not parse
 * URLs to learn what the last one did.
 */
export function ownHostCheck(config: Pick<AppConfig, 'publicUrl'>): (url: string) => boolean {
  const known = new Map<string, boolean>();
  return (url) => {
    const start = url.indexOf('//') + 2;
    const end = url.slice(start).search(/[/?#]/);
    const sent = end < 0 ? url.slice(start) : url.slice(start, start + end);
    let ours = known.get(sent);
    if (ours === undefined) {
      const host = new URL(url).host.toLowerCase();
      ours = URL.canParse(`http://${host}`) && isOwnHost(config.publicUrl, host);
      if (known.size >= 256) known.clear();
      known.set(sent, ours);
    }
    return ours;
  };
}

/** Refuses requests that name a host other than ours (421 `unknown_host`). */
export function hostGuard(config: Pick<AppConfig, 'publicUrl'>) {
  const isOurs = ownHostCheck(config);
  return createMiddleware(async (c, next) => {
    const path = c.req.path;
    if (
      ANY_HOST_PATHS.has(path) ||
      path === EMBEDDED_ID_SERVER ||
      path.startsWith(`${EMBEDDED_ID_SERVER}/`)
    ) {
      return next();
    }
    if (!isOurs(c.req.url)) {
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
    allowMethods: METHODS,
    allowHeaders: ['Content-Type'],
    exposeHeaders: EXPOSE,
    maxAge: 600,
  });
  return createMiddleware(async (c, next) => {
    const origin = c.req.header('origin');
    const widgetPath = WIDGET_PATHS.test(c.req.path);
    // An origin allowed to embed the widget counts as ours on the widget's endpoints only: a page
    // there must not change anything else with a visitor's cookie (a body-less POST needs no
    // preflight).
    const foreign =
      origin !== undefined &&
      !(widgetPath
        ? isOwn(origin.toLowerCase())
        : isOwnOrigin(config.publicUrl, origin.toLowerCase()));
    if (foreign && widgetPath && c.req.method === 'OPTIONS') {
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
        if (widgetPath) labelRefusal(c, origin);
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
    if (!widgetPath) return next();
    // Without an Origin there is nothing for CORS to allow: only say that answers vary by it.
    if (origin === undefined) {
      setFixedHeader(c, 'Vary', 'Origin');
      return next();
    }
    return corsMiddleware(c, next);
  });
}
