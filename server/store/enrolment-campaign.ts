/**
 * The enrolment campaign's row (migration 016): "every user has a second factor that counts outside
 * within N days", when it started, and whether a first factor from a password session inside waits
 * for an administrator's approval — plus the SQL on `sessions.enrol_by`, the time from which a
 * session of a user without such a factor is limited to enrolling one. SQL in, plain objects out;
 * the rule is in server/domain/enrolment-campaign.ts.
 */
import type { Statement } from '../db/database.js';
import type { Executor } from '../db/executor.js';
import { bool, num, str, strOrNull } from './rows.js';
import { bySql } from '../db/dialect.js';

export interface EnrolmentCampaign {
  /** Days each user has to enrol a factor that counts outside; null: the campaign is off. */
  withinDays: number | null;
  /** When the campaign was switched on (epoch ms); null while it is off. */
  startedAt: number | null;
  /** Whether a first factor enrolled with the password inside waits for an administrator. */
  firstFactorApproval: boolean;
  updatedAt: number | null;
  updatedBy: string | null;
}

export async function getEnrolmentCampaign(db: Executor): Promise<EnrolmentCampaign> {
  const rs = await db.execute(
    `SELECT within_days, started_at, first_factor_approval, updated_at, updated_by
     FROM enrolment_campaign WHERE id = 1`,
  );
  const row = rs.rows[0];
  if (!row)
    throw new Error('The enrolment campaign row is missing; the database was not migrated.');
  const orNull = (col: string) =>
    row[col] === null || row[col] === undefined ? null : num(row, col);
  return {
    withinDays: orNull('within_days'),
    startedAt: orNull('started_at'),
    firstFactorApproval: bool(row, 'first_factor_approval'),
    updatedAt: orNull('updated_at'),
    updatedBy: strOrNull(row, 'updated_by'),
  };
}

/** The UPDATE that writes the campaign row (for a batch with its audit). */
export function updateEnrolmentCampaignStatement(
  c: Pick<EnrolmentCampaign, 'withinDays' | 'startedAt' | 'firstFactorApproval'>,
  at: number,
  by: string,
): Statement {
  return {
    sql: `UPDATE enrolment_campaign SET within_days = ?, started_at = ?, first_factor_approval = ?,
          updated_at = ?, updated_by = ? WHERE id = 1`,
    args: [c.withinDays, c.startedAt, c.firstFactorApproval ? 1 : 0, at, by],
  };
}

/** Frees a user's sessions from the enrolment limit (a factor that counts is theirs now). */
export function clearEnrolByStatement(userId: number): Statement {
  return {
    sql: 'UPDATE sessions SET enrol_by = NULL WHERE user_id = ? AND enrol_by IS NOT NULL',
    args: [userId],
  };
}

/** Frees every session from the enrolment limit (the campaign was switched off). */
export function clearAllEnrolByStatement(): Statement {
  return { sql: 'UPDATE sessions SET enrol_by = NULL WHERE enrol_by IS NOT NULL', args: [] };
}

/** Moves the limit of a user's live limited sessions to `enrolBy` (the campaign's days changed). */
export function moveEnrolByStatement(userId: number, enrolBy: number): Statement {
  return {
    sql: 'UPDATE sessions SET enrol_by = ? WHERE user_id = ? AND enrol_by IS NOT NULL AND revoked_at IS NULL',
    args: [enrolBy, userId],
  };
}

/** The users (id and creation time) with a live session that the campaign limits or will limit. */
export async function usersWithEnrolBy(db: Executor): Promise<{ id: number; createdAt: number }[]> {
  const rs = await db.execute(
    `SELECT DISTINCT u.id, u.created_at FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.enrol_by IS NOT NULL AND s.revoked_at IS NULL`,
  );
  return rs.rows.map((r) => ({ id: num(r, 'id'), createdAt: num(r, 'created_at') }));
}

/** What decides, per enabled user, whether they hold a factor that counts outside. */
export interface CampaignCandidate {
  id: number;
  username: string;
  displayName: string;
  createdAt: number;
  secSignId: string | null;
  hasPassword: boolean;
  /** Enrolled factor kinds (`totp`, `passkey`). */
  kinds: readonly string[];
}

/** Every enabled user with what decides whether they hold a factor that counts outside. */
export async function campaignCandidates(db: Executor): Promise<CampaignCandidate[]> {
  const kindsAggregate = bySql(db, {
    sqlite: 'group_concat(DISTINCT f.factor)',
    postgres: "string_agg(DISTINCT f.factor, ',')",
  });
  const rs = await db.execute(
    `SELECT u.id, u.username, u.display_name, u.created_at, u.secsign_id,
            CASE WHEN u.password_hash IS NOT NULL OR u.directory <> 'local' THEN 1 ELSE 0 END AS has_password,
            (SELECT ${kindsAggregate} FROM user_factors f WHERE f.user_id = u.id) AS kinds
     FROM users u WHERE u.disabled = 0 ORDER BY u.created_at, u.id`,
  );
  return rs.rows.map((r) => ({
    id: num(r, 'id'),
    username: str(r, 'username'),
    displayName: str(r, 'display_name'),
    createdAt: num(r, 'created_at'),
    secSignId: strOrNull(r, 'secsign_id'),
    hasPassword: num(r, 'has_password') === 1,
    kinds: typeof r.kinds === 'string' && r.kinds !== '' ? r.kinds.split(',') : [],
  }));
}
