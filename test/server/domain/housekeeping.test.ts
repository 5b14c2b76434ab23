/**
 * Housekeeping deletes expired login transactions, ended sessions and taken enrolment tokens a day
 * after they stopped mattering, stale rate-limit rows once their window passed (by then too) — and
 * nothing that still matters (a live session, a pending login, a running lock).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../../server/platform/clock.js';
import { openDatabase } from '../../../server/db/open.js';
import { openTestDatabase } from '../../support/test-database.js';
import { runHousekeeping, KEEP_AFTER_END_MS } from '../../../server/domain/housekeeping.js';
import { createSession, revokeSession } from '../../../server/store/sessions.js';
import { createTransaction } from '../../../server/store/login-transactions.js';
import { countAttempt } from '../../../server/store/rate-limits.js';
import { takeEnrolmentTokenStatement } from '../../../server/store/user-factors.js';
import { insertDraftStatement, runningDraft } from '../../../server/store/policy-drafts.js';
import { listAudit } from '../../../server/store/audit.js';

const count = async (db: Awaited<ReturnType<typeof openDatabase>>, table: string) =>
  Number((await db.execute(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);

test('what stopped mattering a day ago is deleted; what still matters stays', async () => {
  const db = await openTestDatabase();
  const clock = new ManualClock(1_000_000_000_000);
  await db.execute(
    "INSERT INTO users (id, username, username_key, password_hash, created_at, updated_at) VALUES (1, 'a', 'a', 'x', 0, 0)",
  );
  const lifetimes = { idleMs: 30 * 60_000, maxMs: 3_600_000 };
  const session = (userId: number) =>
    createSession(db, clock, lifetimes, {
      userId,
      factors: ['password'],
      clientIp: '10.0.0.1',
      zone: null,
    });
  const tx = (ttlMs: number) =>
    createTransaction(db, clock, {
      userId: 1,
      requirement: 'second-factor',
      factor: 'secsign',
      factorState: {},
      proven: [],
      identifier: 'a.sec',
      clientIp: '10.0.0.1',
      expiresAt: clock.now() + ttlMs,
    });
  const limit = { maxFailures: 5, windowMs: 60_000, lockMs: 60_000 };

  const ended = await session(1); // reaches its absolute end after an hour
  const revoked = await session(1);
  await revokeSession(db, clock, revoked.session.idHash);
  await tx(60_000);
  await countAttempt(db, clock, 'user:old', limit);
  await db.execute(takeEnrolmentTokenStatement('old-token', 1, clock.now() + 600_000));

  clock.advance(KEEP_AFTER_END_MS + 2 * 3_600_000);
  await session(1); // live
  await tx(120_000); // pending
  for (let i = 0; i < 5; i++) await countAttempt(db, clock, 'user:locked', limit); // locked now
  await db.execute(takeEnrolmentTokenStatement('new-token', 1, clock.now() + 600_000));
  assert.ok(ended.session.expiresAt < clock.now());

  const report = await runHousekeeping(db, clock);
  assert.deepEqual(report, {
    transactions: 1,
    sessions: 2,
    rateLimits: 1,
    enrolmentTokens: 1,
    drafts: 0,
  });
  assert.equal(await count(db, 'sessions'), 1);
  assert.equal(await count(db, 'login_transactions'), 1);
  assert.equal(await count(db, 'enrolment_tokens_used'), 1);
  const keys = (await db.execute('SELECT key FROM rate_limits')).rows.map((r) => r.key);
  assert.deepEqual(keys, ['user:locked']);
  db.close();
});

test('ends a report-only policy draft whose days are over, audited once', async () => {
  const db = await openTestDatabase();
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  await db.batch(
    [
      insertDraftStatement({
        draft: { policy: { twoStepActive: true }, clientIpHeader: 'x-forwarded-for' },
        changes: ['two-step on'],
        days: 1,
        startedAt: clock.now(),
        startedBy: 'alice',
        endsAt: clock.now() + 86_400_000,
      }),
    ],
    'write',
  );
  assert.equal((await runHousekeeping(db, clock)).drafts, 0, 'not yet');
  clock.advance(86_400_000);
  assert.equal((await runHousekeeping(db, clock)).drafts, 1);
  assert.equal((await runHousekeeping(db, clock)).drafts, 0, 'once');
  assert.equal(await runningDraft(db), null);
  const audit = await listAudit(db, { action: 'policy_draft.expire' });
  assert.equal(audit.entries.length, 1);
  assert.equal(audit.entries[0]!.actor, 'system');
  db.close();
});
