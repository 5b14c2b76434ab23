/**
 * Forward-auth's grants are audited once per session, address and requirement every ten minutes,
 * so that a busy proxy (nginx asks before every request to Jira) does not flood the audit log. The
 * window is kept here, in memory, shared by the verify route (which writes the audit row when one
 * is due) and the lean path ahead of the chain (verify-door.ts), which answers only grants whose
 * audit is not due — so it never writes.
 */
import type { Clock } from '../clock.js';

const EVERY_MS = 10 * 60_000;
const MAX_REMEMBERED = 10_000;

export interface GrantAudits {
  /** Whether a grant for this key is to be audited now. */
  due(key: string): boolean;
  /** Notes that it is being audited now. */
  note(key: string): void;
}

export function grantAuditKey(sessionId: string, clientIp: string | null, requirement: string) {
  return `${sessionId}|${clientIp}|${requirement}`;
}

export function createGrantAudits(clock: Clock): GrantAudits {
  const last = new Map<string, number>();
  return {
    due(key) {
      const at = last.get(key);
      return at === undefined || clock.now() - at >= EVERY_MS;
    },
    note(key) {
      if (last.size >= MAX_REMEMBERED) last.clear();
      last.set(key, clock.now());
    },
  };
}
