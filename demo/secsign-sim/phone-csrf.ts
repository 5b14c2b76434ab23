/**
 * Cross-site request forgery protection for the phone's form posts (which approve logins).
 *
 * Chosen scheme: a double-submit token plus an origin check.
 * - `GET …/phone` sets a random token in an HttpOnly, SameSite=Strict cookie and writes the same
 *   token into every form as a hidden `csrf` field. A post is accepted only when both are present
 *   and equal (compared in constant time). Another site can neither read the token nor make the
 *   browser send the Strict cookie.
 * - In addition, a post whose `Origin` names another host than `Host` (or `null`), or whose
 *   `Sec-Fetch-Site` says `cross-site`/`same-site`, is refused outright.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';

export const CSRF_COOKIE = 'secsign_sim_csrf';
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** The browser's token, or a new one set as a cookie on this response. */
export function ensureCsrfToken(c: Context): string {
  const existing = getCookie(c, CSRF_COOKIE);
  if (existing && TOKEN_PATTERN.test(existing)) return existing;
  const token = randomBytes(32).toString('base64url');
  setCookie(c, CSRF_COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/' });
  return token;
}

/** Whether a form post passes the origin check and carries the cookie's token in `formToken`. */
export function isSameSitePost(c: Context, formToken: string | null): boolean {
  const origin = c.req.header('origin');
  if (origin !== undefined) {
    let host: string;
    try {
      host = new URL(origin).host;
    } catch {
      return false;
    }
    if (host === '' || host !== c.req.header('host')) return false;
  }
  const site = c.req.header('sec-fetch-site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;

  const cookie = getCookie(c, CSRF_COOKIE);
  if (!cookie || !formToken || !TOKEN_PATTERN.test(cookie)) return false;
  const a = Buffer.from(cookie);
  const b = Buffer.from(formToken);
  return a.length === b.length && timingSafeEqual(a, b);
}
