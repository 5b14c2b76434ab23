/**
 * The session cookie: HttpOnly, SameSite=Lax, Path=/, and Secure unless the request is plain http
 * to localhost (so the demo works without TLS while every real deployment gets Secure).
 */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppConfig } from '../config.js';

export const SESSION_COOKIE = 'ipsafezone_session';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function cookieIsSecure(c: Context, config: AppConfig): boolean {
  if (config.cookieSecure !== 'auto') return config.cookieSecure;
  const url = new URL(c.req.url);
  return !(url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname));
}

export function setSessionCookie(c: Context, config: AppConfig, token: string): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: cookieIsSecure(c, config),
    maxAge: Math.floor(config.sessionMaxMs / 1000),
  });
}

export function clearSessionCookie(c: Context, config: AppConfig): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: cookieIsSecure(c, config) });
}

export function readSessionCookie(c: Context): string | undefined {
  return getCookie(c, SESSION_COOKIE);
}
