/**
 * A throw-away PostgreSQL for the tests (issue 26): Debian's server programs
 * (scripts/ensure-postgres.sh finds or installs them; `POSTGRES_BIN`), a cluster made with `initdb`
 * in a temporary folder and started with `pg_ctl` on a free loopback port, as the `postgres` user
 * when we are root (PostgreSQL refuses to run as root). Stopped and removed afterwards — also when
 * the process ends on a failed test (a synchronous exit hook).
 *
 * One cluster serves a whole test run: scripts/with-postgres.ts starts it and hands its URL to the
 * test processes in `IPSAFEZONE_TEST_POSTGRES`; a test file run alone starts its own for its process.
 * Every test database is a fresh `CREATE DATABASE` in it (`freshPostgresDatabase`), which takes a
 * few milliseconds. The cluster trades durability for speed (fsync off): it holds nothing to keep.
 */
import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { freePort } from './slapd.js';

const run = promisify(execFile);

/** The folder of initdb and pg_ctl (scripts/ensure-postgres.sh prints it). */
export function postgresBin(): string {
  if (process.env.POSTGRES_BIN) return process.env.POSTGRES_BIN;
  return execFileSync('bash', [join(import.meta.dirname, '../../scripts/ensure-postgres.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
}

export const asRoot = userInfo().uid === 0;

/** The command and arguments that run `program` as the cluster's owner. */
export function asOwner(program: string, args: string[]): [string, string[]] {
  return asRoot ? ['runuser', ['-u', 'postgres', '--', program, ...args]] : [program, args];
}

export function postgresUid(): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

export interface ClusterOptions {
  /** Extra `-c name=value` settings for the server. */
  settings?: Record<string, string | number>;
  /** Keep fsync on (the failover test wants real commits). Default off. */
  durable?: boolean;
}

export interface PostgresCluster {
  port: number;
  /** Its folder (data in `data/`, the socket and the log beside it). */
  dir: string;
  /** `postgres://postgres@127.0.0.1:<port>/<database>` */
  url(database?: string): string;
  /** Starts it again after stop(), same port and data. */
  start(): Promise<void>;
  /** Stops it (fast shutdown). Safe to call twice. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  /** Stops it and removes its folder. */
  dispose(): Promise<void>;
  /** The same synchronously, for exit hooks. */
  disposeSync(): void;
}

/** Makes and starts a cluster in a new temporary folder. */
export async function startPostgresCluster(options: ClusterOptions = {}): Promise<PostgresCluster> {
  const bin = postgresBin();
  const dir = mkdtempSync(join(tmpdir(), 'ipsafezone-pg-'));
  if (asRoot) {
    const { uid, gid } = postgresUid();
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  const [initCmd, initArgs] = asOwner(join(bin, 'initdb'), [
    '-D',
    data,
    '-A',
    'trust',
    '-U',
    'postgres',
    '-E',
    'UTF8',
    '--locale=C',
    '--no-sync',
  ]);
  await run(initCmd, initArgs);
  const port = await freePort();
  return attachCluster({ bin, dir, data, port, options });
}

/** A cluster whose data folder exists (made by initdb or pg_basebackup): starts it. */
export async function attachCluster(c: {
  bin: string;
  dir: string;
  data: string;
  port: number;
  options?: ClusterOptions;
}): Promise<PostgresCluster> {
  const { bin, dir, data, port } = c;
  const settings: Record<string, string | number> = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: dir,
    max_connections: 200,
    ...(c.options?.durable ? {} : { fsync: 'off', full_page_writes: 'off' }),
    ...c.options?.settings,
  };
  const serverOptions = [`-p ${port}`, ...Object.entries(settings).map(([k, v]) => `-c ${k}=${v}`)];
  const ctl = (args: string[]) => asOwner(join(bin, 'pg_ctl'), ['-D', data, ...args]);
  const log = join(dir, `postgres-${port}.log`);
  let running = false;
  const start = async () => {
    const [cmd, args] = ctl(['-o', serverOptions.join(' '), '-l', log, '-w', '-t', '30', 'start']);
    await run(cmd, args);
    running = true;
  };
  const stop = async (mode: 'fast' | 'immediate' = 'fast') => {
    if (!running) return;
    running = false;
    const [cmd, args] = ctl(['-m', mode, '-w', 'stop']);
    await run(cmd, args).catch(() => undefined);
  };
  const disposeSync = () => {
    if (running) {
      running = false;
      const [cmd, args] = ctl(['-m', 'immediate', '-w', 'stop']);
      try {
        execFileSync(cmd, args, { stdio: 'ignore' });
      } catch {
        // already gone
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', disposeSync);
  await start();
  return {
    port,
    dir,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    start,
    stop,
    dispose: async () => {
      await stop('immediate');
      disposeSync();
    },
    disposeSync,
  };
}

let own: Promise<PostgresCluster> | null = null;

/** The run's cluster (`IPSAFEZONE_TEST_POSTGRES`), or one of this process's own. */
async function clusterUrl(): Promise<string> {
  const given = process.env.IPSAFEZONE_TEST_POSTGRES;
  if (given) return given;
  own ??= startPostgresCluster();
  return (await own).url();
}

/**
 * The database new test databases are copied from, when the run made one
 * (`IPSAFEZONE_TEST_POSTGRES_TEMPLATE`: scripts/with-postgres.ts migrates it once), so that each
 * test database starts migrated without running the migrations again. A test that opens it with
 * openDatabase finds nothing to do; one that wants an empty database asks for `{ empty: true }`.
 */
export const TEMPLATE_DATABASE = 'ipsafezone_template';

/**
 * A new, empty database in the test cluster; its URL. Dropped when `drop` is called (tests call
 * it in their clean-up; a left-over database goes with the cluster anyway).
 */
export async function freshPostgresDatabase(
  options: { empty?: boolean } = {},
): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = await clusterUrl();
  const name = `t_${randomBytes(6).toString('hex')}`;
  const template =
    !options.empty && process.env.IPSAFEZONE_TEST_POSTGRES_TEMPLATE === TEMPLATE_DATABASE
      ? ` TEMPLATE ${TEMPLATE_DATABASE} STRATEGY FILE_COPY`
      : '';
  const sql = postgres(admin, { max: 1, onnotice: () => undefined });
  try {
    // A template still being let go by its last connection (55006) is tried again shortly.
    for (let attempt = 0; ; attempt++) {
      try {
        await sql.unsafe(`CREATE DATABASE ${name}${template}`);
        break;
      } catch (err) {
        if ((err as { code?: string }).code !== '55006' || attempt >= 20) throw err;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  } finally {
    await sql.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const s = postgres(admin, { max: 1, onnotice: () => undefined });
      try {
        await s.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await s.end();
      }
    },
  };
}
