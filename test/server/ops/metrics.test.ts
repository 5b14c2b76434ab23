/**
 * Metrics that the process test does not reach: the SecSign ID round trip (the client wrapped by
 * `timedSecSign`, talking to the embedded ID server over real HTTP: a success and an unknown ID),
 * and the database fault counter fed by the guard (a real SQLITE_BUSY under a held write lock).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { createHttpApiClient } from '../../../server/secsign/client.js';
import { createMetrics, timedSecSign } from '../../../server/ops/metrics.js';
import { openDatabase } from '../../../server/db/open.js';
import { startSim } from '../secsign/helpers.js';

const input = (secSignId: string) => ({
  secSignId,
  serviceName: 'Jira',
  serviceAddress: 'https://jira.example.com',
  showAccessPass: true,
});

/** The metrics these tests count in (as main.ts makes the process's). */
const metrics = createMetrics();

async function sampleCount(name: string, labels: Record<string, string>): Promise<number> {
  const metric = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === name);
  const matching = (metric?.values ?? []).filter(
    (v) =>
      Object.entries(labels).every(([k, x]) => v.labels[k] === x) &&
      ('metricName' in v ? v.metricName === `${name}_count` : true),
  );
  return matching.reduce((n, v) => n + v.value, 0);
}

test('the SecSign ID round trip is observed per call and outcome', async (t) => {
  const run = await startSim({ sessionTtlMs: 120_000 });
  t.after(() => run.close());
  const client = timedSecSign(createHttpApiClient({ servers: [run.url] }), metrics);
  const okBefore = await sampleCount('ipsafezone_secsign_round_trip_seconds', {
    call: 'request',
    outcome: 'ok',
  });
  await client.requestAuthSession(input('alice'));
  await assert.rejects(client.requestAuthSession(input('nobody-here')));
  assert.equal(
    await sampleCount('ipsafezone_secsign_round_trip_seconds', { call: 'request', outcome: 'ok' }),
    okBefore + 1,
  );
  assert.ok(
    (await sampleCount('ipsafezone_secsign_round_trip_seconds', {
      call: 'request',
      outcome: 'no_such_id',
    })) >= 1,
  );
});

test('database faults are counted by code', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ipsz-metrics-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const url = `file:${join(dir, 'a.db')}`;
  const db = await openDatabase({
    url,
    busyWaitMs: 50,
    onFault: (code) => metrics.dbErrors.inc({ code }),
  });
  t.after(() => db.close());
  const before = await sampleCount('ipsafezone_database_errors_total', { code: 'SQLITE_BUSY' });
  const other = createClient({ url });
  const tx = await other.transaction('write');
  await tx.execute("UPDATE change_counters SET value = value WHERE name = 'zones'");
  await assert.rejects(db.execute("UPDATE change_counters SET value = 1 WHERE name = 'zones'"));
  await tx.rollback();
  other.close();
  assert.equal(
    await sampleCount('ipsafezone_database_errors_total', { code: 'SQLITE_BUSY' }),
    before + 1,
  );
});
