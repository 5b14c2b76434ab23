/**
 * The admin API's resources: zones (validation pointing at the bad range, explain follows changes at
 * once), users (search and paging, passwords), audit (filters), bad input (400/404/422 in the one
 * error shape, never a 500, nothing changed), and a restart on the same file keeping everything.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findUserByUsername } from '../../../server/store/users.js';
import { verifyPassword } from '../../../server/platform/crypto/passwords.js';
import { harness } from './harness.js';

const PW = 'long enough password';

test('zones: a bad range is refused with its index; explain follows changes at once', async () => {
  const h = await harness();
  const bad = await h.call('POST', '/zones', {
    name: 'Office',
    ranges: ['10.0.0.0/24', '012.0.0.1', '10.0.0.9 – 10.0.0.1'],
  });
  assert.equal(bad.status, 422);
  assert.equal(bad.json.error.code, 'invalid_ranges');
  assert.deepEqual(
    bad.json.error.details.problems.map((p: { index: number; code: string }) => [p.index, p.code]),
    [
      [1, 'legacy_ipv4'],
      [2, 'start_above_end'],
    ],
  );
  assert.deepEqual((await h.call('GET', '/zones')).json.zones, []);
  const everything = await h.call('POST', '/zones', { name: 'All', ranges: ['0.0.0.0/0'] });
  assert.equal(everything.json.error.details.problems[0].code, 'everything');

  const created = await h.call('POST', '/zones', {
    name: 'Office',
    ranges: ['10.0.0.0 – 10.0.0.255'],
    note: 'HQ',
  });
  assert.equal(created.status, 201);
  assert.equal(created.json.zone.addressCount, '256');
  const id = created.json.zone.id;
  assert.equal(
    (await h.call('POST', '/zones', { name: 'OFFICE', ranges: ['10.1.0.0/16'] })).json.error.code,
    'zone_name_taken',
  );
  assert.equal((await h.call('GET', '/explain?address=::ffff:10.0.0.9')).json.zone, 'Office');
  await h.call('PATCH', `/zones/${id}`, { ranges: ['192.168.1.0/24'] });
  assert.equal((await h.call('GET', '/explain?address=10.0.0.9')).json.zone, null);
  assert.equal((await h.call('GET', '/explain?address=192.168.1.1')).json.zone, 'Office');
  assert.equal((await h.call('DELETE', `/zones/${id}`)).status, 200);
  assert.equal((await h.call('DELETE', `/zones/${id}`)).json.error.code, 'zone_not_found');
  const audit = await h.call('GET', '/audit?action=zone.update');
  assert.deepEqual(audit.json.entries[0].details.before.ranges, ['10.0.0.0 – 10.0.0.255']);
  assert.deepEqual(audit.json.entries[0].details.after.ranges, ['192.168.1.0/24']);
});

test('users: search with paging, password set, no hash in any answer', async () => {
  const h = await harness();
  for (const n of ['anna', 'bert', 'carla', 'dora']) {
    assert.equal(
      (await h.call('POST', '/users', { username: n, password: PW, email: `${n}@corp.example` }))
        .status,
      201,
    );
  }
  const page = await h.call('GET', '/users?q=CORP&offset=1&limit=2');
  assert.deepEqual(
    page.json.users.map((u: { username: string }) => u.username),
    ['bert', 'carla'],
  );
  assert.equal(page.json.total, 4);
  assert.doesNotMatch(JSON.stringify(page.json), /argon|passwordHash/);
  const id = page.json.users[0].id;
  assert.equal(
    (await h.call('PUT', `/users/${id}/password`, { password: 'short' })).json.error.code,
    'password_too_short',
  );
  assert.equal(
    (await h.call('PUT', `/users/${id}/password`, { password: 'a brand new password' })).status,
    200,
  );
  const bert = await findUserByUsername(h.db, 'bert');
  assert.equal(await verifyPassword(bert!.passwordHash!, 'a brand new password'), true);
  const audit = await h.call('GET', '/audit?user=bert&action=user.password');
  assert.equal(audit.json.total, 1);
});

test('audit: filters by user, address, outcome and time', async () => {
  const h = await harness();
  await h.call('POST', '/users', { username: 'x1', password: PW });
  h.clock.advance(3_600_000);
  await h.call('POST', '/users', { username: 'x2', password: PW });
  const from = new Date(h.clock.now() - 1000).toISOString();
  const r = await h.call('GET', `/audit?from=${encodeURIComponent(from)}&outcome=changed`);
  assert.deepEqual(
    r.json.entries.map((e: { username: string }) => e.username),
    ['x2'],
  );
  assert.equal((await h.call('GET', '/audit?address=::ffff:10.0.0.1')).json.total, 0);
  assert.equal((await h.call('GET', '/audit?address=nonsense')).status, 400);
});

test('bad input answers 4xx in the one error shape, never 500, and changes nothing', async () => {
  const h = await harness();
  await h.call('POST', '/users', { username: 'keep', password: PW });
  const before = JSON.stringify((await h.call('GET', '/users')).json);
  const cases: [string, string, unknown, number, string][] = [
    ['POST', '/users', { username: 'x' }, 400, 'invalid_input'],
    ['POST', '/users', { username: 'with space', password: PW }, 422, 'invalid_username'],
    ['POST', '/users', { username: 'x', password: PW, role: 'root' }, 400, 'invalid_input'],
    ['POST', '/users', { username: 'x', password: PW, extra: 1 }, 400, 'invalid_input'],
    ['POST', '/users', { username: 'x', password: PW, email: 'nope' }, 422, 'invalid_email'],
    [
      'POST',
      '/users',
      { username: 'x', password: PW, secSignId: 'a b' },
      422,
      'invalid_secsign_id',
    ],
    // Only what SecSign's own SDK allows: a login with this ID could never be sent.
    [
      'POST',
      '/users',
      { username: 'x', password: PW, secSignId: 'a+b' },
      422,
      'invalid_secsign_id',
    ],
    ['POST', '/users', { username: 'KEEP', password: PW }, 409, 'username_taken'],
    ['POST', '/users', [1, 2], 400, 'invalid_input'],
    ['POST', '/users', 'null', 400, 'invalid_input'],
    ['POST', '/users', '{"username":', 400, 'invalid_input'],
    ['PATCH', '/users/1', {}, 400, 'invalid_input'],
    ['PATCH', '/users/abc', { email: '' }, 400, 'invalid_input'],
    ['PATCH', '/users/999', { email: '' }, 404, 'user_not_found'],
    ['PATCH', '/users/99999999999999999999', { email: '' }, 400, 'invalid_input'],
    ['PUT', '/users/1/secsign-id', { secSignId: 7 }, 400, 'invalid_input'],
    ['PUT', '/users/1/password', { password: 'x'.repeat(1025) }, 422, 'password_too_long'],
    ['PATCH', '/settings', { ipSafeZoneActive: 1 }, 400, 'invalid_input'],
    ['POST', '/zones', { name: 'Z', ranges: [] }, 422, 'no_ranges'],
    ['POST', '/zones', { name: ' ', ranges: ['10.0.0.1'] }, 422, 'invalid_zone_name'],
    ['POST', '/zones', { name: 'Z', ranges: 'oops' }, 400, 'invalid_input'],
    ['GET', '/users?limit=100000', undefined, 400, 'invalid_input'],
    ['GET', '/users?offset=-1', undefined, 400, 'invalid_input'],
    ['GET', '/audit?from=yesterday', undefined, 400, 'invalid_input'],
    ['GET', '/explain', undefined, 400, 'invalid_input'],
    ['GET', '/nowhere', undefined, 404, 'not_found'],
  ];
  for (const [method, path, body, status, code] of cases) {
    const r = await h.call(method, path, body);
    assert.equal(
      r.status,
      status,
      `${method} ${path} ${JSON.stringify(body)}: ${JSON.stringify(r.json)}`,
    );
    assert.equal(r.json.error.code, code, `${method} ${path}`);
    assert.equal(typeof r.json.error.message, 'string');
  }
  assert.equal(JSON.stringify((await h.call('GET', '/users')).json), before);
  assert.equal((await h.call('GET', '/zones')).json.zones.length, 0);
  const explainJunk = await h.call(
    'GET',
    '/explain?address=' + encodeURIComponent('10.1; drop table'),
  );
  assert.equal(explainJunk.status, 200);
  assert.equal(explainJunk.json.address, null);
  assert.equal(explainJunk.json.inside, false);
});

test('a restart on the same database file keeps users, zones, settings and the audit log', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'ipsz-restart-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const url = `file:${join(dir, 'app.db')}`;
  const first = await harness(url);
  const alice = await first.call('POST', '/users', {
    username: 'alice',
    password: PW,
    role: 'admin',
    secSignId: 'alice.id',
  });
  await first.signIn(alice.json.user.id);
  await first.call('POST', '/zones', { name: 'Office', ranges: ['10.0.0.0/8'] });
  await first.call('PATCH', '/settings', { ipSafeZoneActive: true, twoStepActive: true });
  const snapshot = async (h: typeof first) =>
    JSON.stringify(
      await Promise.all(
        ['/users', '/zones', '/settings', '/audit'].map(async (p) => (await h.call('GET', p)).json),
      ),
    );
  const before = await snapshot(first);
  first.db.close();
  const second = await harness(url);
  await second.signIn(alice.json.user.id);
  assert.equal(await snapshot(second), before);
  assert.equal((await second.call('GET', '/explain?address=10.1.2.3')).json.mode, 'password');
  second.db.close();
});
