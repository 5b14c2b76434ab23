/**
 * The guard's decisions are audited once per client address, user name and reason in ten minutes
 * (the grant-audit pattern of grant-audits.ts, whose window this reuses), because the proxy asks
 * before every request to the product and a refused script retries for ever. A client that varies
 * the user name cannot grow the log by it: after five names from one address in the window, the
 * rest of that window's names from there share one row (user name `*`). Everything is counted in
 * `/metrics` all the same (`ipsafezone_guard_decisions_total`).
 */
import type { Clock } from '../clock.js';
import { createGrantAudits } from './grant-audits.js';

const NAMES_PER_ADDRESS = 5;
const WINDOW_MS = 10 * 60_000;
const MAX_ADDRESSES = 10_000;

export interface GuardAudits {
  /**
   * Whether this decision is to be audited now (and, if so, notes that it is): the user name to
   * write (`*` for one beyond the address's first five in the window), or undefined when not due.
   */
  due(clientIp: string | null, username: string | null, reason: string): string | null | undefined;
}

export function createGuardAudits(clock: Clock): GuardAudits {
  const window = createGrantAudits(clock);
  const names = new Map<string, { since: number; names: Set<string> }>();
  return {
    due(clientIp, username, reason) {
      const address = clientIp ?? '-';
      let seen = names.get(address);
      if (!seen || clock.now() - seen.since >= WINDOW_MS) {
        if (names.size >= MAX_ADDRESSES) names.clear();
        seen = { since: clock.now(), names: new Set() };
        names.set(address, seen);
      }
      let name = username ?? '-';
      if (!seen.names.has(name)) {
        if (seen.names.size >= NAMES_PER_ADDRESS) name = '*';
        else seen.names.add(name);
      }
      const key = `guard|${reason}|${address}|${name}`;
      if (window.hit(key, null).kind !== 'open') return undefined;
      return name === '-' ? null : name;
    },
  };
}
