/**
 * Which trusted proxies lie inside which enabled zones. A trusted proxy inside a zone is a trap:
 * if it ever forwards a request without naming the client, the proxy's own address would be the
 * client — inside, for everyone behind it. The resolver treats that case as outside; this check
 * lets start-up and the admin API warn about the configuration that makes it matter. Pure.
 */
import { parseRange, parseZoneRanges, rangesOverlap, type ParsedRange } from '../zones/index.js';
import { parseProxyEntry } from './trusted-proxies.js';

export interface ZoneRangesLike {
  name: string;
  ranges: readonly string[];
  enabled: boolean;
}

export interface ProxyInZone {
  /** The trusted proxy entry as configured, e.g. `10.0.0.2` or `10.0.0.0/24`. */
  proxy: string;
  zone: string;
}

function proxyRange(entry: string): ParsedRange | null {
  const p = parseProxyEntry(entry);
  if (!p.ok) return null;
  const r = parseRange(p.network.text, { force: true });
  return r.ok ? r.range : null;
}

/** Every (trusted proxy, enabled zone) pair that shares an address. */
export function trustedProxiesInZones(
  trustedProxies: readonly string[],
  zones: readonly ZoneRangesLike[],
): ProxyInZone[] {
  const found: ProxyInZone[] = [];
  const proxies = trustedProxies.map(proxyRange);
  for (const zone of zones) {
    if (!zone.enabled) continue;
    const ranges = parseZoneRanges(zone.ranges, { force: true }).ranges;
    proxies.forEach((range, i) => {
      if (range && rangesOverlap([range], ranges)) {
        found.push({ proxy: trustedProxies[i]!.trim(), zone: zone.name });
      }
    });
  }
  return found;
}

/** The warning sentence for one pair (start-up log and the admin API's zone answer). */
export function proxyInZoneWarning(p: ProxyInZone): string {
  return (
    `Trusted proxy ${p.proxy} lies inside zone "${p.zone}". A request it forwards without naming ` +
    `the client is treated as outside; check that the proxy always sets the client-address header.`
  );
}
