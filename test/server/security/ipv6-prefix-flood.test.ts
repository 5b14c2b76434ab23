/**
 * Threat (denial of service by disk, from one IPv6 host): the anonymous refusals an attacker can
 * repeat at will are audited aggregated (server/domain/aggregated-audit.ts), but the windows were
 * keyed by the exact client address. One IPv6 host owns a whole /64 and can send every request
 * from a new address in it: then every request opened a window of its own and wrote an audit row,
 * and the database grew with the flood. Now the windows group addresses as the rate limiter does
 * (IPv4 per address, IPv6 per /64, `clientGroup` in server/zones/client-group.ts): 400 requests
 * of each kind, each from another address of one /64, write at most two rows per kind, the metrics
 * count every request, and the rows say what happened — the first address, the /64, how many
 * occurrences, from when to when, and that they came from many addresses of the /64.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CLI_ACTOR } from '../../../server/domain/actor.js';
import { createZone } from '../../../server/domain/zones-service.js';
import { aggregatedAuditFor } from '../../../server/domain/aggregated-audit.js';
import { startOidcFixture, type OidcFixture } from '../oidc/oidc-fixture.js';
import { anonymousFloods, flood } from './anonymous-floods.js';
import { metricSum } from '../../support/metric-sum.js';

const FLOOD = 400;
const PREFIX = '2001:db8:66:1::/64';
/** The i-th address of the attacker's /64: a new one for every request of a flood. */
const address = (i: number) => `2001:db8:66:1:${(0x1000 + i).toString(16)}::${(i % 7) + 1}`;

let f: OidcFixture;
before(async () => {
  f = await startOidcFixture();
  // The attacker's /64 is a safe zone, where a password is enough (so a locked name gets 429).
  await createZone(f.db, f.clock, CLI_ACTOR, { name: 'Lab', ranges: [PREFIX] });
});
after(() => f.close());

const counter = (name: string, labels: Record<string, string>) =>
  metricSum(f.app.metrics.registry, name, labels);

interface Row {
  id: number;
  ip: string;
  details: {
    count?: number;
    countFrom?: string;
    countTo?: string;
    prefix?: string;
    manyAddresses?: boolean;
  };
}

async function auditRows(action: string, outcome: string): Promise<Row[]> {
  const rs = await f.db.execute({
    sql: "SELECT id, client_ip, details FROM audit_log WHERE action = ? AND outcome = ? AND client_ip LIKE '2001:db8:66:1:%' ORDER BY id",
    args: [action, outcome],
  });
  return rs.rows.map((r) => ({
    id: Number(r.id),
    ip: String(r.client_ip),
    details: JSON.parse(String(r.details)) as Row['details'],
  }));
}

const floods = anonymousFloods(() => f, address);

for (const kind of floods) {
  test(`${FLOOD} × ${kind.name}, each from another address of one /64: bounded rows`, async () => {
    await kind.prepare?.();
    const before = await auditRows(kind.action, kind.outcome);
    const from = before.at(-1)?.id ?? 0;
    const metric = { door: kind.action, outcome: kind.outcome };
    const counted = await counter('ipsafezone_decisions_total', metric);
    await flood(FLOOD, kind.send, kind.expected);
    const written = (await auditRows(kind.action, kind.outcome)).filter((r) => r.id > from);
    console.log(`${kind.name}: ${written.length} audit row(s) for ${FLOOD} addresses`);
    assert.ok(written.length <= 1, `${written.length} rows for ${FLOOD} requests`);
    assert.equal(
      await counter('ipsafezone_decisions_total', metric),
      counted + FLOOD,
      'each request counted',
    );

    // Past the window, the counts are written (as main.ts's timer does every minute).
    f.clock.advance(11 * 60_000);
    await aggregatedAuditFor(f.db, f.clock).flush();
    const rows = (await auditRows(kind.action, kind.outcome)).filter((r) => r.id > from);
    assert.ok(rows.length <= 2, `${rows.length} rows after the window closed`);
    assert.equal(
      rows.reduce((n, r) => n + (r.details.count ?? 1), 0),
      FLOOD,
      'the rows carry the count of every request',
    );
    for (const r of rows) assert.equal(r.details.prefix, PREFIX, 'the row names the /64');
    const counts = rows.find((r) => r.details.count !== undefined);
    assert.ok(counts, 'a row with the count');
    assert.ok(counts.details.countFrom && counts.details.countTo, 'the time span');
    assert.equal(counts.details.manyAddresses, true, 'the count is of many addresses');
  });
}
