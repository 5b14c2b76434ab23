/**
 * Threat (denial of service by disk): anonymous requests each wrote one audit row — a 401 from
 * `/api/verify` without or with a garbage cookie, a sign-in refused because the name is locked
 * (one client hammering one locked name wrote 90,116 rows, 25 MB, in 150 s), every OIDC refusal
 * and every anonymous browser at the OIDC interaction (issue 23, item 3). Now each is counted in
 * `/metrics` one by one and audited once per address, name and reason in a ten-minute window, the
 * count written with the next row or when the window is flushed: 2,000 requests of each kind from
 * one address write at most two rows per kind, and the database grows by a few pages, not by
 * hundreds of kilobytes.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { LIMITS } from '../../../server/domain/login/rate-limit.js';
import { PASSWORD } from '../login/fixture.js';
import { jiraAuthorizationUrl, startOidcFixture, type OidcFixture } from '../oidc/oidc-fixture.js';
import { databaseBytes as dbBytes, tableBytes } from '../../support/test-database.js';

const FLOOD = 2_000;
/** Inside the fixture's Office zone, where a password is enough (so a locked name gets 429). */
const ATTACKER = '10.1.66.66';

let f: OidcFixture;
before(async () => {
  f = await startOidcFixture();
});
after(() => f.close());

async function counter(name: string, labels: Record<string, string>): Promise<number> {
  const metric = (await f.app.metrics.registry.getMetricsAsJSON()).find((m) => m.name === name);
  return (metric?.values ?? [])
    .filter((v) => Object.entries(labels).every(([k, x]) => v.labels[k] === x))
    .reduce((n, v) => n + v.value, 0);
}

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

/** Sends `n` requests, four at a time (like autocannon's four connections). */
async function flood(n: number, send: (i: number) => Promise<number>, expected: number) {
  for (let i = 0; i < n; i += 4) {
    const statuses = await Promise.all([0, 1, 2, 3].map((k) => send(i + k)));
    for (const s of statuses) assert.equal(s, expected);
  }
}

/** Moves past the window and writes the counts, as main.ts's timer does every minute. */
async function closeWindows() {
  const { aggregatedAuditFor } = await import('../../../server/domain/aggregated-audit.js');
  f.clock.advance(11 * 60_000);
  await aggregatedAuditFor(f.db, f.clock).flush();
}

const floods: Array<{
  name: string;
  action: string;
  outcome: string;
  expected: number;
  /** Whether the flood writes nothing but audit rows (see the interaction). */
  auditOnly?: boolean;
  prepare?: () => Promise<void>;
  send: (i: number) => Promise<number>;
}> = [
  {
    name: '/api/verify without a cookie',
    action: 'verify',
    outcome: 'not_signed_in',
    expected: 401,
    send: async () => (await f.client(ATTACKER).get('/api/verify')).status,
  },
  {
    name: '/api/verify with a garbage cookie',
    action: 'verify',
    outcome: 'not_signed_in',
    expected: 401,
    send: async (i) =>
      (await f.client(ATTACKER).get('/api/verify', { cookie: `ipsafezone_session=junk${i}` }))
        .status,
  },
  {
    name: 'a sign-in with a locked name',
    action: 'login.password',
    outcome: 'locked',
    expected: 429,
    prepare: async () => {
      const c = f.client(ATTACKER);
      for (let i = 0; i < LIMITS.user.maxFailures; i++) {
        await c.post('/api/login/password', { username: 'bob', password: `wrong ${i}` });
      }
    },
    send: async () =>
      (
        await f
          .client(ATTACKER)
          .post('/api/login/password', { username: 'bob', password: PASSWORD })
      ).status,
  },
  {
    name: 'an OIDC authorization from an unknown client',
    action: 'oidc.authorize',
    outcome: 'refused',
    expected: 400,
    send: async () => {
      const req = jiraAuthorizationUrl(f.rp);
      req.url.searchParams.set('client_id', 'nobody');
      const res = await f.client(ATTACKER).get(req.url.pathname + req.url.search);
      return res.status;
    },
  },
  {
    name: 'an OIDC token request with a wrong client secret',
    action: 'oidc.token',
    outcome: 'refused',
    expected: 401,
    send: async (i) => {
      // A relying party's back-channel request: no Origin, the client's credentials in Basic.
      const res = await fetch(`${f.origin}/oidc/token`, {
        method: 'POST',
        headers: {
          'x-forwarded-for': ATTACKER,
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from('jira:wrong-secret').toString('base64')}`,
        },
        body: `grant_type=authorization_code&code=made-up-${i}&redirect_uri=x`,
      });
      await res.arrayBuffer();
      return res.status;
    },
  },
  {
    name: 'an anonymous browser at the OIDC interaction',
    action: 'oidc.authorize',
    outcome: 'sign_in_needed',
    expected: 303,
    // The authorization request itself makes the OIDC library store an interaction record
    // (oidc_store, deleted 15 minutes after it expires) — about 1 KB a browser, not audit rows.
    auditOnly: false,
    send: async () => {
      // A fresh browser each time: the authorization request, then the interaction it leads to.
      const browser = f.client(ATTACKER);
      const { url } = jiraAuthorizationUrl(f.rp);
      const start = await browser.get(url.pathname + url.search);
      const interaction = new URL(start.headers.get('location')!, f.origin);
      return (await browser.get(interaction.pathname)).status;
    },
  },
];

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
