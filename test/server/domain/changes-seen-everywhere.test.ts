/**
 * Settings, the enrolment campaign and zones changed on one instance are seen by another (issue 26
 * §2; the campaign is held with the settings, issue 25 §2): two database
 * handles to one database, each with the in-memory sources the doors read. On PostgreSQL the
 * second instance's once-a-second check is set to an hour here, so only the database's
 * notification (LISTEN/NOTIFY, migration 018, server/db/postgres/change-listener.ts) can make it
 * see the change — also after its listening connection was cut. libSQL has no notifications; there
 * the same test holds through the check (a short interval), the fallback on both.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Database } from '../../../server/db/database.js';
import { CLI_ACTOR } from '../../../server/domain/actor.js';
import { updateSettings } from '../../../server/domain/settings-service.js';
import { updateCampaign } from '../../../server/domain/enrolment-campaign.js';
import { createSettingsSource } from '../../../server/domain/settings-source.js';
import { createZoneMatcherSource } from '../../../server/domain/zone-matcher-source.js';
import { createZone } from '../../../server/domain/zones-service.js';
import { ManualClock } from '../../../server/platform/clock.js';
import { TEST_BACKEND } from '../../support/test-database.js';
import { twoInstances } from '../../support/two-instances.js';
import { eventually } from '../../support/eventually.js';

const notified = TEST_BACKEND === 'postgres';
/** The second instance's check interval: an hour where only a notification can tell it. */
const CHECK_MS = notified ? 3_600_000 : 50;

/** Cuts the second instance's listening connection (PostgreSQL), as a failover would. */
async function cutListener(db: Database): Promise<void> {
  const rs = await db.execute(
    `SELECT pg_terminate_backend(pid) AS cut FROM pg_stat_activity
      WHERE datname = current_database() AND query ILIKE 'LISTEN%'`,
  );
  assert.ok(rs.rows.length >= 1, 'a connection listens');
}

test('a settings change on one instance is seen by the other', async (t) => {
  const { a, b } = await twoInstances(t);
  const clock = new ManualClock();
  const settingsOfB = createSettingsSource(b, { checkIntervalMs: CHECK_MS });
  assert.equal((await settingsOfB.get()).settings.twoStepActive, false);
  if (notified) await sleep(200); // its connection listens once the first read was made

  await updateSettings(a, clock, CLI_ACTOR, { twoStepActive: true });
  assert.ok(
    await eventually(async () => (await settingsOfB.get()).settings.twoStepActive),
    'the second instance sees two-step switched on',
  );

  // Its listening connection cut: a change made meanwhile is not lost.
  if (notified) await cutListener(a);
  await updateSettings(a, clock, CLI_ACTOR, { twoStepActive: false });
  assert.ok(
    await eventually(async () => !(await settingsOfB.get()).settings.twoStepActive),
    'and switched off again after its listening connection was cut',
  );
});

test('an enrolment campaign started on one instance is seen by the other', async (t) => {
  const { a, b } = await twoInstances(t);
  const clock = new ManualClock();
  const settingsOfB = createSettingsSource(b, { checkIntervalMs: CHECK_MS });
  assert.equal((await settingsOfB.get()).campaign.withinDays, null);
  if (notified) await sleep(200);

  await updateCampaign(a, clock, CLI_ACTOR, { withinDays: 30 });
  assert.ok(
    await eventually(async () => (await settingsOfB.get()).campaign.withinDays === 30),
    'the second instance holds the running campaign',
  );
  await updateCampaign(a, clock, CLI_ACTOR, { withinDays: null });
  assert.ok(
    await eventually(async () => (await settingsOfB.get()).campaign.withinDays === null),
    'and sees it switched off',
  );
});

test('a zone added on one instance counts on the other', async (t) => {
  const { a, b } = await twoInstances(t);
  const clock = new ManualClock();
  const zonesOfB = createZoneMatcherSource(b, clock, { checkIntervalMs: CHECK_MS });
  assert.equal((await zonesOfB.get()).matcher.match('10.7.1.1').inside, false);
  if (notified) await sleep(200);

  await createZone(a, clock, CLI_ACTOR, { name: 'Lab', ranges: ['10.7.0.0/16'] });
  // (On libSQL the check is due when the app's clock has moved on; on PostgreSQL it never is.)
  if (!notified) clock.advance(CHECK_MS);
  assert.ok(
    await eventually(async () => (await zonesOfB.get()).matcher.match('10.7.1.1').inside),
    'the second instance counts 10.7.1.1 inside the new zone',
  );
});
