/**
 * Threat (denial of service by disk): every anonymous authorization request of a known client with
 * its registered redirect URI makes the OIDC library store an interaction record in `oidc_store`,
 * and every `GET /oidc/session/end` a session record — one client repeating them grew the table
 * with every request (300 requests, 300 rows). Now, outside the safe zone, an address group (IPv4
 * per address, IPv6 per /64) may make OPEN_ANONYMOUS_PER_ADDRESS such requests in a window; the
 * rest get 429 (an HTML page, English or German, with Retry-After) before the provider runs, are
 * counted in the metrics and audited aggregated. Inside the zone there is no cap (an office signs in
 * to Jira by the hundreds from one NAT address in the morning).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OPEN_ANONYMOUS_PER_ADDRESS } from '../../../server/domain/login/rate-limit.js';
import { metricSum } from '../../support/metric-sum.js';
import { INSIDE } from '../login/fixture.js';
import { jiraAuthorizationUrl, oidcFixturePerFile, signInInside } from './oidc-fixture.js';

const fixture = oidcFixturePerFile();
const N = 300;
/** Rows a flood may add beyond the capped ones (a record the library writes besides, say). */
const SLACK = 5;

async function storedRows(): Promise<number> {
  const rs = await fixture().db.execute('SELECT COUNT(*) AS n FROM oidc_store');
  return Number(rs.rows[0]!.n);
}

const refusals = (door: string) =>
  metricSum(fixture().app.metrics.registry, 'ipsafezone_decisions_total', {
    door,
    outcome: 'too_many_requests',
  });

/** An anonymous browser's authorization request (a fresh browser, no cookies) from `address`. */
async function authorize(address: string) {
  const { url } = jiraAuthorizationUrl(fixture().rp);
  return fixture()
    .client(address)
    .get(url.pathname + url.search, { accept: 'text/html' });
}

/** Sends N requests, four at a time; the statuses seen, how often. */
async function flood(send: (i: number) => Promise<{ status: number }>) {
  const statuses = new Map<number, number>();
  for (let i = 0; i < N; i += 4) {
    const answers = await Promise.all([0, 1, 2, 3].map((k) => send(i + k)));
    for (const a of answers) statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
  }
  return statuses;
}

test(`${N} anonymous authorization requests from one outside address: capped`, async () => {
  const before = await storedRows();
  const counted = await refusals('oidc.authorize');
  const statuses = await flood(() => authorize('198.51.100.31'));
  const grown = (await storedRows()) - before;
  assert.ok(grown <= OPEN_ANONYMOUS_PER_ADDRESS + SLACK, `oidc_store grew by ${grown} rows`);
  assert.equal(statuses.get(303), OPEN_ANONYMOUS_PER_ADDRESS, JSON.stringify([...statuses]));
  assert.equal(statuses.get(429), N - OPEN_ANONYMOUS_PER_ADDRESS, JSON.stringify([...statuses]));
  assert.equal(await refusals('oidc.authorize'), counted + N - OPEN_ANONYMOUS_PER_ADDRESS);

  // What the browser shows: a page in plain words, in German when asked, and when to try again.
  const { url } = jiraAuthorizationUrl(fixture().rp);
  const page = await fixture()
    .client('198.51.100.31')
    .get(url.pathname + url.search, { accept: 'text/html', 'accept-language': 'de' });
  assert.equal(page.status, 429);
  assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
  assert.ok(Number(page.headers.get('retry-after')) > 0, 'Retry-After');
  assert.match(String(page.body), /Zu viele Anmeldungen/);
  assert.equal(await storedRows(), before + grown, 'a refused request writes no record');
});

test(`${N} anonymous authorization requests from addresses of one /64: capped`, async () => {
  const before = await storedRows();
  const statuses = await flood((i) => authorize(`2001:db8:77:1:${(0x1000 + i).toString(16)}::1`));
  const grown = (await storedRows()) - before;
  assert.ok(grown <= OPEN_ANONYMOUS_PER_ADDRESS + SLACK, `oidc_store grew by ${grown} rows`);
  assert.equal(statuses.get(429), N - OPEN_ANONYMOUS_PER_ADDRESS, JSON.stringify([...statuses]));
});

test(`${N} authorization requests from inside the safe zone: no cap`, async () => {
  const statuses = await flood(() => authorize(INSIDE));
  assert.deepEqual([...statuses], [[303, N]]);
});

test(`${N} anonymous logout pages from one outside address: capped`, async () => {
  const before = await storedRows();
  const counted = await refusals('oidc.logout');
  const statuses = await flood(() =>
    fixture().client('198.51.100.32').get('/oidc/session/end', { accept: 'text/html' }),
  );
  const grown = (await storedRows()) - before;
  assert.ok(grown <= OPEN_ANONYMOUS_PER_ADDRESS + SLACK, `oidc_store grew by ${grown} rows`);
  assert.equal(statuses.get(200), OPEN_ANONYMOUS_PER_ADDRESS, JSON.stringify([...statuses]));
  assert.equal(statuses.get(429), N - OPEN_ANONYMOUS_PER_ADDRESS, JSON.stringify([...statuses]));
  assert.equal(await refusals('oidc.logout'), counted + N - OPEN_ANONYMOUS_PER_ADDRESS);
  const page = await fixture()
    .client('198.51.100.32')
    .get('/oidc/session/end', { accept: 'text/html' });
  assert.equal(page.status, 429);
  assert.match(String(page.body), /Too many sign-ins/);
});

test('the window ends: the address may start sign-ins again', async () => {
  const f = fixture();
  for (let i = 0; i < OPEN_ANONYMOUS_PER_ADDRESS; i++) await authorize('198.51.100.33');
  assert.equal((await authorize('198.51.100.33')).status, 429);
  f.clock.advance(15 * 60_000 + 1_000);
  assert.equal((await authorize('198.51.100.33')).status, 303);
});

test('a provider session cookie with no one signed in does not lift the cap', async () => {
  const browser = fixture().client('198.51.100.34');
  assert.equal((await browser.get('/oidc/session/end', { accept: 'text/html' })).status, 200);
  assert.ok(browser.cookie('_session'), 'the logout page gave the browser a provider session');
  const statuses = new Map<number, number>();
  for (let i = 0; i < OPEN_ANONYMOUS_PER_ADDRESS + 10; i++) {
    const { url } = jiraAuthorizationUrl(fixture().rp);
    const { status } = await browser.get(url.pathname + url.search, { accept: 'text/html' });
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
  }
  assert.equal(statuses.get(429), 11, JSON.stringify([...statuses]));
});

test('a browser signed in to the provider is not counted, even once its address is capped', async () => {
  const { browser } = await signInInside(fixture()); // the provider's session names alice
  browser.setAddress('198.51.100.35');
  for (let i = 0; i < OPEN_ANONYMOUS_PER_ADDRESS; i++) await authorize('198.51.100.35');
  assert.equal((await authorize('198.51.100.35')).status, 429);
  const { url } = jiraAuthorizationUrl(fixture().rp);
  const res = await browser.get(url.pathname + url.search, { accept: 'text/html' });
  assert.equal(res.status, 303, 'on to the interaction, as without a cap');
});
