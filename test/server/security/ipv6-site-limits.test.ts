/**
 * Threat (password spraying; denial of service by disk, from a whole IPv6 /48): the address limits
 * count IPv6 per /64 (`clientGroup`), since one host owns a /64. But a site is usually given a
 * /48 — 65,536 /64s — and a cheap cloud range is one too: a client sending each request from
 * another /64 got every /64's limits afresh — 100 password attempts before the spray refusal, 50
 * open anonymous SecSign ID starts and passkey challenges — 65,536 times over. Now, outside the
 * safe zone, a /48 has limits of its own in all, beside each /64's (`config.siteLimits`, four
 * times a /64's by default; lowered here so that a few requests show them). Inside the zone
 * nothing changes: an office with many /64s is never stopped by its /48. IPv4 is unchanged.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CLI_ACTOR } from '../../../server/domain/actor.js';
import { createZone } from '../../../server/domain/zones-service.js';
import { PASSWORD, startFixture, type Fixture } from '../login/fixture.js';

/** Lowered for the test; each /64's own limits stay as they are (higher than these). */
const SITE = { passwordAttempts: 5, openAnonymous: 6 };
/** Eight /64s of one /48, one request from each: more than the /48's allowance. */
const SPREAD = 8;
/** The i-th /64 of the /48 `2001:db8:<site>::/48`. */
const in48 = (site: string, i: number) => `2001:db8:${site}:${(i + 1).toString(16)}::1`;
const INSIDE_48 = 'a10';

let f: Fixture;
before(async () => {
  f = await startFixture();
  f.config.siteLimits = SITE;
  await createZone(f.db, f.clock, CLI_ACTOR, {
    name: 'Office IPv6',
    ranges: [`2001:db8:${INSIDE_48}::/48`],
  });
});
after(() => f.close());

/** The statuses of requests sent one after another, and how often each came. */
async function statuses(send: (i: number) => Promise<{ status: number }>, n = SPREAD) {
  const seen: number[] = [];
  for (let i = 0; i < n; i++) seen.push((await send(i)).status);
  return seen;
}
const howMany = (seen: number[], status: number) => seen.filter((s) => s === status).length;

test('anonymous passkey challenges from many /64s of one /48: the /48 is capped in all', async () => {
  const passkey = (ip: string) => f.client(ip).post('/api/login/passkey/options', {});
  const seen = await statuses((i) => passkey(in48('a1', i)));
  assert.deepEqual(seen, [200, 200, 200, 200, 200, 200, 429, 429], 'six, then refused');
  const refused = await passkey(in48('a1', 20));
  assert.equal(refused.body.error.code, 'too_many_challenges');
  assert.equal((await passkey(in48('a2', 0))).status, 200, 'another /48 is not affected');
  // IPv4 as before: per address, no wider group.
  assert.equal(howMany(await statuses((i) => passkey(`198.51.100.${i + 1}`)), 200), SPREAD);
  // Once the challenges expired (two minutes), the /48 may start again.
  f.clock.advance(3 * 60_000);
  assert.equal((await passkey(in48('a1', 30))).status, 200);
});

test('anonymous SecSign ID starts from many /64s of one /48: the /48 is capped in all', async () => {
  const ids = Array.from({ length: SPREAD + 1 }, (_, i) => `site-${i}.sec`);
  for (const id of ids) f.sim.registerId(id);
  const start = (ip: string, i: number) =>
    f.client(ip).post('/api/login/secsign', { secSignId: ids[i]! });
  const seen = await statuses((i) => start(in48('a3', i), i));
  assert.deepEqual(seen, [200, 200, 200, 200, 200, 200, 429, 429], 'six, then refused');
  assert.equal((await start(in48('a4', 0), SPREAD)).status, 200, 'another /48 is not affected');
});

test('password guesses with new names from many /64s of one /48: then every name refused', async () => {
  // Two-step: outside, the password is checked first (then a second factor is asked for).
  await f.settings({ twoStepActive: true });
  const guess = (ip: string, username: string, password = 'Winter2026!') =>
    f.client(ip).post('/api/login/password', { username, password });
  const seen = await statuses((i) => guess(in48('a5', i), `spray-${i}`));
  assert.deepEqual(seen, [401, 401, 401, 401, 401, 429, 429, 429], 'five checked, then refused');
  const colleague = await guess(in48('a5', 40), 'bob', PASSWORD);
  assert.equal(colleague.status, 429, 'the /48 is refused for every name while it is locked');
  const elsewhere = await guess(in48('a6', 0), 'bob', PASSWORD);
  assert.equal(elsewhere.body.status, 'secsign_pending', 'another /48 is not');
  // When its 15 minutes end, the /48 may sign in again.
  f.clock.advance(16 * 60_000);
  const later = await guess(in48('a5', 41), 'bob', PASSWORD);
  assert.equal(later.body.status, 'secsign_pending', JSON.stringify(later.body));
  await f.settings({ twoStepActive: false });
});

test('inside the safe zone a /48 has no limits of its own: only each /64 is counted', async () => {
  const guesses = await statuses((i) =>
    f.client(in48(INSIDE_48, i)).post('/api/login/password', {
      username: `typo-${i}`,
      password: 'Winter2026!',
    }),
  );
  assert.equal(howMany(guesses, 401), SPREAD, JSON.stringify(guesses));
  const colleague = await f
    .client(in48(INSIDE_48, 50))
    .post('/api/login/password', { username: 'carol', password: PASSWORD });
  assert.equal(colleague.status, 200, JSON.stringify(colleague.body));
  const challenges = await statuses((i) =>
    f.client(in48(INSIDE_48, 60 + i)).post('/api/login/passkey/options', {}),
  );
  assert.equal(howMany(challenges, 200), SPREAD, JSON.stringify(challenges));
});
