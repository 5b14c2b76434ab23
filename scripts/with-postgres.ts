/**
 * Runs a command beside one throw-away PostgreSQL cluster (test/support/postgres.ts) and removes
 * the cluster afterwards, whatever the command's outcome: the test scripts' PostgreSQL pass starts
 * one cluster per run this way instead of one per test file. The command gets the cluster's URL in
 * `IPSAFEZONE_TEST_POSTGRES` (each test then makes its own database in it, copied from a migrated
 * template database: `IPSAFEZONE_TEST_POSTGRES_TEMPLATE`).
 * Usage: node --import tsx scripts/with-postgres.ts COMMAND [ARGS…]
 */
import { spawn } from 'node:child_process';
import postgres from 'postgres';
import { openDatabase } from '../server/db/open.js';
import { startPostgresCluster, TEMPLATE_DATABASE } from '../test/support/postgres.js';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: with-postgres.ts COMMAND [ARGS…]');
  process.exit(2);
}
const cluster = await startPostgresCluster();
// One migrated database the tests' databases are copied from (test/support/postgres.ts).
const admin = postgres(cluster.url(), { max: 1, onnotice: () => undefined });
await admin.unsafe(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
await admin.end();
(await openDatabase({ url: cluster.url(TEMPLATE_DATABASE) })).close();
const child = spawn(command, args, {
  stdio: 'inherit',
  env: {
    ...process.env,
    IPSAFEZONE_TEST_POSTGRES: cluster.url(),
    IPSAFEZONE_TEST_POSTGRES_TEMPLATE: TEMPLATE_DATABASE,
  },
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => child.kill(signal));
}
const code = await new Promise<number>((resolve) =>
  child.on('exit', (c, s) => resolve(c ?? (s ? 128 : 1))),
);
await cluster.dispose();
process.exit(code);
