/**
 * What both failover tests (failover.test.ts, failover-hung-primary.test.ts) start from: a primary
 * with a synchronous standby (test/support/postgres-replication.ts) holding an `ipsafezone`
 * database set up with the command line — an administrator, the users, one zone (127.0.0.1, where
 * the inside clients connect from), ipsafezone on and two-step outside — and the instances' start,
 * each with DATABASE_URL naming both hosts. Each instance started is handed back, also when another
 * failed to start, so that the test's `after` can stop it.
 */
import assert from 'node:assert/strict';
import postgres from 'postgres';
import { startServer, type RunningServer } from './harness.js';
import { startReplicatedPair, type ReplicatedPair } from '../support/postgres-replication.js';
import { runCliOn } from '../support/run-cli.js';
import { INSIDE_ADDRESS } from './failover-load.js';

export const PASSWORD = 'failover test password 0123';
const SECRET_KEY = 'e2e-failover-secret-key-0123456789abcdef';

/** The pair, its `ipsafezone` database set up with `usernames` (password PASSWORD) besides admin. */
export async function seededPair(
  usernames: string[],
  onStarted: (pair: ReplicatedPair) => void,
): Promise<{ pair: ReplicatedPair; url: string }> {
  const pair = await startReplicatedPair();
  onStarted(pair);
  const admin = postgres(pair.primary.url(), { max: 1, onnotice: () => undefined });
  await admin.unsafe('CREATE DATABASE ipsafezone');
  await admin.end();
  const url = pair.url('ipsafezone');
  const cli = async (args: string[], stdin = '') => {
    const r = await runCliOn(url, args, stdin);
    assert.equal(r.status, 0, `ipsafezone ${args.join(' ')}: ${r.err}`);
  };
  const adminArgs = ['--admin', '--secsign-id', 'admin.example'];
  await cli(['user', 'add', '--username', 'admin', '--password-stdin', ...adminArgs], PASSWORD);
  for (const name of usernames) {
    await cli(['user', 'add', '--username', name, '--password-stdin'], PASSWORD);
  }
  await cli(['zone', 'add', '--name', 'Office', '--range', INSIDE_ADDRESS]);
  for (const [name, value] of [
    ['ipsafezone', 'on'],
    ['2sa', 'on'],
    ['first-factor-inside', 'on'],
  ]) {
    await cli(['settings', 'set', name!, value!]);
  }
  return { pair, url };
}

/** Starts an instance per port on `url`; `into` gets each one that started. */
export async function startInstances(
  ports: number[],
  url: string,
  env: Record<string, string>,
  into: RunningServer[],
): Promise<void> {
  const started = await Promise.allSettled(
    ports.map((port) =>
      startServer({
        port,
        args: [],
        env: {
          HOST: '127.0.0.1',
          DATABASE_URL: url,
          IPSAFEZONE_SECRET_KEY: SECRET_KEY,
          ...env,
        },
      }),
    ),
  );
  for (const r of started) if (r.status === 'fulfilled') into.push(r.value);
  for (const r of started) if (r.status === 'rejected') throw r.reason;
}
