/**
 * A PostgreSQL primary with a synchronous streaming standby, both throw-away, on one machine
 * (issue 26 §5: the failover test). The primary is made by `startPostgresCluster` (postgres.ts) with
 * real commits (`durable`) and `synchronous_standby_names = pg2`; the standby is copied from it with
 * `pg_basebackup -R` (which writes `primary_conninfo` and `standby.signal`) into a second temporary
 * folder and started on a second loopback port with `cluster_name = pg2`, the name its WAL receiver
 * reports to the primary. `startReplicatedPair` returns once the primary reports that standby as
 * `sync`: from then on a commit is acknowledged only after the standby has flushed it.
 *
 * Why `synchronous_commit = on` (PostgreSQL's default) and not `remote_apply`: `on` waits until the
 * standby has written the commit to disk, which is what a promotion needs to keep it — promotion
 * replays all received WAL first. `remote_apply` also waits until the standby has *applied* it, which
 * only matters to someone reading from the standby; ipsafezone reads from the primary only
 * (`target_session_attrs`), so it would add latency to every sign-in for nothing.
 */
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import postgres from 'postgres';
import {
  asOwner,
  asRoot,
  attachCluster,
  postgresBin,
  postgresUid,
  startPostgresCluster,
  type PostgresCluster,
} from './postgres.js';
import { freePort } from './slapd.js';

const run = promisify(execFile);

export const STANDBY_NAME = 'pg2';

export interface ReplicatedPair {
  primary: PostgresCluster;
  standby: PostgresCluster;
  /** `postgres://postgres@127.0.0.1:P1,127.0.0.1:P2/<db>?target_session_attrs=read-write` */
  url(database: string): string;
  /** `pg_ctl promote` on the standby, waiting until it accepts writes. */
  promote(): Promise<void>;
  /** Stops both and removes their folders. */
  dispose(): Promise<void>;
}

/** What the primary says about its standbys (`pg_stat_replication`). */
async function replicationState(url: string): Promise<{ name: string; sync: string }[]> {
  const sql = postgres(url, { max: 1, onnotice: () => undefined });
  try {
    const rows = await sql`SELECT application_name, sync_state FROM pg_stat_replication`;
    return rows.map((r) => ({ name: String(r.application_name), sync: String(r.sync_state) }));
  } finally {
    await sql.end();
  }
}

export async function startReplicatedPair(): Promise<ReplicatedPair> {
  const bin = postgresBin();
  const primary = await startPostgresCluster({
    durable: true,
    settings: { cluster_name: 'pg1', synchronous_standby_names: STANDBY_NAME },
  });
  let standby: PostgresCluster | undefined;
  try {
    const dir = mkdtempSync(join(tmpdir(), 'ipsafezone-pg-standby-'));
    if (asRoot) {
      const { uid, gid } = postgresUid();
      chownSync(dir, uid, gid);
    }
    const data = join(dir, 'data');
    try {
      const [cmd, args] = asOwner(join(bin, 'pg_basebackup'), [
        ...['-D', data, '-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres'],
        ...['-R', '-X', 'stream', '--checkpoint=fast', '--no-sync'],
      ]);
      await run(cmd, args);
    } catch (err) {
      rmSync(dir, { recursive: true, force: true });
      throw err;
    }
    standby = await attachCluster({
      bin,
      dir,
      data,
      port: await freePort(),
      options: { durable: true, settings: { cluster_name: STANDBY_NAME } },
    });
    // Until the primary counts the standby as synchronous, commits would not wait for it.
    for (let i = 0; ; i++) {
      const state = await replicationState(primary.url());
      if (state.some((s) => s.name === STANDBY_NAME && s.sync === 'sync')) break;
      if (i >= 300) throw new Error(`standby never became synchronous: ${JSON.stringify(state)}`);
      await sleep(100);
    }
  } catch (err) {
    await standby?.dispose();
    await primary.dispose();
    throw err;
  }
  const theStandby = standby;
  return {
    primary,
    standby: theStandby,
    url: (database) =>
      `postgres://postgres@127.0.0.1:${primary.port},127.0.0.1:${theStandby.port}/${database}` +
      '?target_session_attrs=read-write',
    promote: async () => {
      const [cmd, args] = asOwner(join(bin, 'pg_ctl'), [
        ...['-D', join(theStandby.dir, 'data'), '-w', '-t', '30', 'promote'],
      ]);
      await run(cmd, args);
    },
    dispose: async () => {
      await theStandby.dispose();
      await primary.dispose();
    },
  };
}

/**
 * Freezes a running cluster (SIGSTOP to the postmaster and its children): its sockets stay open and
 * the kernel still accepts connections, but nothing answers — a hung server, or one behind a network
 * that drops packets, as clients see it. `kill()` ends the frozen processes (SIGKILL works on
 * stopped ones); it also runs first when the test process exits.
 */
export function freeze(cluster: PostgresCluster): { kill(): void } {
  const first = readFileSync(join(cluster.dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0];
  const postmaster = Number(first);
  const children = execFileSync('ps', ['--ppid', String(postmaster), '-o', 'pid='], {
    encoding: 'utf8',
  })
    .split('\n')
    .map(Number)
    .filter((pid) => pid > 0);
  const pids = [postmaster, ...children];
  for (const pid of pids) process.kill(pid, 'SIGSTOP');
  let killed = false;
  const kill = () => {
    if (killed) return;
    killed = true;
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone already
      }
    }
  };
  process.prependOnceListener('exit', kill);
  return { kill };
}
