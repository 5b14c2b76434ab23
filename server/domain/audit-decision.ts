/**
 * Writes one decision to the audit log with where the request stood: the client address and how
 * it was found, the zone, what was required and why. Every login door audits through this one
 * function, which is also where metrics can count decisions.
 */
import type { Database, Statement } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import {
  announceAudit,
  appendAudit,
  auditStatement,
  type AuditEntryInput,
} from '../store/audit.js';
import type { Standing } from './standing.js';

export interface DecisionEntry {
  action: string;
  actor: string | null;
  username?: string | null;
  outcome: string;
  details?: object;
}

export async function auditDecision(
  db: Database,
  clock: Clock,
  standing: Standing,
  entry: DecisionEntry,
): Promise<void> {
  await appendAudit(db, clock, decisionEntry(standing, entry));
}

/**
 * The same decision as a statement, for a batch that writes it together with what it decided
 * (a session); call `written()` once the batch has been written.
 */
export function auditDecisionStatement(
  clock: Clock,
  standing: Standing,
  entry: DecisionEntry,
): { statement: Statement; written(): void } {
  const full = decisionEntry(standing, entry);
  return { statement: auditStatement(clock.now(), full), written: () => announceAudit(full) };
}

/** The audit entry of a decision: the entry with where the request stood. */
export function decisionEntry(standing: Standing, entry: DecisionEntry): AuditEntryInput {
  return {
    actor: entry.actor,
    action: entry.action,
    username: entry.username ?? null,
    clientIp: standing.clientIp,
    clientReason: standing.clientReason,
    zone: standing.zone,
    required: standing.requirement,
    outcome: entry.outcome,
    details: { reason: standing.reason, ...entry.details },
  };
}
