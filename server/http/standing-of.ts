/**
 * Where the current request stands, computed at most once per request and kept on the Hono
 * context. The composition itself (`computeStanding`) is domain code with no HTTP in it; this is
 * only its per-request cache for the doors.
 */
import type { ClientAddressEnv, StandingEnv } from './context.js';
import { computeStanding, type Standing, type StandingDeps } from '../domain/standing.js';

/** The standing of the current request, computed once and cached on the context. */
/** What `standingOf` needs of a request's context: its client address and the cache. */
export interface StandingContext {
  var: ClientAddressEnv['Variables'] & StandingEnv['Variables'];
  set(key: 'standing', value: Standing): void;
}

export async function standingOf(c: StandingContext, deps: StandingDeps): Promise<Standing> {
  const cached = c.var.standing;
  if (cached) return cached;
  const s = await computeStanding(deps, c.var.client);
  c.set('standing', s);
  return s;
}
