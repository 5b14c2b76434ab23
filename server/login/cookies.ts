/**
 * The session cookie: HttpOnly, SameSite=Lax, Path=/. It is Secure unless the public URL
 * (`IPSAFEZONE_PUBLIC_URL`) is plain http on a loopback host — decided from configuration, never
 * from the request's Host header — and wherever it is Secure it is named with the `__Host-` prefix,
 * so that a sibling subdomain (or a plain-http page) cannot plant one for us. A request carrying
 * the name more than once (a planted cookie beside ours) has no session: no copy decides.
 */
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { serialize } from 'hono/utils/cookie';
import type { AppConfig } from '../config/settings.js';
import { isLocalPlainHttp } from '../http/public-origin.js';

/** The cookie's name where it is not Secure (plain-http loopback: the demo, development). */
export const SESSION_COOKIE = 'ipsafezone_session';
/** The cookie's name wherever it is Secure. */
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;

export type CookieConfig = Pick<AppConfig, 'cookieSecure' | 'publicUrl'>;

export function cookieIsSecure(config: CookieConfig): boolean {
  if (config.cookieSecure !== 'auto') return config.cookieSecure;
  return !isLocalPlainHttp(config.publicUrl);
}

/** The session cookie's name under this configuration. */
export function sessionCookieName(config: CookieConfig): string {
  return cookieIsSecure(config) ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

export function setSessionCookie(
  c: Context,
  config: CookieConfig & Pick<AppConfig, 'sessionMaxMs'>,
  token: string,
): void {
  const secure = cookieIsSecure(config);
  setCookie(c, sessionCookieName(config), token, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure,
    maxAge: Math.floor(config.sessionMaxMs / 1000),
  });
}

export function clearSessionCookie(c: Context, config: CookieConfig): void {
  deleteCookie(c, sessionCookieName(config), { path: '/', secure: cookieIsSecure(config) });
}

/** The `Set-Cookie` value that clears the session cookie (for answers written outside Hono). */
export function expiredSessionCookie(config: CookieConfig): string {
  return serialize(sessionCookieName(config), '', {
    path: '/',
    secure: cookieIsSecure(config),
    httpOnly: true,
    sameSite: 'Lax',
    maxAge: 0,
  });
}

/**
 * The session token, when the request carries exactly one cookie of the session's name.
 * (Hono's `getCookie` returns the first of several; a planted cookie sent first would decide.)
 */
export function readSessionCookie(c: Context, config: CookieConfig): string | undefined {
  return sessionTokenIn(c.req.header('cookie'), config);
}

/** `readSessionCookie` for a raw `Cookie` header (requests handed to the OIDC provider). */
export function sessionTokenIn(
  header: string | undefined,
  config: CookieConfig,
): string | undefined {
  if (!header) return undefined;
  const name = sessionCookieName(config);
  let found: string | undefined;
  let count = 0;
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq === -1 || pair.slice(0, eq).trim() !== name) continue;
    count++;
    found = pair.slice(eq + 1).trim();
  }
  if (count !== 1 || !found || !/^[A-Za-z0-9_-]{1,200}$/.test(found)) return undefined;
  return found;
}
