/**
 * First second factors held for an administrator's approval (migration 016's `factor_approvals`):
 * when the enrolment campaign asks for approval, a first factor enrolled from a password session
 * inside is not written to `user_factors` but kept here — what it would write (`held`, the factor's
 * own JSON), from which address and when — until an administrator approves (then it is written and
 * counts) or rejects it. At most one request waits per user. SQL in, plain objects out; the rule is
 * in server/domain/factor-approvals.ts.
 */
import type { Statement, Row } from '../db/database.js';
import type { Executor } from '../db/executor.js';
import { num, str, strOrNull } from './rows.js';

export type ApprovalStatus = 'waiting' | 'approved' | 'rejected' | 'withdrawn';

export interface FactorApproval {
  id: number;
  userId: number;
  username: string;
  displayName: string;
  factor: string;
  label: string;
  /** What approval writes (the factor's own data; the recovery codes' hashes). */
  held: Record<string, unknown>;
  clientIp: string | null;
  requestedAt: number;
  status: ApprovalStatus;
  decidedAt: number | null;
  decidedBy: string | null;
}

const COLUMNS = `a.id, a.user_id, u.username, u.display_name, a.factor, a.label, a.held, a.client_ip,
  a.requested_at, a.status, a.decided_at, a.decided_by`;

function toApproval(row: Row): FactorApproval {
  let held: unknown;
  try {
    held = JSON.parse(str(row, 'held'));
  } catch {
    held = {};
  }
  const status = str(row, 'status');
  return {
    id: num(row, 'id'),
    userId: num(row, 'user_id'),
    username: str(row, 'username'),
    displayName: str(row, 'display_name'),
    factor: str(row, 'factor'),
    label: str(row, 'label'),
    held: held !== null && typeof held === 'object' ? (held as Record<string, unknown>) : {},
    clientIp: strOrNull(row, 'client_ip'),
    requestedAt: num(row, 'requested_at'),
    status: (['waiting', 'approved', 'rejected', 'withdrawn'].includes(status)
      ? status
      : 'rejected') as ApprovalStatus,
    decidedAt: row.decided_at === null ? null : num(row, 'decided_at'),
    decidedBy: strOrNull(row, 'decided_by'),
  };
}

/** The INSERT of a held first factor (for a batch; refused by the unique index when one waits). */
export function insertApprovalStatement(a: {
  userId: number;
  factor: string;
  label: string;
  held: object;
  clientIp: string | null;
  at: number;
}): Statement {
  return {
    sql: `INSERT INTO factor_approvals (user_id, factor, label, held, client_ip, requested_at)
          VALUES (?, ?, ?, ?, ?, ?)`,
    args: [a.userId, a.factor, a.label, JSON.stringify(a.held), a.clientIp, a.at],
  };
}

/** The requests waiting for a decision, oldest first. */
export async function listWaitingApprovals(db: Executor, limit = 200): Promise<FactorApproval[]> {
  const rs = await db.execute({
    sql: `SELECT ${COLUMNS} FROM factor_approvals a JOIN users u ON u.id = a.user_id
          WHERE a.status = 'waiting' ORDER BY a.requested_at, a.id LIMIT ?`,
    args: [limit],
  });
  return rs.rows.map(toApproval);
}

/** One request by id (any status). */
export async function findApproval(db: Executor, id: number): Promise<FactorApproval | null> {
  const rs = await db.execute({
    sql: `SELECT ${COLUMNS} FROM factor_approvals a JOIN users u ON u.id = a.user_id WHERE a.id = ?`,
    args: [id],
  });
  return rs.rows[0] ? toApproval(rs.rows[0]) : null;
}

/** The user's waiting request, or null. */
export async function waitingApprovalOf(
  db: Executor,
  userId: number,
): Promise<FactorApproval | null> {
  const rs = await db.execute({
    sql: `SELECT ${COLUMNS} FROM factor_approvals a JOIN users u ON u.id = a.user_id
          WHERE a.user_id = ? AND a.status = 'waiting'`,
    args: [userId],
  });
  return rs.rows[0] ? toApproval(rs.rows[0]) : null;
}

/**
 * The first statement of a decision's batch: when the request no longer waits (decided meanwhile,
 * by another administrator or instance), it writes a status the table's CHECK refuses, which aborts
 * the whole batch — so a request is decided, and its factor written, once.
 */
export function stillWaitingGuardStatement(id: number): Statement {
  return {
    sql: "UPDATE factor_approvals SET status = 'decided_already' WHERE id = ? AND status <> 'waiting'",
    args: [id],
  };
}

/** The UPDATE that decides a waiting request (for a batch, after `stillWaitingGuardStatement`). */
export function decideApprovalStatement(
  id: number,
  status: Exclude<ApprovalStatus, 'waiting'>,
  at: number,
  by: string,
): Statement {
  return {
    sql: `UPDATE factor_approvals SET status = ?, decided_at = ?, decided_by = ?
          WHERE id = ? AND status = 'waiting'`,
    args: [status, at, by, id],
  };
}

/** A user's waiting requests ended (their factors were reset, or a factor came another way). */
export function withdrawApprovalsStatement(userId: number, at: number, by: string): Statement {
  return {
    sql: `UPDATE factor_approvals SET status = 'withdrawn', decided_at = ?, decided_by = ?
          WHERE user_id = ? AND status = 'waiting'`,
    args: [at, by, userId],
  };
}
