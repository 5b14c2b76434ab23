/**
 * Reads the session cookie on every request and sets `c.var.actor` — but only when the factors
 * proven at sign-in are still enough from the address this request comes from. A password-only
 * session opened in the office stops counting once the laptop is outside the zone: every door
 * (admin API, profile, forward-auth) then asks for the second factor.
 *
 * Not on `GET /api/zone`: the zone answer is about the address, never the user, and its lean path
 * (zone-door.ts) reads no session either — a session is neither looked up nor kept alive by it.
 */
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../http/context.js';
import { readSessionCookie, type CookieConfig } from './cookies.js';
import type { SessionLifetimes } from '../store/sessions.js';
import { createSessionLookup } from './session-lookup.js';
import { ZONE_PATH } from './zone-door.js';
import { factorsSatisfy, type StandingDeps } from '../domain/standing.js';
import { standingOf } from '../http/standing-of.js';
import type { Clock } from '../clock.js';

export function sessionMiddleware(
  deps: StandingDeps & { clock: Clock; lifetimes: SessionLifetimes; cookies: CookieConfig },
) {
  const findSession = createSessionLookup(deps);
  return createMiddleware<AppEnv>(async (c, next) => {
    if (c.req.path === ZONE_PATH) return next();
    const token = readSessionCookie(c, deps.cookies);
    if (token) {
      const found = await findSession(token);
      const { session, user } = found ?? {};
      if (session && user && !user.disabled) {
        const standing = await standingOf(c, deps);
        if (factorsSatisfy(standing, session.factors)) {
          c.set('actor', {
            id: user.id,
            username: user.username,
            role: user.role,
            sessionId: session.idHash,
            factors: session.factors,
            user,
          });
        } else {
          c.set('sessionInsufficient', true);
        }
      }
    }
    await next();
  });
}
