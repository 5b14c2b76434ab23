/**
 * Secure headers on every answer, and a strict Content-Security-Policy for our HTML pages (login,
 * admin, profile, demo): scripts and styles only from our own origin, no inline script, no framing,
 * forms only to ourselves. API answers are never cached.
 *
 * On `/api/…` the headers are set before the handler runs (`c.header`), so they go into the answer
 * as it is made: changing a finished answer's headers makes @hono/node-server build a full
 * `Response` it otherwise skips — on the forward-auth and zone doors that was a measurable share of
 * each request (issue 13). API answers are JSON or empty, never HTML, so they need no CSP decision.
 */
import { createMiddleware } from 'hono/factory';
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

/** What `hono/secure-headers` with the options below sets, for the API's fast path. */
const API_HEADERS: readonly (readonly [string, string])[] = [
  ['Cache-Control', 'no-store'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Origin-Agent-Cluster', '?1'],
  ['Referrer-Policy', 'same-origin'],
  ['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-DNS-Prefetch-Control', 'off'],
  ['X-Download-Options', 'noopen'],
  ['X-Frame-Options', 'DENY'],
  ['X-Permitted-Cross-Domain-Policies', 'none'],
  ['X-XSS-Protection', '0'],
];

export function securityHeaders() {
  const headers = secureHeaders({
    contentSecurityPolicy: undefined,
    crossOriginResourcePolicy: false,
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: 'max-age=31536000; includeSubDomains',
    referrerPolicy: 'same-origin',
    xFrameOptions: 'DENY',
  });
  return createMiddleware(async (c, next) => {
    if (c.req.path.startsWith('/api/')) {
      for (const [name, value] of API_HEADERS) c.header(name, value);
      return next();
    }
    await headers(c, next);
    const type = c.res.headers.get('content-type') ?? '';
    if (type.startsWith('text/html') && !c.res.headers.has('content-security-policy')) {
      c.res.headers.set('Content-Security-Policy', STRICT_CSP);
    }
  });
}
