/**
 * Forward-auth's grants are audited once per session, address and requirement every ten minutes,
 * so that a busy proxy (nginx asks before every request to Jira) does not flood the audit log. The
 * windows are the audit windows every repeated audit row uses (server/domain/audit-windows.ts),
 * shared by the verify route (which writes the audit row when one is due) and the fast path ahead
 * of the chain (forward-auth-fast-path.ts), which answers only grants whose audit is not due — so it never
 * writes. A grant's repeats are not written: the row says who was let in, from where, by which
 * factors — how often nginx asked adds nothing.
 */
import type { Clock } from '../platform/clock.js';
import { createAuditWindows, type AuditWindows } from './audit-windows.js';

const EVERY_MS = 10 * 60_000;

export type GrantAudits = AuditWindows<null>;

export function grantAuditKey(sessionId: string, clientIp: string | null, requirement: string) {
  return `${sessionId}|${clientIp}|${requirement}`;
}

export function createGrantAudits(clock: Clock): GrantAudits {
  return createAuditWindows<null>(clock, { everyMs: EVERY_MS });
}
