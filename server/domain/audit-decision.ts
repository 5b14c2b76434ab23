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
import { addressKey } from '../zones/address-key.js';

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

/** The outcomes of a decision that let someone in: the rows the policy preview replays. */
export const REPLAYED_OUTCOMES = ['signed_in', 'granted'] as const;

/**
 * What the policy preview needs of a decision that let someone in (issue 27): the proven factors
 * (the entry's `details.factors`, which every sign-in and grant writes), the address as a sortable
 * key (none when it was doubtful), and what it was found from. Null for any other decision.
 */
function replayOf(standing: Standing, entry: DecisionEntry): AuditEntryInput['replay'] {
  const factors = (entry.details as { factors?: unknown } | undefined)?.factors;
  if (
    typeof factors !== 'string' ||
    !(REPLAYED_OUTCOMES as readonly string[]).includes(entry.outcome)
  )
    return undefined;
  const doubtful = standing.replay?.doubtful ?? standing.clientIp === null;
  return {
    factors,
    addressKey: doubtful || standing.clientIp === null ? null : addressKey(standing.clientIp),
    peerIp: standing.replay?.peer ?? null,
    forwarded: standing.replay?.forwarded ?? null,
  };
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
    replay: replayOf(standing, entry),
  };
}
