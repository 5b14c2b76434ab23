/**
 * The aggregated audit (server/domain/aggregated-audit.ts) on a real database: one row when a
 * window opens, the count on the key's next row or on its own row when flushed, the sum of the
 * counts equal to the occurrences; one address spraying user names folded into one window after
 * 20 names; windows evicted when memory is full keep their counts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../../server/platform/clock.js';
import { openDatabase } from '../../../server/db/open.js';
import { openTestDatabase } from '../../support/test-database.js';
import {
  AGGREGATE_WINDOW_MS,
  NAMES_PER_ADDRESS,
  PREFIXES_PER_SITE,
  createAggregatedAudit,
} from '../../../server/domain/aggregated-audit.js';
import { createAuditWindows } from '../../../server/domain/audit-windows.js';
import { outsideDecision } from '../../support/zone-decisions.js';

async function rows(db: Awaited<ReturnType<typeof openDatabase>>) {
  const rs = await db.execute('SELECT username, client_ip, details FROM audit_log ORDER BY id');
  return rs.rows.map((r) => ({
    username: r.username as string | null,
    ip: r.client_ip as string,
    details: JSON.parse(String(r.details)) as { count?: number; manyNames?: boolean },
  }));
}
const total = (list: Awaited<ReturnType<typeof rows>>) =>
  list.reduce((n, r) => n + (r.details.count ?? 1), 0);

test('one row a window; the count carried on the next row or written when flushed', async () => {
  const db = await openTestDatabase();
  const clock = new ManualClock(1_000_000_000_000);
  const audit = createAggregatedAudit(db, clock);
  const refuse = () =>
    audit.record(outsideDecision('203.0.113.9'), {
      action: 'login.password',
      actor: 'bob',
      username: 'bob',
      outcome: 'locked',
    });
  for (let i = 0; i < 500; i++) await refuse();
  assert.equal((await rows(db)).length, 1, 'the window opened: one row');
  clock.advance(AGGREGATE_WINDOW_MS);
  await refuse(); // the next window's first row carries the 499 counted before
  let all = await rows(db);
  assert.equal(all.length, 2);
  assert.equal(all[1]!.details.count, 500);
  for (let i = 0; i < 9; i++) await refuse();
  assert.equal(await audit.flush(), 0, 'the window has not ended: nothing to write');
  clock.advance(AGGREGATE_WINDOW_MS);
  assert.equal(await audit.flush(), 1);
  all = await rows(db);
  assert.equal(all.length, 3);
  assert.equal(all[2]!.details.count, 9);
  assert.equal(total(all), 510, 'every occurrence is in some row’s count');
  db.close();
});

test('one address spraying names: 20 named windows, the rest folded into one', async () => {
  const db = await openTestDatabase();
  const clock = new ManualClock(1_000_000_000_000);
  const audit = createAggregatedAudit(db, clock);
  for (let round = 0; round < 3; round++) {
    for (let i = 0; i < 200; i++) {
      const name = `user${i}`;
      await audit.record(outsideDecision('198.51.100.1'), {
        action: 'login.password',
        actor: name,
        username: name,
        outcome: 'locked',
      });
    }
  }
  // Another address is not crowded out by the first.
  await audit.record(outsideDecision('198.51.100.2'), {
    action: 'login.password',
    actor: 'user7',
    username: 'user7',
    outcome: 'locked',
  });
  let all = await rows(db);
  assert.equal(all.length, NAMES_PER_ADDRESS + 2);
  assert.equal(all.filter((r) => r.details.manyNames && r.username === null).length, 1);
  clock.advance(AGGREGATE_WINDOW_MS);
  await audit.flush();
  all = await rows(db);
  assert.ok(all.length <= 2 * (NAMES_PER_ADDRESS + 1) + 1, `${all.length} rows`);
  assert.equal(total(all), 601);
  db.close();
});

test('windows evicted when memory is full hand their counts on', () => {
  const clock = new ManualClock(0);
  const evicted: number[] = [];
  const windows = createAuditWindows<string>(clock, {
    everyMs: 1_000,
    maxKeys: 2,
    onEvicted: (ended) => evicted.push(...ended.map((w) => w.repeats.count)),
  });
  assert.equal(windows.hit('a', 'a').kind, 'open');
  assert.equal(windows.hit('a', 'a').kind, 'repeat');
  assert.equal(windows.hit('b', 'b').kind, 'open');
  assert.equal(windows.hit('c', 'c').kind, 'open', 'memory full: the others are handed on');
  assert.deepEqual(evicted, [1]);
  assert.equal(windows.due('a'), true);
  assert.equal(windows.due('c'), false);
});

test('memory full of open windows: new addresses fold into one window, not a row each', async () => {
  const db = await openTestDatabase();
  const clock = new ManualClock(1_000_000_000_000);
  const maxWindows = 50;
  const audit = createAggregatedAudit(db, clock, { maxWindows });
  // 60 addresses, each refused in five rounds within one window: 300 decisions.
  for (let round = 0; round < 5; round++) {
    for (let i = 0; i < 60; i++) {
      await audit.record(outsideDecision(`192.0.2.${i + 1}`), {
        action: 'verify',
        actor: null,
        username: null,
        outcome: 'not_signed_in',
      });
    }
  }
  let all = await rows(db);
  assert.ok(all.length <= maxWindows + 1, `${all.length} rows for 300 decisions`);
  const wide = all.filter((r) => (r.details as { manyClients?: boolean }).manyClients);
  assert.equal(wide.length, 1, 'the addresses that found memory full share one window');
  clock.advance(AGGREGATE_WINDOW_MS);
  await audit.flush();
  all = await rows(db);
  assert.ok(all.length <= 2 * (maxWindows + 1), `${all.length} rows after the flush`);
  assert.equal(total(all), 300, 'every decision is in some row’s count');
  db.close();
});

test('an IPv6 /64 is one address group: its names fold after 20, its rows name the /64', async () => {
  const db = await openTestDatabase();
  const clock = new ManualClock(1_000_000_000_000);
  const audit = createAggregatedAudit(db, clock);
  for (let i = 0; i < 200; i++) {
    const name = `user${i % 40}`;
    await audit.record(outsideDecision(`2001:db8:5:6:${i.toString(16)}::1`), {
      action: 'login.password',
      actor: name,
      username: name,
      outcome: 'locked',
    });
  }
  clock.advance(AGGREGATE_WINDOW_MS);
  await audit.flush();
  const all = await rows(db);
  assert.ok(all.length <= 2 * (NAMES_PER_ADDRESS + 1), `${all.length} rows`);
  assert.equal(total(all), 200);
  for (const r of all) {
    assert.equal((r.details as { prefix?: string }).prefix, '2001:db8:5:6::/64');
    assert.match(r.ip, /^2001:db8:5:6:/);
  }
  db.close();
});

test('an IPv6 /48 sending from a new /64 each time: a bounded number of rows, named by the /48', async () => {
  const db = await openTestDatabase();
  const clock = new ManualClock(1_000_000_000_000);
  const audit = createAggregatedAudit(db, clock);
  const FLOOD = 2_000;
  for (let i = 0; i < FLOOD; i++) {
    await audit.record(outsideDecision(`2001:db8:7:${i.toString(16)}::1`), {
      action: 'verify',
      actor: null,
      username: null,
      outcome: 'not_signed_in',
    });
  }
  let all = await rows(db);
  assert.ok(all.length <= PREFIXES_PER_SITE + 1, `${all.length} rows for ${FLOOD} /64s`);
  clock.advance(AGGREGATE_WINDOW_MS);
  await audit.flush();
  all = await rows(db);
  assert.ok(all.length <= 2 * (PREFIXES_PER_SITE + 1), `${all.length} rows after the flush`);
  assert.equal(total(all), FLOOD, 'every decision is in some row’s count');
  const site = all.filter((r) => (r.details as { prefix?: string }).prefix === '2001:db8:7::/48');
  assert.ok(site.length >= 1, 'the /64s beyond the first few are counted under their /48');
  db.close();
});
