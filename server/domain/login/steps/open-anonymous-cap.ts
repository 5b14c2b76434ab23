/**
 * Whether another sign-in started with nothing proven (a passkey challenge, a SecSign ID request)
 * may be opened from where the request stands — what anyone can make us store, so it is bounded:
 * at most OPEN_ANONYMOUS_PER_ADDRESS open per factor and address group (IPv4 address, IPv6 /64),
 * inside the zone too as before; and from outside the safe zone at most
 * `config.siteLimits.openAnonymous` per factor and IPv6 /48 in all, since a client holding a /48
 * could otherwise hold the /64's allowance in each of its 65,536 /64s. Inside the zone a /48 has no
 * allowance of its own: an office with many /64s is never stopped by it. One rule for both starts
 * (begin-factor.ts, passkey-options.ts).
 */
import type { FactorName } from '../../../factors/registry.js';
import { countOpenAnonymous } from '../../../store/login-transactions.js';
import type { ZoneDecision } from '../../zone-decision.js';
import { OPEN_ANONYMOUS_PER_ADDRESS } from '../rate-limit.js';
import type { LoginDeps } from './step-deps.js';

/** True when the address group (or, outside, its /48) already holds its open anonymous sign-ins. */
export async function openAnonymousFull(
  deps: LoginDeps,
  zoneDecision: ZoneDecision,
  factor: FactorName,
): Promise<boolean> {
  const open = await countOpenAnonymous(deps.db, deps.clock, factor, zoneDecision.clientIp ?? '');
  if (open.group >= OPEN_ANONYMOUS_PER_ADDRESS) return true;
  return !zoneDecision.inside && open.site >= deps.config.siteLimits.openAnonymous;
}
