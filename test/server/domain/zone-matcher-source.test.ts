/**
 * The zone matcher source: rebuilt when the zones version moves, checked at most every interval,
 * seen by a second client on the same database file, at once for this process's own changes, and
 * failing closed when the zones cannot be read.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../../server/platform/clock.js';
import { openDatabase } from '../../../server/db/open.js';
import { openTestDatabase } from '../../support/test-database.js';
import { CLI_ACTOR } from '../../../server/domain/actor.js';
import { createZoneMatcherSource } from '../../../server/domain/zone-matcher-source.js';
import { createZone, deleteZone, updateZone } from '../../../server/domain/zones-service.js';

test('a second client on the same file sees zone changes after the check interval', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'ipsz-zones-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const url = `file:${join(dir, 'app.db')}`;
  const a = await openDatabase({ url });
  const b = await openDatabase({ url });
  const clock = new ManualClock();
  const source = createZoneMatcherSource(b, clock, { checkIntervalMs: 500 });

  assert.equal((await source.get()).matcher.match('10.0.0.7').inside, false);
  const zone = await createZone(a, clock, CLI_ACTOR, { name: 'Office', ranges: ['10.0.0.0/24'] });
  // Within the interval the cached matcher is used (no database read) …
  clock.advance(499);
  assert.equal((await source.get()).matcher.match('10.0.0.7').inside, false);
  // … after it, the moved counter is noticed and the matcher rebuilt.
  clock.advance(1);
  const after = await source.get();
  assert.deepEqual(after.matcher.match('10.0.0.7'), {
    inside: true,
    zone: 'Office',
    address: '10.0.0.7',
  });
  assert.equal(after.failed, false);

  await updateZone(a, clock, CLI_ACTOR, zone.id, { enabled: false });
  clock.advance(500);
  assert.equal((await source.get()).matcher.match('10.0.0.7').inside, false);
  await updateZone(a, clock, CLI_ACTOR, zone.id, { enabled: true, ranges: ['192.168.0.0/16'] });
  clock.advance(500);
  assert.equal((await source.get()).matcher.match('192.168.3.4').zone, 'Office');
  await deleteZone(a, clock, CLI_ACTOR, zone.id);
  clock.advance(500);
  assert.equal((await source.get()).matcher.match('192.168.3.4').inside, false);
  a.close();
  b.close();
});

test("this process's own zone changes are seen by the next get(), before the interval", async () => {
  const db = await openTestDatabase();
  const clock = new ManualClock();
  const source = createZoneMatcherSource(db, clock, { checkIntervalMs: 60_000 });
  assert.equal((await source.get()).matcher.match('10.0.0.7').inside, false);
  const zone = await createZone(db, clock, CLI_ACTOR, { name: 'Office', ranges: ['10.0.0.0/24'] });
  assert.equal((await source.get()).matcher.match('10.0.0.7').zone, 'Office');
  await deleteZone(db, clock, CLI_ACTOR, zone.id);
  assert.equal((await source.get()).matcher.match('10.0.0.7').inside, false);
  db.close();
});

test('fails closed: zones that cannot be read give a matcher that matches nothing', async () => {
  const db = await openTestDatabase();
  const clock = new ManualClock();
  await createZone(db, clock, CLI_ACTOR, { name: 'Office', ranges: ['10.0.0.0/24'] });
  const source = createZoneMatcherSource(db, clock, { checkIntervalMs: 0 });
  assert.equal((await source.get()).matcher.match('10.0.0.1').inside, true);
  await db.execute(`UPDATE zones SET ranges = 'not json'`);
  await db.execute(`UPDATE change_counters SET value = value + 1`);
  const original = console.error;
  console.error = () => {};
  try {
    const state = await source.get();
    assert.equal(state.failed, true);
    assert.deepEqual(state.matcher.match('::ffff:10.0.0.1'), {
      inside: false,
      zone: null,
      address: '10.0.0.1',
    });
  } finally {
    console.error = original;
  }
  await db.execute(`UPDATE zones SET ranges = '["10.0.0.0/24"]'`);
  assert.equal((await source.get()).matcher.match('10.0.0.1').inside, true, 'recovers');
});
