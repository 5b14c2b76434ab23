/**
 * Where the current request stands, computed at most once per request and kept on the Hono
 * context. The composition itself (`computeStanding`) is domain code with no HTTP in it; this is
 * only its per-request cache for the doors.
 */
import type { Context } from 'hono';
import type { AppEnv } from './context.js';
import { computeStanding, type Standing, type StandingDeps } from '../domain/standing.js';

/** The standing of the current request, computed once and cached on the context. */
export async function standingOf(c: Context<AppEnv>, deps: StandingDeps): Promise<Standing> {
  const cached = c.get('standing');
  if (cached) return cached;
  const s = await computeStanding(deps, c.get('client'));
  c.set('standing', s);
  return s;
}
