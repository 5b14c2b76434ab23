/**
 * The guard's decisions are audited once per client address, user name and reason in ten minutes,
 * through the audit windows every repeated audit row uses (server/domain/audit-windows.ts), because
 * the proxy asks before every request to the product and a refused script retries for ever. The
 * repeats a window counted ride on the next window's row of the same key. A client that varies the
 * user name cannot grow the log by it: an address holds at most five windows at once, and further
 * names from there share one key (user name `*`). Every decision is counted in `/metrics` all the
 * same (`ipsafezone_guard_decisions_total`).
 */
import type { Clock } from '../platform/clock.js';
import { createAuditWindows, type Repeats } from './audit-windows.js';

const EVERY_MS = 10 * 60_000;
const NAMES_PER_ADDRESS = 5;

/** An audit row to write now: the user name to write (`*` for a folded one) and earlier repeats. */
export interface GuardAuditDue {
  username: string | null;
  repeats: Repeats | null;
}

export interface GuardAudits {
  /** Counts this decision; an audit row to write now, or null when its window is open. */
  hit(clientIp: string | null, username: string | null, reason: string): GuardAuditDue | null;
}

export function createGuardAudits(clock: Clock): GuardAudits {
  const windows = createAuditWindows<null>(clock, {
    everyMs: EVERY_MS,
    maxPerGroup: NAMES_PER_ADDRESS,
  });
  return {
    hit(clientIp, username, reason) {
      const address = clientIp ?? '-';
      let name = username;
      let hit = windows.hit(`guard|${reason}|${address}|${name ?? '-'}`, null, address);
      if (hit.kind === 'crowded') {
        name = '*';
        hit = windows.hit(`guard|${reason}|${address}|*`, null);
      }
      return hit.kind === 'open' ? { username: name, repeats: hit.carried } : null;
    },
  };
}
