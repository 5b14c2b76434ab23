/**
 * Writes one decision to the audit log with where the request stood: the client address and how
 * it was found, the zone, what was required and why. Every login door audits through this one
 * function, which is also where metrics can count decisions — and where a policy draft running in
 * report-only mode has its decision reckoned beside the live one (server/domain/policy-draft-recorder.ts).
 */
import type { Database, Statement } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import {
  announceAudit,
  appendAudit,
  auditStatement,
  type AuditEntryInput,
} from '../store/audit.js';
import type { ZoneDecision } from './zone-decision.js';
import { addressKey } from '../zones/address-key.js';
import { recordBesideDecision, recordBesideDecisionLater } from './policy-draft-recorder.js';

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
  zoneDecision: ZoneDecision,
  entry: DecisionEntry,
): Promise<void> {
  const full = decisionEntry(zoneDecision, entry);
  await appendAudit(db, clock, full);
  if (full.replay) await recordBesideDecision(db, clock, zoneDecision, besideOf(full));
}

/** What report-only mode needs of a decision that let someone in. */
const besideOf = (full: AuditEntryInput) => ({
  username: full.username ?? null,
  factors: full.replay!.factors,
});

/**
 * The same decision as a statement, for a batch that writes it together with what it decided
 * (a session); call `written()` once the batch has been written through `db` — whose audit
 * listeners hear of it, and where a running policy draft's decision is tallied beside it.
 */
export function auditDecisionStatement(
  clock: Clock,
  zoneDecision: ZoneDecision,
  entry: DecisionEntry,
  db: Database,
): { statement: Statement; written(): void } {
  const full = decisionEntry(zoneDecision, entry);
  return {
    statement: auditStatement(clock.now(), full),
    written: () => {
      announceAudit(db, full);
      if (full.replay) recordBesideDecisionLater(db, clock, zoneDecision, besideOf(full));
    },
  };
}

/** The outcomes of a decision that let someone in: the rows the policy preview replays. */
export const REPLAYED_OUTCOMES = ['signed_in', 'granted'] as const;

/**
 * What the policy preview needs of a decision that let someone in (issue 27): the proven factors
 * (the entry's `details.factors`, which every sign-in and grant writes), the address as a sortable
 * key (none when it was doubtful), and what it was found from. Null for any other decision.
 */
function replayOf(zoneDecision: ZoneDecision, entry: DecisionEntry): AuditEntryInput['replay'] {
  const factors = (entry.details as { factors?: unknown } | undefined)?.factors;
  if (
    typeof factors !== 'string' ||
    !(REPLAYED_OUTCOMES as readonly string[]).includes(entry.outcome)
  )
    return undefined;
  const doubtful = zoneDecision.replay?.doubtful ?? zoneDecision.clientIp === null;
  return {
    factors,
    addressKey:
      doubtful || zoneDecision.clientIp === null ? null : addressKey(zoneDecision.clientIp),
    peerIp: zoneDecision.replay?.peer ?? null,
    forwarded: zoneDecision.replay?.forwarded ?? null,
  };
}

/** The audit entry of a decision: the entry with where the request stood. */
export function decisionEntry(zoneDecision: ZoneDecision, entry: DecisionEntry): AuditEntryInput {
  return {
    actor: entry.actor,
    action: entry.action,
    username: entry.username ?? null,
    clientIp: zoneDecision.clientIp,
    clientReason: zoneDecision.clientReason,
    zone: zoneDecision.zone,
    required: zoneDecision.requirement,
    outcome: entry.outcome,
    details: { reason: zoneDecision.reason, ...entry.details },
    replay: replayOf(zoneDecision, entry),
  };
}
