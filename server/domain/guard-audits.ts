/**
 * The guard's decisions are audited once per client address, user name and reason in ten minutes,
 * through the audit windows every repeated audit row uses (server/domain/audit-windows.ts), because
 * the proxy asks before every request to the product and a refused script retries for ever. The
 * repeats a window counted ride on the next window's row of the same key. A client that varies the
 * user name cannot grow the log by it: an address holds at most five windows at once, and further
 * names from there share one key (user name `*`). Nor by varying its address: addresses are
 * grouped as the rate limiter groups them (IPv4 per address, IPv6 per /64, and a /48 sending from
 * many /64s as one: audit-address-groups.ts; the rows name the prefix), and when the windows fill
 * memory, further groups share one key per reason.
 * Every decision is counted in `/metrics` all the same (`ipsafezone_guard_decisions_total`).
 */
import type { Clock } from '../platform/clock.js';
import { createAuditAddressGroups } from './audit-address-groups.js';
import { createAuditWindows, type Repeats } from './audit-windows.js';

const EVERY_MS = 10 * 60_000;
const NAMES_PER_ADDRESS = 5;

/** An audit row to write now: the user name to write (`*` for a folded one) and earlier repeats. */
export interface GuardAuditDue {
  username: string | null;
  /** The earlier repeats (their count and time span) the row carries. */
  repeats: Pick<Repeats, 'count' | 'from' | 'to'> | null;
  /** What the row says about addresses beside its own: the /64, many addresses, any client. */
  details: { prefix?: string; manyAddresses?: true; manyClients?: true };
}

export interface GuardAudits {
  /** Counts this decision; an audit row to write now, or null when its window is open. */
  hit(clientIp: string | null, username: string | null, reason: string): GuardAuditDue | null;
}

export function createGuardAudits(clock: Clock): GuardAudits {
  const windows = createAuditWindows<null>(clock, {
    everyMs: EVERY_MS,
    maxPerGroup: NAMES_PER_ADDRESS,
    whenFull: 'refuse',
  });
  const groupOf = createAuditAddressGroups(clock, { everyMs: EVERY_MS, maxKeys: 10_000 });
  return {
    hit(clientIp, username, reason) {
      const group = groupOf(clientIp);
      const source = clientIp ?? '-';
      const details: GuardAuditDue['details'] = group.prefix ? { prefix: group.label } : {};
      let name = username;
      let hit = windows.hit(`guard|${reason}|${group.key}|${name ?? '-'}`, null, group.key, source);
      if (hit.kind === 'crowded') {
        name = '*';
        hit = windows.hit(`guard|${reason}|${group.key}|*`, null, undefined, source);
      }
      if (hit.kind === 'full') {
        name = '*';
        delete details.prefix;
        details.manyClients = true;
        hit = windows.hitWide(`guard|${reason}|*|*`, null, source);
      }
      if (hit.kind !== 'open') return null;
      const r = hit.carried;
      if (r && (r.manySources || r.source !== source)) details.manyAddresses = true;
      const repeats = r ? { count: r.count, from: r.from, to: r.to } : null;
      return { username: name, repeats, details };
    },
  };
}
