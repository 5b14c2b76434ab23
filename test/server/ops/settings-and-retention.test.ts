/**
 * The settings held in memory follow a change made through another connection (the CLI, another
 * instance) at the next request, because a trigger moves their counter; and the audit log's
 * retention: the purge deletes only entries older than the cut-off, audits itself with the count,
 * and the log otherwise stays append-only (a plain DELETE or UPDATE is still refused).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../../server/clock.js';
import { openDatabase } from '../../../server/db/open.js';
import { CLI_ACTOR } from '../../../server/domain/actor.js';
import { createSettingsSource } from '../../../server/domain/settings-source.js';
import { updateSettings } from '../../../server/domain/settings-service.js';
import { appendAudit, listAudit } from '../../../server/store/audit.js';
import { purgeAuditBefore } from '../../../server/ops/retention.js';

test('settings changed through another connection are seen at the next get()', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ipsz-settings-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const url = `file:${join(dir, 'a.db')}`;
  const a = await openDatabase({ url });
  const b = await openDatabase({ url });
  t.after(() => {
    a.close();
    b.close();
  });
  const source = createSettingsSource(a);
  assert.equal((await source.get()).settings.twoStepActive, false);
  await updateSettings(b, new ManualClock(), CLI_ACTOR, { twoStepActive: true });
  const after = await source.get();
  assert.equal(after.settings.twoStepActive, true);
  assert.equal(after.stale, false);
});

test('the retention purge deletes only old entries, audits itself; the log stays append-only', async () => {
  const db = await openDatabase({ url: ':memory:' });
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  await appendAudit(db, clock, { actor: 'cli', action: 'old.one', outcome: 'x' });
  clock.advance(86_400_000);
  await appendAudit(db, clock, { actor: 'cli', action: 'old.two', outcome: 'x' });
  clock.advance(10 * 86_400_000);
  await appendAudit(db, clock, { actor: 'cli', action: 'recent', outcome: 'x' });

  await assert.rejects(db.execute('DELETE FROM audit_log'), /append-only/);
  await assert.rejects(db.execute("UPDATE audit_log SET outcome = 'y'"), /append-only/);

  const cutOff = clock.now() - 5 * 86_400_000;
  assert.equal(await purgeAuditBefore(db, clock, cutOff, 'retention'), 2);
  const { entries } = await listAudit(db);
  assert.deepEqual(
    entries.map((e) => e.action),
    ['audit.purge', 'recent'],
  );
  assert.deepEqual(entries[0]!.details, { before: new Date(cutOff).toISOString(), deleted: 2 });
  assert.equal(entries[0]!.actor, 'retention');
  const permits = await db.execute('SELECT count(*) FROM audit_purge_permit');
  assert.equal(Number(permits.rows[0]![0]), 0, 'no permit is left behind');
  await assert.rejects(db.execute('DELETE FROM audit_log'), /append-only/);
  db.close();
});
