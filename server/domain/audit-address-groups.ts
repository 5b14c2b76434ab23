/**
 * Which address group a repeatable decision is audited under — one rule for the aggregated audit
 * of anonymous refusals (aggregated-audit.ts) and the guard's audit (guard-audits.ts): the rate
 * limiter's group (`clientGroup`: IPv4 per address, IPv6 per /64), except that at most
 * `PREFIXES_PER_SITE` /64s of one /48 hold groups of their own at a time and the others count as
 * the /48 (`siteGroup`) — a site is often given a whole /48 and could send each request from
 * another /64 of it. Which /64s are a /48's own is kept in audit windows (audit-windows.ts), so
 * memory stays bounded.
 */
import type { Clock } from '../platform/clock.js';
import { clientGroup, siteGroup, type ClientGroup } from '../zones/client-group.js';
import { createAuditWindows } from './audit-windows.js';

/** IPv6 /64s of one /48 that are groups of their own at once; further ones count as the /48. */
export const PREFIXES_PER_SITE = 4;

/** The group of a client address, as of now. */
export type AuditAddressGroups = (ip: string | null) => ClientGroup;

export function createAuditAddressGroups(
  clock: Clock,
  options: { everyMs: number; maxKeys: number },
): AuditAddressGroups {
  const sites = createAuditWindows<null>(clock, {
    everyMs: options.everyMs,
    maxPerGroup: PREFIXES_PER_SITE,
    maxKeys: options.maxKeys,
    whenFull: 'refuse',
  });
  return (ip) => {
    const group = clientGroup(ip);
    const site = siteGroup(ip);
    if (!site) return group;
    const hit = sites.hit(group.key, null, site.key);
    return hit.kind === 'crowded' || hit.kind === 'full' ? site : group;
  };
}
