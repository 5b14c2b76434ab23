/**
 * Threat (denial of service by disk): anyone may start a SecSign ID sign-in from outside, and a
 * start the ID server refuses — an ID that does not exist (404), an ID it froze because several
 * requests came at once (409) — wrote one audit row per request: one client repeating it grew the
 * audit log with every request (found in round 6's sweep of anonymous write paths). Now such
 * refusals are aggregated per address group, name and outcome like the other anonymous refusals
 * (server/domain/aggregated-audit.ts), and counted in the metrics one by one.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { NAMES_PER_ADDRESS, aggregatedAuditFor } from '../../../server/domain/aggregated-audit.js';
import { OPEN_CHALLENGES_PER_ADDRESS } from '../../../server/domain/login/steps/passkey-options.js';
import { startFixture, type Fixture } from '../login/fixture.js';
import { metricSum } from '../../support/metric-sum.js';

const FLOOD = 200;
const ATTACKER = '198.51.100.77';

let f: Fixture;
before(async () => {
  f = await startFixture();
});
after(() => f.close());

async function auditRows(outcome: string): Promise<Array<{ count?: number }>> {
  const rs = await f.db.execute({
    sql: "SELECT details FROM audit_log WHERE action = 'login.secsign' AND outcome = ? AND client_ip = ?",
    args: [outcome, ATTACKER],
  });
  return rs.rows.map((r) => JSON.parse(String(r.details)) as { count?: number });
}

const decisions = (outcome: string) =>
  metricSum(f.app.metrics.registry, 'ipsafezone_decisions_total', {
    door: 'login.secsign',
    outcome,
  });

/** Sends FLOOD starts, four at a time; the statuses seen, how often. */
async function flood(secSignId: (i: number) => string): Promise<Map<number, number>> {
  const statuses = new Map<number, number>();
  for (let i = 0; i < FLOOD; i += 4) {
    const answers = await Promise.all(
      [0, 1, 2, 3].map((k) =>
        f.client(ATTACKER).post('/api/login/secsign', { secSignId: secSignId(i + k) }),
      ),
    );
    for (const a of answers) statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
  }
  return statuses;
}

async function closeWindows() {
  f.clock.advance(11 * 60_000);
  await aggregatedAuditFor(f.db, f.clock).flush();
}

test(`${FLOOD} starts with made-up SecSign IDs: a bounded number of rows`, async () => {
  const counted = await decisions('secsign_no_such_id');
  const statuses = await flood((i) => `nobody-${i}.sec`);
  assert.deepEqual([...statuses], [[404, FLOOD]]);
  const written = (await auditRows('secsign_no_such_id')).length;
  assert.ok(written <= NAMES_PER_ADDRESS + 1, `${written} rows for ${FLOOD} requests`);
  assert.equal(await decisions('secsign_no_such_id'), counted + FLOOD, 'each request counted');
  await closeWindows();
  const rows = await auditRows('secsign_no_such_id');
  assert.equal(
    rows.reduce((n, d) => n + (d.count ?? 1), 0),
    FLOOD,
    'the rows carry the count of every request',
  );
});

test(`${FLOOD} starts with one real SecSign ID, frozen after a few: a bounded number of rows`, async () => {
  const counted = await decisions('secsign_id_frozen');
  const statuses = await flood(() => 'bob.sec');
  const frozen = statuses.get(409) ?? 0;
  assert.ok(frozen >= FLOOD - 10, `the ID server froze the ID: ${JSON.stringify([...statuses])}`);
  const written = (await auditRows('secsign_id_frozen')).length;
  assert.ok(written <= 1, `${written} rows for ${frozen} refused requests`);
  assert.equal(await decisions('secsign_id_frozen'), counted + frozen, 'each request counted');
  await closeWindows();
  const rows = await auditRows('secsign_id_frozen');
  assert.equal(
    rows.reduce((n, d) => n + (d.count ?? 1), 0),
    frozen,
  );
});

test('starts with SecSign IDs of the attacker’s own: at most 50 open from one address', async () => {
  // Anyone can have SecSign IDs of their own, and an ID that belongs to no account goes through
  // the same steps (whether it does is told only on the phone): each start stored a login
  // transaction and wrote a secsign_pending row, with nothing proven and nothing capped.
  const ids = Array.from({ length: 100 }, (_, i) => `mine-${i}.sec`);
  for (const id of ids) f.sim.registerId(id);
  const address = '198.51.100.78';
  const statuses = new Map<number, number>();
  for (let round = 0; round < 3; round++) {
    for (let i = 0; i < ids.length; i += 4) {
      const answers = await Promise.all(
        ids
          .slice(i, i + 4)
          .map((id) => f.client(address).post('/api/login/secsign', { secSignId: id })),
      );
      for (const a of answers) statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
    }
  }
  const stored = Number(
    (
      await f.db.execute({
        sql: 'SELECT COUNT(*) AS n FROM login_transactions WHERE client_ip = ?',
        args: [address],
      })
    ).rows[0]!['n'],
  );
  const pendingRows = Number(
    (
      await f.db.execute({
        sql: "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'login.secsign' AND client_ip = ?",
        args: [address],
      })
    ).rows[0]!['n'],
  );
  const started = statuses.get(200) ?? 0;
  assert.ok(
    started <= OPEN_CHALLENGES_PER_ADDRESS + 3,
    `${started} started: ${JSON.stringify([...statuses])}`,
  );
  assert.equal(stored, started, 'a transaction for each start, no more');
  assert.ok(pendingRows <= 2 * (NAMES_PER_ADDRESS + 1), `${pendingRows} audit rows`);
  assert.equal(statuses.get(429), 300 - started, 'the others refused: too many open');
});
