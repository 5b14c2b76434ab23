/**
 * The start-up check "does a trusted proxy lie inside an enabled zone?" over the stored zones, as
 * warning sentences for the log (see server/client-address/proxies-in-zones.ts for why it matters).
 */
import type { Database } from '../db/database.js';
import { proxyInZoneWarning, trustedProxiesInZones } from '../client-address/index.js';
import { listZones } from '../store/zones.js';

export async function trustedProxyZoneWarnings(
  db: Database,
  trustedProxies: readonly string[],
): Promise<string[]> {
  if (trustedProxies.length === 0) return [];
  return trustedProxiesInZones(trustedProxies, await listZones(db)).map(proxyInZoneWarning);
}
