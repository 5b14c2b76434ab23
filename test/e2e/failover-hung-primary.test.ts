/**
 * A primary that hangs instead of going away (issue 26 §5, "the network fails"): its processes are
 * frozen (SIGSTOP), so connections to it stay open and new ones are accepted by the kernel, but no
 * answer ever comes — what a client sees of a hung server or of a network that drops packets. A
 * statement sent to it must not hold the request for ever: the instance answers 503 within a
 * bound and /readyz says so; once the standby is promoted, sign-ins resume by themselves.
 * One instance, reached directly (failover.test.ts covers nginx and several instances).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { freePort, type RunningServer } from './harness.js';
import { freeze, type ReplicatedPair } from '../support/postgres-replication.js';
import { INSIDE_ADDRESS, clientFrom, startLoad, waitUntil, type Load } from './failover-load.js';
import { PASSWORD, seededPair, startInstances } from './failover-setup.js';

/** Bounds asserted (generous: the times measured are printed). */
const ANSWER_BOUND_MS = 30_000;
const RESUME_BOUND_MS = 30_000;
const USERS = ['in1', 'in2'];

let pair: ReplicatedPair | undefined;
const instances: RunningServer[] = [];
let load: Load | undefined;
let frozen: { kill(): void } | undefined;

before(async () => {
  const seeded = await seededPair(USERS, (p) => (pair = p));
  await startInstances([await freePort()], seeded.url, {}, instances);
});

after(async () => {
  frozen?.kill();
  await load?.stop();
  await Promise.all(instances.map((s) => s.stop()));
  await pair?.dispose();
});

test('a hung primary: 503 within a bound, then the promoted standby serves', async () => {
  const server = instances[0]!;
  load = startLoad(
    server.inside,
    USERS.map((username) => ({ username, password: PASSWORD })),
    [],
  );
  await waitUntil(() => load!.acks.length >= 10, 60_000, '10 sign-ins before the primary hangs');

  const frozenAt = Date.now();
  frozen = freeze(pair!.primary);
  await waitUntil(
    () => load!.misses.some((m) => m.at > frozenAt && m.status === 503),
    ANSWER_BOUND_MS,
    'a 503 while the primary hangs',
  );
  const answeredAt = load.misses.find((m) => m.at > frozenAt && m.status === 503)!.at;
  const ready = await fetch(`${server.inside}/readyz`);
  assert.equal(ready.status, 503, 'readyz while the primary hangs');

  const promotedAt = Date.now();
  await pair!.promote();
  await waitUntil(
    () => load!.acksAfter(promotedAt).length >= 5,
    RESUME_BOUND_MS,
    '5 sign-ins after the promotion',
  );
  const resumedAt = load.acksAfter(promotedAt)[0]!.at;
  await load.stop();
  console.log(
    `hung primary: first 503 ${((answeredAt - frozenAt) / 1000).toFixed(1)} s after it hung; ` +
      `sign-ins resumed ${((resumedAt - promotedAt) / 1000).toFixed(1)} s after pg_ctl promote ` +
      `began; not acknowledged: ${load.misses.map((m) => m.status).join(' ')}`,
  );
  // Every answer was an answer: 503 while there was no primary, never a 500 or a request held
  // until the client gave up (status 0).
  assert.deepEqual(
    [...new Set(load.misses.map((m) => m.status))].filter((s) => s !== 503),
    [],
  );
  assert.equal((await fetch(`${server.inside}/readyz`)).status, 200, 'readyz after the promotion');
  // The sessions acknowledged before the primary hung are there on the promoted standby.
  const client = clientFrom(server.inside, INSIDE_ADDRESS);
  try {
    for (const ack of load.acks.filter((a) => a.at <= frozenAt)) {
      const r = await client.call('GET', '/api/session', undefined, ack.cookie);
      const user = r.json?.user as { username?: string } | null | undefined;
      assert.equal(user?.username, ack.username, `the session of ${ack.username} at ${ack.at}`);
    }
  } finally {
    client.close();
  }
});
