/**
 * Administrators' approval of first factors (issue 27 §4). A user's first second factor enrolled
 * from a password session inside is trust on first use; with the campaign's `first_factor_approval`
 * on, it is held instead: the enrolment's own write — its statements, built by the factor's module
 * as for an immediate enrolment (for one's own first SecSign ID: binding it, own-secsign-id.ts) —
 * is kept in `factor_approvals` with the address and the time, and nothing is written to
 * `user_factors` or the user, so the factor counts nowhere (sign-in, the seed rule, the campaign)
 * until an administrator approves it. Approving runs the held write in one batch with the
 * decision and its audit entry (a request is decided once: a guard statement aborts the batch when
 * another administrator or instance decided first); rejecting discards it. The user sees "waiting
 * for approval" (the profile's factor list, the sign-in prompt); every step is audited
 * (`enrolment.first_factor` `held_for_approval`, `enrolment.approval` `approved` / `rejected`).
 */
import type { Database, Statement } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import { AppError } from '../platform/errors.js';
import { auditStatement } from '../store/audit.js';
import {
  decideApprovalStatement,
  findApproval,
  insertApprovalStatement,
  listWaitingApprovals,
  stillWaitingGuardStatement,
  waitingApprovalOf,
} from '../store/factor-approvals.js';
import { auditActor, requireAdmin, type DomainActor } from './actor.js';
import { applyChange } from './apply-change.js';
import { FIRST_FACTOR_ACTION, refreshEnrolmentLimit } from './first-factor.js';

/** What a decision is audited as. */
export const APPROVAL_ACTION = 'enrolment.approval';

const approvalWaiting = () =>
  new AppError(
    409,
    'approval_waiting',
    'Your first second factor is waiting for approval by an administrator. You can add another once it is approved.',
  );

const notWaiting = () => new AppError(409, 'approval_decided', 'This request was decided already.');

/** The factor's name as the held enrolment's audit details give it (a passkey's have none). */
const factorOf = (details?: object): string => {
  const f = (details as { factor?: unknown } | undefined)?.factor;
  return typeof f === 'string' ? f : 'passkey';
};

/**
 * Holds a user's first factor for approval instead of writing it: `statements` are what the
 * enrolment would have written. Refused (409 `approval_waiting`) while another request of theirs
 * waits — also when two arrive at once (the table allows one waiting request per user).
 */
export async function holdFirstFactor(
  db: Database,
  clock: Clock,
  actor: DomainActor,
  target: { id: number; username: string },
  statements: Statement[],
  audit: { action: string; details?: object },
): Promise<void> {
  if (await waitingApprovalOf(db, target.id)) throw approvalWaiting();
  const at = clock.now();
  const factor = factorOf(audit.details);
  const given = (audit.details as { label?: unknown } | undefined)?.label;
  const label = (typeof given === 'string' ? given : '').slice(0, 100);
  try {
    await db.batch(
      [
        insertApprovalStatement({
          userId: target.id,
          factor,
          label,
          held: {
            statements: statements.map((s) =>
              typeof s === 'string' ? { sql: s, args: [] } : { sql: s.sql, args: s.args ?? [] },
            ),
          },
          clientIp: actor.origin.ip,
          at,
        }),
        auditStatement(at, {
          ...auditActor(actor),
          action: FIRST_FACTOR_ACTION,
          username: target.username,
          outcome: 'held_for_approval',
          details: { factor, via: audit.action, label },
        }),
      ],
      'write',
    );
  } catch (err) {
    if (await waitingApprovalOf(db, target.id)) throw approvalWaiting();
    throw err;
  }
}

/** One waiting request as the admin page shows it. */
export interface ApprovalJson {
  id: number;
  username: string;
  displayName: string;
  factor: string;
  label: string;
  clientIp: string | null;
  requestedAt: string;
}

/** The requests waiting for a decision, oldest first. */
export async function waitingApprovals(db: Database): Promise<ApprovalJson[]> {
  return (await listWaitingApprovals(db)).map((a) => ({
    id: a.id,
    username: a.username,
    displayName: a.displayName,
    factor: a.factor,
    label: a.label,
    clientIp: a.clientIp,
    requestedAt: new Date(a.requestedAt).toISOString(),
  }));
}

/** The user's own waiting request, for the profile and the sign-in prompt. */
export async function ownWaitingApproval(
  db: Database,
  userId: number,
): Promise<{ factor: string; label: string; requestedAt: string } | null> {
  const a = await waitingApprovalOf(db, userId);
  return (
    a && { factor: a.factor, label: a.label, requestedAt: new Date(a.requestedAt).toISOString() }
  );
}

/** The held write, as stored (statements of our own making; nothing else is ever run). */
function heldStatements(held: Record<string, unknown>): Statement[] {
  const list = Array.isArray(held.statements) ? (held.statements as unknown[]) : [];
  return list.flatMap((s) => {
    const st = s as { sql?: unknown; args?: unknown };
    return typeof st.sql === 'string' && Array.isArray(st.args)
      ? [{ sql: st.sql, args: st.args as (string | number | null)[] }]
      : [];
  });
}

/**
 * An administrator approves (the held factor is written and counts from now on) or rejects (it is
 * discarded) a waiting request, audited as `enrolment.approval`.
 */
export async function decideApproval(
  db: Database,
  clock: Clock,
  actor: DomainActor,
  id: number,
  decision: 'approve' | 'reject',
): Promise<void> {
  requireAdmin(actor);
  const a = await findApproval(db, id);
  if (!a) throw new AppError(404, 'approval_not_found', 'There is no such request.');
  if (a.status !== 'waiting') throw notWaiting();
  const at = clock.now();
  const status = decision === 'approve' ? 'approved' : 'rejected';
  try {
    await applyChange(db, [
      stillWaitingGuardStatement(id),
      ...(decision === 'approve' ? heldStatements(a.held) : []),
      decideApprovalStatement(id, status, at, actor.username),
      auditStatement(at, {
        ...auditActor(actor),
        action: APPROVAL_ACTION,
        username: a.username,
        outcome: status,
        details: {
          factor: a.factor,
          label: a.label,
          requestedFrom: a.clientIp,
          requestedAt: new Date(a.requestedAt).toISOString(),
        },
      }),
    ]);
  } catch (err) {
    if ((await findApproval(db, id))?.status !== 'waiting') throw notWaiting();
    throw err;
  }
  if (decision === 'approve') await refreshEnrolmentLimit(db, a.userId);
}
