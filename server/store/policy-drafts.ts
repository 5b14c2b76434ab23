/**
 * The policy drafts of report-only mode (issue 27 §3, migration 015): the one draft that may run
 * beside the live policy, the drafts that ended (applied, discarded, expired), and the tally of
 * what a running draft would have decided, per day and user. The draft itself is kept as the JSON
 * the admin sent (the preview's draft shape); server/domain/policy-draft.ts gives it meaning.
 * Every statement that starts or ends a draft goes into a batch with `bumpDraftsVersionStatement()`,
 * so every instance's compiled draft (server/domain/policy-draft-source.ts) notices.
 */
import type { Row, Statement } from '../db/database.js';
import type { Executor } from '../db/executor.js';
import { num, str, strOrNull } from './rows.js';

export type DraftEnd = 'applied' | 'discarded' | 'expired';

export interface DraftRecord {
  id: number;
  /** The draft as sent (JSON-parsed; the domain checks its shape). */
  draft: unknown;
  /** What the draft changes, in words, as described when it started. */
  changes: string[];
  /** How many days it runs. */
  days: number;
  startedAt: number;
  startedBy: string;
  /** When it ends by itself (milliseconds since the epoch). */
  endsAt: number;
  endedAt: number | null;
  endedHow: DraftEnd | null;
  endedBy: string | null;
}

const COLUMNS =
  'id, draft, changes, days, started_at, started_by, ends_at, ended_at, ended_how, ended_by';

function toDraft(row: Row): DraftRecord {
  const endedAt = strOrNull(row, 'ended_at');
  return {
    id: num(row, 'id'),
    draft: JSON.parse(str(row, 'draft')) as unknown,
    changes: JSON.parse(str(row, 'changes')) as string[],
    days: num(row, 'days'),
    startedAt: num(row, 'started_at'),
    startedBy: str(row, 'started_by'),
    endsAt: num(row, 'ends_at'),
    endedAt: endedAt === null ? null : Number(endedAt),
    endedHow: strOrNull(row, 'ended_how') as DraftEnd | null,
    endedBy: strOrNull(row, 'ended_by'),
  };
}

/** The draft not yet ended (it may be past its end, not yet marked expired), or null. */
export async function runningDraft(db: Executor): Promise<DraftRecord | null> {
  const rs = await db.execute(`SELECT ${COLUMNS} FROM policy_drafts WHERE ended_at IS NULL`);
  return rs.rows[0] ? toDraft(rs.rows[0]) : null;
}

export async function findDraft(db: Executor, id: number): Promise<DraftRecord | null> {
  const rs = await db.execute({
    sql: `SELECT ${COLUMNS} FROM policy_drafts WHERE id = ?`,
    args: [id],
  });
  return rs.rows[0] ? toDraft(rs.rows[0]) : null;
}

/** The most recent drafts, newest first. */
export async function recentDrafts(db: Executor, limit: number): Promise<DraftRecord[]> {
  const rs = await db.execute({
    sql: `SELECT ${COLUMNS} FROM policy_drafts ORDER BY id DESC LIMIT ?`,
    args: [limit],
  });
  return rs.rows.map(toDraft);
}

export interface NewDraft {
  draft: object;
  changes: string[];
  days: number;
  startedAt: number;
  startedBy: string;
  endsAt: number;
}

/**
 * Starts a draft. A second running draft fails the batch on the unique index
 * `policy_drafts_one_running` ("UNIQUE constraint failed: policy_drafts.slot" on both backends).
 */
export function insertDraftStatement(d: NewDraft): Statement {
  return {
    sql: `INSERT INTO policy_drafts (draft, changes, days, started_at, started_by, ends_at)
          VALUES (?, ?, ?, ?, ?, ?)`,
    args: [
      JSON.stringify(d.draft),
      JSON.stringify(d.changes),
      d.days,
      d.startedAt,
      d.startedBy,
      d.endsAt,
    ],
  };
}

/** Ends the draft `id` if it still runs; `rowsAffected` says whether this statement ended it. */
export function endDraftStatement(id: number, how: DraftEnd, at: number, by: string): Statement {
  return {
    sql: `UPDATE policy_drafts SET ended_at = ?, ended_how = ?, ended_by = ?
          WHERE id = ? AND ended_at IS NULL`,
    args: [at, how, by, id],
  };
}

/** Moves the drafts change counter; put it in the same batch as the start or end. */
export function bumpDraftsVersionStatement(): Statement {
  return "UPDATE change_counters SET value = value + 1 WHERE name = 'policy_drafts'";
}

/** The drafts change counter: cheap to read, moves whenever a draft starts or ends. */
export async function draftsVersion(db: Executor): Promise<number> {
  const rs = await db.execute("SELECT value FROM change_counters WHERE name = 'policy_drafts'");
  const row = rs.rows[0];
  return row ? num(row, 'value') : 0;
}

/** One decision's tally: each field 0 or 1. */
export interface DraftTally {
  liveSecond: number;
  draftSecond: number;
  needsMore: number;
  needsLess: number;
}

/** Adds one decision to the tally of its draft, day and user (one row per day and user). */
export function tallyStatement(
  draftId: number,
  day: number,
  user: { key: string; name: string },
  t: DraftTally,
): Statement {
  return {
    sql: `INSERT INTO policy_draft_days
            (draft_id, day, user_key, username, sign_ins, live_second, draft_second, needs_more, needs_less)
          VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?)
          ON CONFLICT (draft_id, day, user_key) DO UPDATE SET
            username = excluded.username,
            sign_ins = policy_draft_days.sign_ins + 1,
            live_second = policy_draft_days.live_second + excluded.live_second,
            draft_second = policy_draft_days.draft_second + excluded.draft_second,
            needs_more = policy_draft_days.needs_more + excluded.needs_more,
            needs_less = policy_draft_days.needs_less + excluded.needs_less`,
    args: [
      draftId,
      day,
      user.key,
      user.name,
      t.liveSecond,
      t.draftSecond,
      t.needsMore,
      t.needsLess,
    ],
  };
}

export interface DraftTotals {
  signIns: number;
  liveSecond: number;
  draftSecond: number;
  needsMore: number;
  needsLess: number;
}

export interface DraftDayTotals extends DraftTotals {
  /** Days since the epoch (UTC). */
  day: number;
}

export interface DraftUserTotals extends DraftTotals {
  username: string;
}

const SUMS = `SUM(sign_ins) AS sign_ins, SUM(live_second) AS live_second,
  SUM(draft_second) AS draft_second, SUM(needs_more) AS needs_more, SUM(needs_less) AS needs_less`;

const totalsOf = (row: Row): DraftTotals => ({
  signIns: num(row, 'sign_ins'),
  liveSecond: num(row, 'live_second'),
  draftSecond: num(row, 'draft_second'),
  needsMore: num(row, 'needs_more'),
  needsLess: num(row, 'needs_less'),
});

/** The draft's tally per day, oldest first (only days with decisions). */
export async function draftDays(db: Executor, draftId: number): Promise<DraftDayTotals[]> {
  const rs = await db.execute({
    sql: `SELECT day, ${SUMS} FROM policy_draft_days WHERE draft_id = ? GROUP BY day ORDER BY day`,
    args: [draftId],
  });
  return rs.rows.map((r) => ({ day: num(r, 'day'), ...totalsOf(r) }));
}

/**
 * The users the draft would have treated differently (needs more or less), most affected first,
 * at most `limit`; and how many there are in all.
 */
export async function draftUsers(
  db: Executor,
  draftId: number,
  limit: number,
): Promise<{ users: DraftUserTotals[]; total: number }> {
  const affected = `FROM policy_draft_days WHERE draft_id = ? GROUP BY user_key
    HAVING SUM(needs_more) > 0 OR SUM(needs_less) > 0`;
  const rs = await db.execute({
    sql: `SELECT MAX(username) AS username, ${SUMS} ${affected}
          ORDER BY SUM(needs_more) DESC, SUM(needs_less) DESC, MAX(username) LIMIT ?`,
    args: [draftId, limit],
  });
  const count = await db.execute({
    sql: `SELECT COUNT(*) AS n FROM (SELECT user_key ${affected}) AS affected`,
    args: [draftId],
  });
  return {
    users: rs.rows.map((r) => ({ username: str(r, 'username'), ...totalsOf(r) })),
    total: count.rows[0] ? num(count.rows[0], 'n') : 0,
  };
}

/**
 * For an Apply's batch, before its writes: aborts the batch (`CHECK constraint …
 * draft_not_running`, migration 022) when draft `id` has ended meanwhile.
 */
export function draftRunningAssertion(id: number): Statement {
  return {
    sql: `INSERT INTO rule_assertions (rule) SELECT 'draft_not_running'
          WHERE NOT EXISTS (SELECT 1 FROM policy_drafts WHERE id = ? AND ended_at IS NULL)`,
    args: [id],
  };
}
