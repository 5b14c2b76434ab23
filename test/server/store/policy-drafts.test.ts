/**
 * The policy drafts store (migration 015): the database itself allows one running draft only, a
 * draft is ended once, the tally is one row per draft, day and user whose counts add up, and the
 * overview's sums per day and per affected user. Runs on libSQL and, in the PostgreSQL pass, on
 * PostgreSQL (test/server/store is in its list).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabase } from '../../support/test-database.js';
import {
  bumpDraftsVersionStatement,
  draftDays,
  draftsVersion,
  draftUsers,
  endDraftStatement,
  findDraft,
  insertDraftStatement,
  recentDrafts,
  runningDraft,
  tallyStatement,
} from '../../../server/store/policy-drafts.js';

const draft = (startedAt: number) => ({
  draft: { policy: { twoStepActive: true }, clientIpHeader: 'x-forwarded-for' },
  changes: ['two-step on'],
  days: 7,
  startedAt,
  startedBy: 'alice',
  endsAt: startedAt + 7 * 86_400_000,
});

test('one running draft at a time; a draft ends once', async (t) => {
  const db = await openTestDatabase();
  t.after(() => db.close());
  const v0 = await draftsVersion(db);
  await db.batch([insertDraftStatement(draft(1000)), bumpDraftsVersionStatement()], 'write');
  assert.equal(await draftsVersion(db), v0 + 1);
  const first = await runningDraft(db);
  assert.ok(first);
  assert.deepEqual(first.draft, draft(1000).draft);
  assert.deepEqual(first.changes, ['two-step on']);
  assert.equal(first.endsAt, 1000 + 7 * 86_400_000);
  assert.equal(first.endedAt, null);

  await assert.rejects(
    db.batch([insertDraftStatement(draft(2000))], 'write'),
    /UNIQUE constraint failed: policy_drafts\.slot/,
  );

  const [ended] = await db.batch([endDraftStatement(first.id, 'discarded', 3000, 'bob')], 'write');
  assert.equal(ended!.rowsAffected, 1);
  const [again] = await db.batch([endDraftStatement(first.id, 'applied', 4000, 'bob')], 'write');
  assert.equal(again!.rowsAffected, 0, 'an ended draft is not ended again');
  const record = await findDraft(db, first.id);
  assert.equal(record?.endedHow, 'discarded');
  assert.equal(record?.endedAt, 3000);
  assert.equal(record?.endedBy, 'bob');
  assert.equal(await runningDraft(db), null);

  await db.batch([insertDraftStatement(draft(5000))], 'write');
  const recent = await recentDrafts(db, 5);
  assert.deepEqual(
    recent.map((d) => d.endedHow),
    [null, 'discarded'],
  );
});

test('the tally: a row per day and user, counts added; sums per day and per affected user', async (t) => {
  const db = await openTestDatabase();
  t.after(() => db.close());
  await db.batch([insertDraftStatement(draft(0))], 'write');
  const id = (await runningDraft(db))!.id;
  const more = { liveSecond: 0, draftSecond: 1, needsMore: 1, needsLess: 0 };
  const same = { liveSecond: 1, draftSecond: 1, needsMore: 0, needsLess: 0 };
  const less = { liveSecond: 1, draftSecond: 0, needsMore: 0, needsLess: 1 };
  const carol = { key: 'carol', name: 'Carol' };
  for (let i = 0; i < 3; i++) await db.execute(tallyStatement(id, 20000, carol, more));
  await db.execute(tallyStatement(id, 20001, carol, more));
  await db.execute(tallyStatement(id, 20000, { key: 'bob', name: 'bob' }, less));
  await db.execute(tallyStatement(id, 20001, { key: 'dan', name: 'dan' }, same));

  const rows = await db.execute('SELECT COUNT(*) AS n FROM policy_draft_days');
  assert.equal(Number(rows.rows[0]!['n']), 4, 'one row per day and user');

  assert.deepEqual(await draftDays(db, id), [
    { day: 20000, signIns: 4, liveSecond: 1, draftSecond: 3, needsMore: 3, needsLess: 1 },
    { day: 20001, signIns: 2, liveSecond: 1, draftSecond: 2, needsMore: 1, needsLess: 0 },
  ]);
  const users = await draftUsers(db, id, 10);
  assert.equal(users.total, 2, 'dan was treated the same: not affected');
  assert.deepEqual(
    users.users.map((u) => [u.username, u.signIns, u.needsMore, u.needsLess]),
    [
      ['Carol', 4, 4, 0],
      ['bob', 1, 0, 1],
    ],
  );
  const first = await draftUsers(db, id, 1);
  assert.equal(first.users.length, 1);
  assert.equal(first.total, 2);
});
