/**
 * Where the current request stands, computed at most once per request and kept on the Hono
 * context. The composition itself (`decideZone`) is domain code with no HTTP in it; this is
 * only its per-request cache for the doors.
 */
import type { ClientAddressEnv, ZoneDecisionEnv } from './context.js';
import { decideZone, type ZoneDecision, type ZoneDecisionDeps } from '../domain/zone-decision.js';

/** The zone decision of the current request, computed once and cached on the context. */
/** What `zoneDecisionOf` needs of a request's context: its client address and the cache. */
export interface ZoneDecisionContext {
  var: ClientAddressEnv['Variables'] & ZoneDecisionEnv['Variables'];
  set(key: 'zoneDecision', value: ZoneDecision): void;
}

export async function zoneDecisionOf(
  c: ZoneDecisionContext,
  deps: ZoneDecisionDeps,
): Promise<ZoneDecision> {
  const cached = c.var.zoneDecision;
  if (cached) return cached;
  const s = await decideZone(deps, c.var.client);
  c.set('zoneDecision', s);
  return s;
}
