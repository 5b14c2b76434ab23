/**
 * Reads the session cookie on every request and sets `c.get('actor')` — but only when the factors
 * proven at sign-in are still enough from the address this request comes from. A password-only
 * session opened in the office stops counting once the laptop is outside the zone: every door
 * (admin API, profile, forward-auth) then asks for the second factor.
 *
 * A session the enrolment campaign limits (past its user's deadline without a factor that counts
 * outside: domain/enrolment-campaign.ts) is an actor only where a factor is enrolled — the profile
 * and `/api/session`; at every other door (forward-auth, the guard, the admin API) it counts as
 * not enough, so it never reaches Jira or Confluence (fail closed; OIDC checks it itself).
 *
 * Not on `GET /api/zone`: the zone answer is about the address, never the user, and its fast path
 * (zone-fast-path.ts) reads no session either — a session is neither looked up nor kept alive by it.
 */
import { createMiddleware } from 'hono/factory';
import type { Actor, DoorEnv } from '../http/context.js';
import type { Context } from 'hono';
import { readSessionCookie, type CookieConfig } from './cookies.js';
import type { SessionLifetimes } from '../store/sessions.js';
import type { SessionLookup } from '../domain/session-service.js';
import { ZONE_PATH } from './zone-fast-path.js';
import { factorsSatisfy, type ZoneDecisionDeps } from '../domain/zone-decision.js';
import { zoneDecisionOf } from '../http/zone-decision-of.js';
import type { Clock } from '../platform/clock.js';
import { isEnrolmentLimited } from '../domain/enrolment-campaign.js';
import type { DoorDeps } from '../http/door-deps.js';

export type SessionDeps = ZoneDecisionDeps & {
  clock: Clock;
  lifetimes: SessionLifetimes;
  cookies: CookieConfig;
  /** The session look-up (one per app: its one-second cache serves every door). */
  findSession: SessionLookup;
};

/** What the request's session cookie makes of this request: an actor, or "not enough from here". */
export type SessionVerdict =
  { actor: Actor } | { insufficient: true; enrolmentRequired?: true } | null;

/** Where a session limited to enrolling still counts: the profile (and its API) and `/api/session`. */
export function enrolmentPath(path: string): boolean {
  return (
    path === '/api/session' ||
    path === '/api/me' ||
    path.startsWith('/api/me/') ||
    path === '/profile'
  );
}

/**
 * The session behind the request's cookie, judged from where the request stands now: the actor
 * when the session is live, its user enabled and its factors enough from this address. The session
 * middleware and forward-auth's fast path (forward-auth-fast-path.ts) both decide through this.
 */
export async function sessionVerdict(
  c: Context<DoorEnv>,
  deps: SessionDeps,
): Promise<SessionVerdict> {
  const token = readSessionCookie(c, deps.cookies);
  if (!token) return null;
  const found = await deps.findSession(token);
  const { session, user } = found ?? {};
  if (!session || !user || user.disabled) return null;
  const zoneDecision = await zoneDecisionOf(c, deps);
  if (!factorsSatisfy(zoneDecision, session.factors)) return { insufficient: true };
  if (isEnrolmentLimited(session, deps.clock.now()) && !enrolmentPath(c.req.path))
    return { insufficient: true, enrolmentRequired: true };
  return {
    actor: {
      id: user.id,
      username: user.username,
      role: user.role,
      sessionId: session.idHash,
      factors: session.factors,
      authenticatedAt: session.authenticatedAt,
      user,
    },
  };
}

/** The session middleware's dependencies, from the app's `DoorDeps`. */
export function sessionDepsOf(doors: DoorDeps): SessionDeps {
  return {
    ...doors.zoneDecision,
    clock: doors.clock,
    lifetimes: doors.lifetimes,
    cookies: doors.config,
    findSession: doors.sessions.lookup,
  };
}

export function sessionMiddleware(deps: SessionDeps) {
  return createMiddleware<DoorEnv>(async (c, next) => {
    if (c.req.path === ZONE_PATH) return next();
    const verdict = await sessionVerdict(c, deps);
    if (verdict && 'actor' in verdict) c.set('actor', verdict.actor);
    else if (verdict) {
      c.set('sessionInsufficient', true);
      if (verdict.enrolmentRequired) c.set('enrolmentRequired', true);
    }
    await next();
  });
}
