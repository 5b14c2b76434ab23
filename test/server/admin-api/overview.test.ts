/**
 * `/api/admin/overview` and the audit log's `routine=hide` filter over real audit entries in libSQL:
 * sign-ins split inside/outside per bucket, failed attempts by outcome, second-factor failures, the
 * zones with most sign-ins, lock-outs in force now, the audit filters applied, bad input refused.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendAudit, type AuditEntryInput } from '../../../server/store/audit.js';
import { harness } from './harness.js';

const HOUR = 3_600_000;

async function seeded() {
  const h = await harness();
  const base = Date.UTC(2026, 10, 30, 8, 0, 0);
  const at = async (offsetMs: number, e: Partial<AuditEntryInput>) => {
    h.clock.set(base + offsetMs);
    await appendAudit(h.db, h.clock, { actor: null, action: 'login.success', ...e });
  };
  await at(0, { username: 'ann', zone: 'Office', outcome: 'signed_in', clientIp: '10.1.0.5' });
  await at(10 * 60_000, { username: 'ann', zone: 'Office', outcome: 'signed_in' });
  await at(20 * 60_000, { username: 'bob', zone: 'Lab', outcome: 'signed_in' });
  await at(HOUR, { username: 'bob', zone: null, outcome: 'signed_in' });
  await at(HOUR, { action: 'login.password', username: 'bob', outcome: 'invalid_credentials' });
  await at(HOUR, { action: 'login.password', username: 'bob', outcome: 'password_ok' });
  await at(HOUR, { action: 'login.secsign', username: 'bob', outcome: 'secsign_pending' });
  await at(HOUR, { action: 'login.failure', username: 'bob', outcome: 'secsign_denied' });
  await at(2 * HOUR, { action: 'login.zone', outcome: 'ok' });
  await at(2 * HOUR, { action: 'verify', outcome: 'allowed' });
  await h.db.execute({
    sql: 'INSERT INTO rate_limits (key, failures, window_start, locked_until) VALUES (?, 5, ?, ?), (?, 5, ?, ?)',
    args: ['user:carol', base, base + 10 * HOUR, 'user:old', base - 9 * HOUR, base - 8 * HOUR],
  });
  h.clock.set(base + 3 * HOUR);
  return { h, base };
}

test('the overview counts sign-ins inside and outside, failures, zones and lock-outs', async () => {
  const { h, base } = await seeded();
  // Up to the seeded entries: each admin API call with the bootstrap token is audited itself.
  const from = new Date(base - HOUR).toISOString();
  const to = new Date(base + 3 * HOUR - 1).toISOString();
  const r = await h.call('GET', `/overview?from=${from}&to=${to}`);
  assert.equal(r.status, 200);
  assert.equal(r.json.bucket, 'hour');
  assert.deepEqual(
    r.json.buckets.map((b: { start: number }) => (b.start - base) / HOUR),
    [0, 1, 2],
  );
  assert.deepEqual(r.json.buckets[0], { start: base, inside: 3, outside: 0, failed: 0 });
  assert.deepEqual(r.json.buckets[1], { start: base + HOUR, inside: 0, outside: 1, failed: 2 });
  assert.deepEqual(r.json.totals, { signIns: 4, inside: 3, outside: 1, failed: 2 });
  assert.deepEqual(r.json.zones, [
    { zone: 'Office', count: 2 },
    { zone: null, count: 1 },
    { zone: 'Lab', count: 1 },
  ]);
  assert.deepEqual(r.json.outcomes, [
    { outcome: 'invalid_credentials', count: 1 },
    { outcome: 'secsign_denied', count: 1 },
  ]);
  assert.deepEqual(r.json.secondFactor, [{ outcome: 'secsign_denied', count: 1 }]);
  assert.deepEqual(r.json.locked, [{ key: 'user:carol', until: base + 10 * HOUR }]);
});

test('the overview takes the audit log filters; a long span is counted by day', async () => {
  const { h, base } = await seeded();
  const ann = await h.call('GET', '/overview?user=ANN');
  assert.equal(ann.json.bucket, 'day');
  assert.deepEqual(ann.json.totals, { signIns: 2, inside: 2, outside: 0, failed: 0 });
  assert.equal(ann.json.buckets[0].start, Date.UTC(2026, 10, 30));
  const byAddress = await h.call('GET', '/overview?address=10.1.0.5');
  assert.equal(byAddress.json.totals.signIns, 1);
  const to = new Date(base + 30 * 60_000).toISOString();
  const early = await h.call('GET', `/overview?from=${new Date(base).toISOString()}&to=${to}`);
  assert.deepEqual(early.json.totals, { signIns: 3, inside: 3, outside: 0, failed: 0 });
});

test('the overview refuses a bad address and a span that ends before it starts', async () => {
  const { h } = await seeded();
  const bad = await h.call('GET', '/overview?address=not-an-ip');
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error.code, 'invalid_input');
  const backwards = await h.call(
    'GET',
    '/overview?from=2026-11-30T10:00:00Z&to=2026-11-30T09:00:00Z',
  );
  assert.equal(backwards.status, 400);
  assert.equal((await h.call('GET', '/overview', undefined, null)).status, 401);
});

test('the audit log hides the routine entries when asked to (routine=hide), CSV too', async () => {
  const { h } = await seeded();
  // (Each admin API call with the bootstrap token is audited itself: not counted here.)
  const seededOnly = (r: { json: { entries: { action: string }[] } }) =>
    r.json.entries.filter((e) => e.action !== 'admin.bootstrap_token').length;
  const all = await h.call('GET', '/audit');
  const quiet = await h.call('GET', '/audit?routine=hide');
  assert.equal(seededOnly(all), 10);
  assert.equal(seededOnly(quiet), 8);
  assert.ok(
    quiet.json.entries.every(
      (e: { action: string }) => !['login.zone', 'verify'].includes(e.action),
    ),
  );
  const csv = await h.call('GET', '/audit.csv?routine=hide');
  assert.equal(csv.status, 200);
  assert.doesNotMatch(String(csv.json), /login\.zone|verify/);
  assert.equal((await h.call('GET', '/audit?routine=maybe')).status, 400);
});
