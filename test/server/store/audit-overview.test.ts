/**
 * The admin overview's aggregates (`auditOverview`, server/store/audit-overview.ts) on this run's
 * backend — libSQL, and PostgreSQL on the second pass: the admin API's own overview test builds
 * its app on libSQL only, and on PostgreSQL the overview answered 500 (`sum(boolean)` does not
 * exist there), so the admin page's first section failed on every PostgreSQL installation.
 * Sign-ins inside and outside per bucket, failures by outcome, second-factor failures, zones,
 * lock-outs in force, for a span of hours and of days.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../../server/platform/clock.js';
import { appendAudit, type AuditEntryInput } from '../../../server/store/audit.js';
import { auditOverview } from '../../../server/store/audit-overview.js';
import { openTestDatabase } from '../../support/test-database.js';

const HOUR = 3_600_000;

test('the overview counts sign-ins, failures, zones and lock-outs on this backend', async () => {
  const db = await openTestDatabase();
  const clock = new ManualClock();
  const base = Date.UTC(2026, 10, 30, 8, 0, 0);
  const at = async (offsetMs: number, e: Partial<AuditEntryInput>) => {
    clock.set(base + offsetMs);
    await appendAudit(db, clock, { actor: null, action: 'login.success', ...e });
  };
  await at(0, { username: 'ann', zone: 'Office', outcome: 'signed_in' });
  await at(10 * 60_000, { username: 'ann', zone: 'Office', outcome: 'signed_in' });
  await at(20 * 60_000, { username: 'bob', zone: 'Lab', outcome: 'signed_in' });
  await at(HOUR, { username: 'bob', zone: null, outcome: 'signed_in' });
  await at(HOUR, { action: 'login.password', username: 'bob', outcome: 'invalid_credentials' });
  await at(HOUR, { action: 'login.password', username: 'bob', outcome: 'password_ok' });
  await at(HOUR, { action: 'login.failure', username: 'bob', outcome: 'secsign_denied' });
  await at(2 * HOUR, { action: 'verify', outcome: 'allowed' });
  await db.execute({
    sql: 'INSERT INTO rate_limits (key, failures, window_start, locked_until) VALUES (?, 5, ?, ?)',
    args: ['user:carol', base, base + 10 * HOUR],
  });

  const now = base + 3 * HOUR;
  const hours = await auditOverview(db, { from: base - HOUR, to: now - 1 }, now);
  assert.equal(hours.bucket, 'hour');
  assert.deepEqual(hours.buckets, [
    { start: base, inside: 3, outside: 0, failed: 0 },
    { start: base + HOUR, inside: 0, outside: 1, failed: 2 },
    { start: base + 2 * HOUR, inside: 0, outside: 0, failed: 0 },
  ]);
  assert.deepEqual(hours.totals, { signIns: 4, inside: 3, outside: 1, failed: 2 });
  assert.deepEqual(hours.zones, [
    { zone: 'Office', count: 2 },
    { zone: null, count: 1 },
    { zone: 'Lab', count: 1 },
  ]);
  assert.deepEqual(hours.outcomes, [
    { outcome: 'invalid_credentials', count: 1 },
    { outcome: 'secsign_denied', count: 1 },
  ]);
  assert.deepEqual(hours.secondFactor, [{ outcome: 'secsign_denied', count: 1 }]);
  assert.deepEqual(hours.locked, [{ key: 'user:carol', until: base + 10 * HOUR }]);

  const days = await auditOverview(db, { user: 'ann' }, now);
  assert.equal(days.bucket, 'day');
  assert.deepEqual(days.buckets, [
    { start: Date.UTC(2026, 10, 30), inside: 2, outside: 0, failed: 0 },
  ]);
  db.close();
});
