/**
 * The settings held in memory follow a change made through another connection (the CLI, another
 * instance) at the next request, because a trigger moves their counter; and the audit log's
 * retention: the purge deletes only entries older than the cut-off, audits itself with the count,
 * and the log otherwise stays append-only (a plain DELETE or UPDATE is still refused); and the
 * compiled zones survive a database fault.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../../server/platform/clock.js';
import { openDatabase } from '../../../server/db/open.js';
import { openTestDatabase } from '../../support/test-database.js';
import { CLI_ACTOR } from '../../../server/domain/actor.js';
import { createSettingsSource } from '../../../server/domain/settings-source.js';
import { updateSettings } from '../../../server/domain/settings-service.js';
import { appendAudit, listAudit } from '../../../server/store/audit.js';
import { purgeAuditBefore } from '../../../server/ops/retention.js';
import { createZone } from '../../../server/domain/zones-service.js';
import { createZoneMatcherSource } from '../../../server/domain/zone-matcher-source.js';

test('settings changed through another connection are seen within a second, own changes at once', async (t) => {
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
  await sleep(600); // the counter is read at most every 500 ms
  const after = await source.get();
  assert.equal(after.settings.twoStepActive, true);
  assert.equal(after.stale, false);
  // A change through the source's own client is seen by the very next get().
  await updateSettings(a, new ManualClock(), CLI_ACTOR, { twoStepActive: false });
  assert.equal((await source.get()).settings.twoStepActive, false);
});

test('the retention purge deletes only old entries, audits itself; the log stays append-only', async () => {
  const db = await openTestDatabase();
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

test('the zones compiled last are kept while the database is unavailable (deleted file)', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ipsz-zones-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'a.db');
  const db = await openDatabase({ url: `file:${path}` });
  t.after(() => db.close());
  const clock = new ManualClock();
  await createZone(db, clock, CLI_ACTOR, { name: 'Office', ranges: ['10.0.0.0/24'] });
  const source = createZoneMatcherSource(db, clock, { checkIntervalMs: 0 });
  assert.equal((await source.get()).matcher.match('10.0.0.1').inside, true);
  for (const s of ['', '-wal', '-shm']) rmSync(path + s, { force: true });
  await new Promise((r) => setTimeout(r, 250)); // the guard looks at the file every 200 ms
  await assert.rejects(db.execute('SELECT 1'), /DATABASE_REPLACED/, 'the database is refused');
  const state = await source.get();
  assert.equal(state.failed, false);
  assert.equal(state.matcher.match('10.0.0.1').inside, true);
});
