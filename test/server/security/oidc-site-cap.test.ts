/**
 * Threat (denial of service by disk, from a whole IPv6 /48): every anonymous OIDC authorization
 * request of a known client stores an interaction record, so outside the safe zone each address
 * group may make OPEN_ANONYMOUS_PER_ADDRESS of them in 15 minutes (server/oidc/anonymous-cap.ts).
 * The groups folded a busy /48 into one after four of its /64s, but that fold is the audit's and
 * gave the /48 five /64s' allowance whatever the configured limit. Now the /48 has its own,
 * configured allowance beside each /64's (`config.siteLimits.openAnonymous`; lowered here so that
 * a few requests show it). Inside the zone there is no cap, as before (anonymous-records-cap.test.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createAnonymousCap } from '../../../server/oidc/anonymous-cap.js';
import { ManualClock } from '../../../server/platform/clock.js';
import { jiraAuthorizationUrl, oidcFixturePerFile } from '../oidc/oidc-fixture.js';

const fixture = oidcFixturePerFile();
const SITE = { passwordAttempts: 400, openAnonymous: 6 };

/** An anonymous browser's authorization request from the i-th /64 of `2001:db8:<site>::/48`. */
async function authorize(site: string, i: number) {
  const { url } = jiraAuthorizationUrl(fixture().rp);
  return fixture()
    .client(`2001:db8:${site}:${(i + 1).toString(16)}::1`)
    .get(url.pathname + url.search, { accept: 'text/html' });
}

test('anonymous authorization requests from many /64s of one /48: the /48 is capped in all', async () => {
  fixture().config.siteLimits = SITE;
  const seen: number[] = [];
  for (let i = 0; i < 8; i++) seen.push((await authorize('b1', i)).status);
  assert.deepEqual(seen, [303, 303, 303, 303, 303, 303, 429, 429], 'six, then refused');
  assert.equal((await authorize('b2', 0)).status, 303, 'another /48 is not affected');
  fixture().clock.advance(15 * 60_000 + 1_000);
  assert.equal((await authorize('b1', 20)).status, 303, 'the window ended');
});

test('refused requests from ever new /64s do not push the /48’s window out of memory', () => {
  // The cap keeps at most 10,000 windows; if each refused request opened one for its new /64,
  // 10,000 refusals would evict the /48's own window and give the /48 a fresh allowance.
  const clock = new ManualClock(Date.now());
  const cap = createAnonymousCap(clock, { siteLimits: SITE });
  const from = (i: number) =>
    `2001:db8:b3:${(i % 0xffff).toString(16)}:${Math.floor(i / 0xffff)}::1`;
  let granted = 0;
  for (let i = 0; i < 10_100; i++) if ('key' in cap.take(from(i))) granted++;
  assert.equal(granted, SITE.openAnonymous);
});
