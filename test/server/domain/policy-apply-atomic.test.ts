/**
 * Applying a report-only draft is one transaction (issue 27 §3): its settings, its zones (deleted,
 * changed, added), the draft's end and the audit entries are written together or not at all. A
 * failure injected in the middle — the database refusing the new zone's INSERT, a trigger made for
 * this test (the statements before it, the settings and a zone deleted, have run by then) — leaves
 * the live policy as it was: settings, zones, the draft still running, no audit entry of a change.
 * Before, settings and each zone were written in batches of their own, so the settings and the
 * deleted zone stayed changed. Once the fault is gone, the same Apply goes through whole. Real
 * libSQL, and PostgreSQL in the second pass (`npm run test:server:postgres`).
 */
import { afterEach, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Database } from '../../../server/db/database.js';
import { CLI_ACTOR } from '../../../server/domain/actor.js';
import { applyDraft, showDraft, startDraft } from '../../../server/domain/policy-draft.js';
import { ManualClock } from '../../../server/platform/clock.js';
import { getSettings } from '../../../server/store/settings.js';
import { listZones } from '../../../server/store/zones.js';
import { liveOfficeAndBranch, RESHAPING_DRAFT } from '../../support/draft-policy.js';
import { openTestDatabase, TEST_BACKEND } from '../../support/test-database.js';

const clock = new ManualClock(Date.UTC(2026, 11, 6, 12));
const clientAddress = { trustedProxies: [], header: 'x-forwarded-for' as const };
let db: Database;

/** The fault: the database refuses to add a zone named `Lab` (a trigger, in the Apply's batch). */
const FAULT =
  TEST_BACKEND === 'postgres'
    ? `CREATE FUNCTION refuse_lab() RETURNS trigger LANGUAGE plpgsql AS $f$
       BEGIN
         IF NEW.name = 'Lab' THEN RAISE EXCEPTION 'injected failure'; END IF;
         RETURN NEW;
       END $f$;
       CREATE TRIGGER refuse_lab BEFORE INSERT ON zones FOR EACH ROW EXECUTE FUNCTION refuse_lab();`
    : `CREATE TRIGGER refuse_lab BEFORE INSERT ON zones WHEN NEW.name = 'Lab'
       BEGIN SELECT RAISE(ABORT, 'injected failure'); END;`;
const NO_FAULT =
  TEST_BACKEND === 'postgres'
    ? 'DROP TRIGGER refuse_lab ON zones; DROP FUNCTION refuse_lab();'
    : 'DROP TRIGGER refuse_lab;';

beforeEach(async () => {
  db = await openTestDatabase();
  await liveOfficeAndBranch(db, clock);
});
afterEach(() => db.close());

const zones = async () =>
  (await listZones(db)).map((z) => `${z.name} ${z.ranges.join(',')} ${z.enabled}`);
const changes = async (since: number) =>
  (
    await db.execute({
      sql: 'SELECT action FROM audit_log WHERE id > ? ORDER BY id',
      args: [since],
    })
  ).rows.map((r) => String(r['action']));
const lastAuditId = async () =>
  Number((await db.execute('SELECT max(id) AS n FROM audit_log')).rows[0]!['n']);

test('a failure in the middle of Apply leaves the live policy unchanged; without it, all applies', async () => {
  // The draft: two-step on (settings, written first), Branch gone, Office wider, Lab new (last).
  const draft = await startDraft({ db, clock, clientAddress }, CLI_ACTOR, RESHAPING_DRAFT, 7);
  const settingsBefore = await getSettings(db);
  const zonesBefore = await zones();
  const since = await lastAuditId();

  await db.executeMultiple(FAULT);
  await assert.rejects(applyDraft({ db, clock, clientAddress }, CLI_ACTOR, draft.id), (err) => {
    assert.match(String(err), /injected failure/);
    return true;
  });
  assert.deepEqual(await getSettings(db), settingsBefore, 'the settings as they were');
  assert.deepEqual(await zones(), zonesBefore, 'the zones as they were');
  assert.equal((await showDraft(db, clock))?.status, 'running', 'the draft still runs');
  assert.deepEqual(await changes(since), [], 'no change audited');

  await db.executeMultiple(NO_FAULT);
  const applied = await applyDraft({ db, clock, clientAddress }, CLI_ACTOR, draft.id);
  assert.equal(applied.draft.status, 'applied');
  assert.equal((await getSettings(db)).twoStepActive, true);
  assert.deepEqual(await zones(), ['Office 10.1.0.0/16,10.3.0.0/16 true', 'Lab 10.9.0.0/16 true']);
  assert.deepEqual((await changes(since)).sort(), [
    'policy_draft.apply',
    'settings.update',
    'zone.create',
    'zone.delete',
    'zone.update',
  ]);
});
