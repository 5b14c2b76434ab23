/**
 * Secure headers on every answer, and a strict Content-Security-Policy for our HTML pages (login,
 * admin, profile, demo): scripts and styles only from our own origin, no inline script, no framing,
 * forms only to ourselves. API answers are never cached.
 *
 * On `/api/…` the headers are set before the handler runs (`setFixedHeader`), so they go into the
 * answer as it is made: changing a finished answer's headers makes @hono/node-server build a full
 * `Response` it otherwise skips — on the forward-auth and zone doors that was a measurable share of
 * each request (issue 13). API answers are JSON or empty, never HTML: they get OWASP's REST set.
 */
import { createMiddleware } from 'hono/factory';
import { setFixedHeader } from './fixed-header.js';
import { secureHeaders } from 'hono/secure-headers';

export const STRICT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Values the pages (through `hono/secure-headers`) and the API's fast path share. */
const HSTS = 'max-age=31536000; includeSubDomains';
const REFERRER_POLICY = 'same-origin';
const FRAME_OPTIONS = 'DENY';

/**
 * The API's headers: OWASP's REST Security Cheat Sheet set ("Security Headers") — no caching, no
 * framing, no type sniffing, HTTPS only — plus the Referrer-Policy the pages have. The document-only
 * headers the pages get (COOP, Origin-Agent-Cluster, X-DNS-Prefetch-Control, X-Download-Options,
 * X-Permitted-Cross-Domain-Policies, X-XSS-Protection) mean nothing on a JSON answer and each
 * costs time on the forward-auth door, which nginx asks before every request.
 */
export const API_HEADERS: readonly (readonly [string, string])[] = [
  ['Cache-Control', 'no-store'],
  ['Content-Security-Policy', "frame-ancestors 'none'"],
  ['Referrer-Policy', REFERRER_POLICY],
  ['Strict-Transport-Security', HSTS],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-Frame-Options', FRAME_OPTIONS],
];

export function securityHeaders() {
  const headers = secureHeaders({
    contentSecurityPolicy: undefined,
    crossOriginResourcePolicy: false,
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: HSTS,
    referrerPolicy: REFERRER_POLICY,
    xFrameOptions: FRAME_OPTIONS,
  });
  return createMiddleware(async (c, next) => {
    if (c.req.path.startsWith('/api/')) {
      for (const [name, value] of API_HEADERS) setFixedHeader(c, name, value);
      return next();
    }
    await headers(c, next);
    const type = c.res.headers.get('content-type') ?? '';
    if (type.startsWith('text/html') && !c.res.headers.has('content-security-policy')) {
      c.res.headers.set('Content-Security-Policy', STRICT_CSP);
    }
  });
}
