/**
 * Where the current request stands, computed at most once per request and kept on the Hono
 * context. The composition itself (`decideZone`) is domain code with no HTTP in it; this is
 * only its per-request cache for the doors.
 */
import type { ClientAddressEnv, ZoneDecisionEnv } from './context.js';
import { decideZone, type ZoneDecision, type ZoneDecisionDeps } from '../domain/zone-decision.js';

type ZoneDecisionVariables = ClientAddressEnv['Variables'] & ZoneDecisionEnv['Variables'];

/**
 * What `zoneDecisionOf` needs of a request's context: its client address and the cache. Read with
 * `get`, never `c.var`: Hono's `c.var` copies every variable into a new object on each access.
 */
export interface ZoneDecisionContext {
  get<K extends keyof ZoneDecisionVariables>(key: K): ZoneDecisionVariables[K];
  set(key: 'zoneDecision', value: ZoneDecision): void;
}

/** The zone decision of the current request, computed once and cached on the context. */

export async function zoneDecisionOf(
  c: ZoneDecisionContext,
  deps: ZoneDecisionDeps,
): Promise<ZoneDecision> {
  const cached = c.get('zoneDecision');
  if (cached) return cached;
  const s = await decideZone(deps, c.get('client'));
  c.set('zoneDecision', s);
  return s;
}
