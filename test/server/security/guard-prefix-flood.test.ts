/**
 * Threat (denial of service by disk, from one IPv6 host): the guard (GET /api/guard, asked by the
 * proxy before every request to the product) audits its decisions once per address, name and
 * reason in ten minutes (server/domain/guard-audits.ts) — but keyed by the exact address, so a
 * client sending every request from another address of its /64 wrote a row per request. Now the
 * windows group addresses as the rate limiter does (`clientGroup`: IPv6 per /64), and a row of an
 * IPv6 group names the /64 — and a /48 sending from many /64s is one group beyond four of them
 * (server/domain/audit-address-groups.ts); every decision is still counted in the metrics.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startFixture, type Fixture } from '../login/fixture.js';
import { metricSum } from '../../support/metric-sum.js';

const FLOOD = 400;
const address = (i: number) => `2001:db8:42:7:${(i + 1).toString(16)}::9`;

let f: Fixture;
before(async () => {
  f = await startFixture();
});
after(() => f.close());

const guardRows = async () => {
  const rs = await f.db.execute(
    "SELECT client_ip, username, details FROM audit_log WHERE action = 'guard' AND client_ip LIKE '2001:db8:42:7:%'",
  );
  return rs.rows.map((r) => ({
    username: r.username as string | null,
    details: JSON.parse(String(r.details)) as { prefix?: string },
  }));
};
const refusals = () =>
  metricSum(f.app.metrics.registry, 'ipsafezone_guard_decisions_total', { outcome: 'refused' });

test(`${FLOOD} refused guard questions from ${FLOOD} addresses of one /64: bounded rows`, async () => {
  const counted = await refusals();
  for (let i = 0; i < FLOOD; i += 4) {
    const answers = await Promise.all(
      [0, 1, 2, 3].map((k) =>
        f.client(address(i + k)).get('/api/guard', {
          'x-original-method': 'GET',
          'x-original-uri': '/rest/api/2/issue/X-1',
          // Half of them claim a user name of their own in Basic (the guard audits the claim).
          ...((i + k) % 2
            ? { authorization: `Basic ${Buffer.from(`n${i + k}:pw`).toString('base64')}` }
            : {}),
        }),
      ),
    );
    for (const a of answers) assert.equal(a.status, 403);
  }
  const rows = await guardRows();
  assert.ok(rows.length <= 12, `${rows.length} rows for ${FLOOD} questions`);
  for (const r of rows)
    assert.equal(r.details.prefix, '2001:db8:42:7::/64', 'the row names the /64');
  assert.equal(await refusals(), counted + FLOOD, 'every decision counted');
});

test(`${FLOOD} refused guard questions, each from another /64 of one /48: bounded rows`, async () => {
  const siteRows = async () =>
    (
      await f.db.execute(
        "SELECT details FROM audit_log WHERE action = 'guard' AND client_ip LIKE '2001:db8:43:%'",
      )
    ).rows.map((r) => JSON.parse(String(r.details)) as { prefix?: string });
  const counted = await refusals();
  for (let i = 0; i < FLOOD; i += 4) {
    await Promise.all(
      [0, 1, 2, 3].map((k) =>
        f.client(`2001:db8:43:${(i + k + 1).toString(16)}::1`).get('/api/guard', {
          'x-original-method': 'GET',
          'x-original-uri': '/browse/X-1',
        }),
      ),
    );
  }
  const rows = await siteRows();
  // A few /64s of their own, then the /48 as one group (PREFIXES_PER_SITE).
  assert.ok(rows.length <= 8, `${rows.length} rows for ${FLOOD} questions`);
  assert.ok(
    rows.some((r) => r.prefix === '2001:db8:43::/48'),
    'a row names the /48',
  );
  assert.equal(await refusals(), counted + FLOOD, 'every decision counted');
});
