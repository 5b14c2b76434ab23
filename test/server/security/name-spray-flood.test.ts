/**
 * Threat (denial of service by disk; password spraying): a locked address does not lock out a
 * name that has not failed from it (issue 14, item 6, for an office behind one NAT). So a client
 * that sent every password guess with another made-up user name was never refused, and each guess
 * wrote two rate-limit rows (the name's, the name-at-address pair's) and an audit row: the database
 * grew with every request, and the guesses never stopped. Now, once the address group (IPv4
 * address, IPv6 /64) has made ADDRESS_ATTEMPTS_FOR_NEW_NAMES attempts in its locked window, new
 * names from it are refused too until the lock ends — without a database write — and the
 * refusals are aggregated and counted in the metrics.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ADDRESS_ATTEMPTS_FOR_NEW_NAMES } from '../../../server/domain/login/rate-limit.js';
import { NAMES_PER_ADDRESS, aggregatedAuditFor } from '../../../server/domain/aggregated-audit.js';
import { runHousekeeping } from '../../../server/domain/housekeeping.js';
import { PASSWORD, startFixture, type Fixture } from '../login/fixture.js';
import { metricSum } from '../../support/metric-sum.js';

const FLOOD = 300;
/** Inside the fixture's Office zone: the password alone decides. */
const ATTACKER = '10.1.77.77';

let f: Fixture;
before(async () => {
  f = await startFixture();
});
after(() => f.close());

async function rows(table: string): Promise<number> {
  const rs = await f.db.execute(`SELECT COUNT(*) AS n FROM ${table}`);
  return Number(rs.rows[0]!['n']);
}

const decisions = (outcome: string) =>
  metricSum(f.app.metrics.registry, 'ipsafezone_decisions_total', {
    door: 'login.password',
    outcome,
  });

test(`${FLOOD} guesses from one address, each with a new name: bounded rows, then refused`, async () => {
  const [limits, audit] = [await rows('rate_limits'), await rows('audit_log')];
  const counted = (await decisions('invalid_credentials')) + (await decisions('locked'));
  const statuses: number[] = [];
  for (let i = 0; i < FLOOD; i += 4) {
    const answers = await Promise.all(
      [0, 1, 2, 3].map((k) =>
        f.client(ATTACKER).post('/api/login/password', {
          username: `spray${i + k}`,
          password: 'Winter2026!',
        }),
      ),
    );
    statuses.push(...answers.map((a) => a.status));
  }
  const grownLimits = (await rows('rate_limits')) - limits;
  const grownAudit = (await rows('audit_log')) - audit;
  console.log(`rate_limits +${grownLimits}, audit_log +${grownAudit} for ${FLOOD} guesses`);
  const refused = statuses.filter((s) => s === 429).length;
  assert.equal(statuses.filter((s) => s === 401).length + refused, FLOOD);
  assert.ok(refused >= FLOOD - ADDRESS_ATTEMPTS_FOR_NEW_NAMES - 4, `${refused} refused`);
  assert.ok(grownLimits <= 2 * ADDRESS_ATTEMPTS_FOR_NEW_NAMES + 10, `rate_limits +${grownLimits}`);
  // A row per guess that was checked, then the refusals aggregated (20 names, the rest folded).
  const auditBound = ADDRESS_ATTEMPTS_FOR_NEW_NAMES + NAMES_PER_ADDRESS + 5;
  assert.ok(grownAudit <= auditBound, `audit_log +${grownAudit}`);
  const now = (await decisions('invalid_credentials')) + (await decisions('locked'));
  assert.equal(now, counted + FLOOD, 'every guess counted');

  // Another address is not affected; the colleague with the right password gets in elsewhere.
  const other = await f.client('10.1.77.78').post('/api/login/password', {
    username: 'carol',
    password: PASSWORD,
  });
  assert.equal(other.status, 200);

  // Once the address's lock has ended, it may sign in again.
  f.clock.advance(16 * 60_000);
  const later = await f
    .client(ATTACKER)
    .post('/api/login/password', { username: 'carol', password: PASSWORD });
  assert.equal(later.status, 200, JSON.stringify(later.body));
  await aggregatedAuditFor(f.db, f.clock).flush({ all: true });
});

test('two hours of spraying, housekeeping as main.ts runs it: the counters do not pile up', async () => {
  // The spray cap bounds each lock window (about 200 counter rows), but counters whose window and
  // lock had passed were kept a day: 19,000 rows a day from one address. They decide nothing any
  // more (a window that passed starts again at 1), so housekeeping deletes them once the longest
  // window has passed.
  const address = '10.1.77.90';
  let name = 0;
  for (let round = 0; round < 8; round++) {
    for (let i = 0; i < ADDRESS_ATTEMPTS_FOR_NEW_NAMES + 8; i += 4) {
      await Promise.all(
        [0, 1, 2, 3].map(() =>
          f.client(address).post('/api/login/password', {
            username: `later${name++}`,
            password: 'Spring2027!',
          }),
        ),
      );
    }
    f.clock.advance(8 * 60_000);
    await runHousekeeping(f.db, f.clock);
    f.clock.advance(8 * 60_000);
    await runHousekeeping(f.db, f.clock);
  }
  const kept = await rows('rate_limits');
  assert.ok(kept <= 2 * (2 * ADDRESS_ATTEMPTS_FOR_NEW_NAMES + 1), `${kept} counter rows kept`);
});
