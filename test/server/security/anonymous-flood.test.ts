/**
 * Threat (denial of service by disk): anonymous requests each wrote one audit row — a 401 from
 * `/api/verify` without or with a garbage cookie, a sign-in refused because the name is locked
 * (one client hammering one locked name wrote 90,116 rows, 25 MB, in 150 s), every OIDC refusal
 * and every anonymous browser at the OIDC interaction (issue 23, item 3). Now each is counted in
 * `/metrics` one by one and audited once per address, name and reason in a ten-minute window, the
 * count written with the next row or when the window is flushed: 400 requests of each kind from
 * one address write at most two rows per kind, and the database grows by a few pages, not by
 * hundreds of kilobytes.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startOidcFixture, type OidcFixture } from '../oidc/oidc-fixture.js';
import { anonymousFloods, flood } from './anonymous-floods.js';
import { databaseBytes as dbBytes, tableBytes } from '../../support/test-database.js';
import { metricSum } from '../../support/metric-sum.js';

const FLOOD = 400;
/** Inside the fixture's Office zone, where a password is enough (so a locked name gets 429). */
const ATTACKER = '10.1.66.66';

let f: OidcFixture;
before(async () => {
  f = await startOidcFixture();
});
after(() => f.close());

const counter = (name: string, labels: Record<string, string>) =>
  metricSum(f.app.metrics.registry, name, labels);

async function auditRows(action: string, outcome: string) {
  const rs = await f.db.execute({
    sql: 'SELECT details FROM audit_log WHERE action = ? AND outcome = ? AND client_ip = ? ORDER BY id',
    args: [action, outcome, ATTACKER],
  });
  return rs.rows.map((r) => JSON.parse(String(r.details)) as { count?: number });
}

/** The database's size in bytes (test/support/test-database.ts: SQLite's pages or PostgreSQL's). */
const databaseBytes = () => dbBytes(f.db);

/** The bytes the audit log and its indexes take. */
const auditBytes = () => tableBytes(f.db, 'audit_log');

/** Moves past the window and writes the counts, as main.ts's timer does every minute. */
async function closeWindows() {
  const { aggregatedAuditFor } = await import('../../../server/domain/aggregated-audit.js');
  f.clock.advance(11 * 60_000);
  await aggregatedAuditFor(f.db, f.clock).flush();
}

const floods = anonymousFloods(
  () => f,
  () => ATTACKER,
);

for (const kind of floods) {
  test(`${FLOOD} × ${kind.name}: a bounded number of audit rows, every request counted`, async () => {
    await kind.prepare?.();
    const rowsBefore = (await auditRows(kind.action, kind.outcome)).length;
    const metric = { door: kind.action, outcome: kind.outcome };
    const counted = await counter('ipsafezone_decisions_total', metric);
    const [bytes, audit] = [await databaseBytes(), await auditBytes()];
    await flood(FLOOD, kind.send, kind.expected);
    const grown = (await databaseBytes()) - bytes;
    const auditGrown = (await auditBytes()) - audit;
    const written = (await auditRows(kind.action, kind.outcome)).length - rowsBefore;
    console.log(
      `${kind.name}: ${written} audit row(s); the audit log grew by ${auditGrown} bytes, the database by ${grown}`,
    );
    assert.ok(written <= 1, `${written} rows for ${FLOOD} requests`);
    assert.ok(auditGrown <= 8 * 1024, `the audit log grew by ${auditGrown} bytes`);
    if (kind.auditOnly !== false) assert.ok(grown <= 64 * 1024, `the database grew by ${grown}`);
    assert.equal(
      await counter('ipsafezone_decisions_total', metric),
      counted + FLOOD,
      'each request counted',
    );
    await closeWindows();
    const rows = (await auditRows(kind.action, kind.outcome)).slice(rowsBefore);
    assert.ok(rows.length <= 2, `${rows.length} rows after the window closed`);
    assert.equal(
      rows.reduce((n, d) => n + (d.count ?? 1), 0),
      FLOOD,
      'the rows carry the count of every request',
    );
  });
}
