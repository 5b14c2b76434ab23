/**
 * The audit log store: append-only (the database refuses updates and deletes), filters and paging.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../../server/platform/clock.js';
import { openTestDatabase } from '../../support/test-database.js';
import { appendAudit, listAudit } from '../../../server/store/audit.js';
import * as audit from '../../../server/store/audit.js';

test('the application cannot update or delete audit entries', async () => {
  const db = await openTestDatabase();
  await appendAudit(db, new ManualClock(), { actor: null, action: 'login.zone' });
  await assert.rejects(db.execute(`UPDATE audit_log SET outcome = 'x'`), /append-only/);
  await assert.rejects(db.execute('DELETE FROM audit_log'), /append-only/);
  const exported = Object.keys(audit).filter((k) => /update|delete|remove|clear/i.test(k));
  assert.deepEqual(exported, []);
});

test('filters by user, address, outcome and time; pages newest first', async () => {
  const db = await openTestDatabase();
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const rows = [
    { username: 'alice', clientIp: '10.0.0.1', outcome: 'success' },
    { username: 'Bob', clientIp: '203.0.113.9', outcome: 'failure' },
    { username: 'alice', clientIp: '203.0.113.9', outcome: 'failure' },
  ];
  for (const r of rows) {
    clock.advance(60_000);
    await appendAudit(db, clock, { actor: null, action: 'login.password', zone: null, ...r });
  }
  const ids = (p: { entries: { username: string | null; at: number }[] }) =>
    p.entries.map((e) => `${e.username}@${(e.at - Date.UTC(2026, 0, 1)) / 60_000}`);
  assert.deepEqual(ids(await listAudit(db, {})), ['alice@3', 'Bob@2', 'alice@1']);
  assert.deepEqual(ids(await listAudit(db, { user: 'ALICE' })), ['alice@3', 'alice@1']);
  assert.deepEqual(ids(await listAudit(db, { address: '203.0.113.9' })), ['alice@3', 'Bob@2']);
  assert.deepEqual(ids(await listAudit(db, { outcome: 'failure', user: 'bob' })), ['Bob@2']);
  const t0 = Date.UTC(2026, 0, 1);
  assert.deepEqual(ids(await listAudit(db, { from: t0 + 120_000, to: t0 + 120_000 })), ['Bob@2']);
  const page = await listAudit(db, { offset: 1, limit: 1 });
  assert.deepEqual([ids(page), page.total], [['Bob@2'], 3]);
});
