/**
 * Opens the libSQL database named by `DATABASE_URL` and brings its schema up to date. For local
 * files it creates the folder (0750) and the file (0600; file-permissions.ts) — only when asked to
 * create the database: the server refuses to start
 * on a missing file rather than silently beginning an empty one with IPSafeZone off — switches to
 * WAL (persistent in the file) and gives every connection a busy timeout of 0 through the client's
 * `timeout` option: waiting for another writer's lock is done asynchronously by the guard
 * (guarded-client.ts), because the driver's own wait blocks the event loop. Foreign keys are on by
 * default in libSQL on every connection; this is checked here rather than assumed.
 *
 * A local file gets ONE connection (the client's `concurrency: 1`). The client otherwise keeps a
 * pool of up to 20 and opens another whenever two calls overlap — each new one with SQLite's
 * defaults, so `PRAGMA synchronous = NORMAL` held on the first connection only and most commits
 * were flushed to disk on the event loop after all (measured: one fsync per sign-in under load).
 * The local driver runs every statement synchronously, so a second connection never ran anything
 * in parallel; and the server uses no interactive transactions, the one thing that holds a
 * connection across calls. After a fault the guard re-opens the connection and applies the same
 * settings again before the next statement.
 *
 * A `postgres://` (or `postgresql://`) URL opens the PostgreSQL backend instead (issue 26;
 * server/db/postgres/open-postgres.ts) with PostgreSQL's migrations. There too a database without
 * ipsafezone's schema is refused unless creating was asked for.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createClient } from '@libsql/client';
import type { Database } from './database.js';
import { loadMigrations, migrate, POSTGRES_MIGRATIONS_DIR } from './migrate.js';
import { isPostgresUrl } from './dialect.js';
import { openPostgresClient } from './postgres/open-postgres.js';
import { fileIdentity } from './file-identity.js';
import { createPrivately } from './file-permissions.js';
import { guardClient, type GuardOptions } from './guarded-client.js';
import type { DbSynchronous } from '../config/settings.js';

/** How long, in all, a statement waits for another writer's lock before the request gets a 503. */
export const DEFAULT_BUSY_WAIT_MS = 1000;

/** How long start-up waits for the lock to apply migrations (another instance may be migrating). */
const MIGRATION_WAIT_MS = 15_000;

/** Thrown when the database file does not exist and creating it was not asked for. */
export class DatabaseMissingError extends Error {
  constructor(readonly path: string) {
    super(
      `There is no database at ${path}. Create it with the first set-up (npm run ipsafezone -- user add …) ` +
        'or start the server once with --init. (Refusing to start on a new, empty database: a missing ' +
        'file usually means a wrong DATABASE_URL or a lost volume.)',
    );
    this.name = 'DatabaseMissingError';
  }
}

export interface OpenOptions {
  url: string;
  authToken?: string;
  /** Create a missing local database file (CLI, --init, --demo, tests). Default true. */
  create?: boolean;
  /** See DEFAULT_BUSY_WAIT_MS. */
  busyWaitMs?: number;
  /**
   * SQLite's `synchronous` for a local file; default `normal`. In WAL mode `normal` never
   * corrupts the file, but the last commits before a power loss or an OS crash (not a crash of
   * this process) may be lost; `full` flushes every commit to disk — on the event loop, since the
   * local driver is synchronous: about 1 ms per commit on the project machine, far more on a busy
   * disk, and every request waits meanwhile (issue 13). Applied again whenever the guard re-opens
   * the connection after a fault.
   */
  synchronous?: DbSynchronous;
  onFault?: GuardOptions['onFault'];
  onFileProblem?: GuardOptions['onFileProblem'];
}

/** The default database when `DATABASE_URL` is not set (the caller applies it). */
export const DEFAULT_DATABASE_URL = 'file:data/ipsafezone.db';

/** The local file path of a `file:` URL, or null for `:memory:` and remote URLs. */
export function localFilePath(url: string): string | null {
  if (!url.startsWith('file:')) return null;
  const rest = url.slice('file:'.length).split('?')[0]!;
  if (rest === '' || rest === ':memory:') return null;
  if (rest.startsWith('//')) return fileURLToPath(url.split('?')[0]!);
  return decodeURIComponent(rest);
}

/**
 * Opens and migrates the database. `file:` URLs get their folder created and WAL; `:memory:`,
 * `libsql://`, `http(s)://` and `ws(s)://` URLs are passed to @libsql/client as they are.
 */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  const url = options.url.trim();
  if (url === '') throw new Error('DATABASE_URL is empty.');
  if (isPostgresUrl(url)) return openPostgresDatabase(url, options);
  const file = localFilePath(url);
  if (file !== null) {
    if (options.create === false && !existsSync(file)) throw new DatabaseMissingError(file);
    createPrivately(file);
  }
  const bare = createClient({
    url,
    ...(options.authToken ? { authToken: options.authToken } : {}),
    timeout: 0,
    ...(file !== null ? { concurrency: 1 } : {}),
  });
  const sync = options.synchronous ?? 'normal';
  const connectionSetup = async (client: Database) => {
    await client.execute(`PRAGMA synchronous = ${sync === 'full' ? 'FULL' : 'NORMAL'}`);
  };
  const guard = (waitMs: number): Database =>
    guardClient(bare, {
      waitMs,
      ...(file !== null ? { identity: fileIdentity(file), connectionSetup } : {}),
      ...(options.onFault ? { onFault: options.onFault } : {}),
      ...(options.onFileProblem ? { onFileProblem: options.onFileProblem } : {}),
    });
  const db = guard(MIGRATION_WAIT_MS);
  try {
    if (file !== null) {
      const rs = await db.execute('PRAGMA journal_mode = WAL');
      const value = rs.rows[0]?.[0];
      const mode = (typeof value === 'string' ? value : '').toLowerCase();
      if (mode !== 'wal') throw new Error(`Could not switch ${file} to WAL (got "${mode}").`);
      await connectionSetup(db);
    }
    if (url === ':memory:' || file !== null) {
      const fk = await db.execute('PRAGMA foreign_keys');
      if (Number(fk.rows[0]?.[0]) !== 1) {
        throw new Error('This libSQL build opens connections with foreign keys off.');
      }
    }
    await migrate(db, await loadMigrations());
    return guard(options.busyWaitMs ?? DEFAULT_BUSY_WAIT_MS);
  } catch (err) {
    db.close();
    throw err;
  }
}

/** `url` with its password masked, for messages. */
export function maskedUrl(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}

async function openPostgresDatabase(url: string, options: OpenOptions): Promise<Database> {
  const db = openPostgresClient({
    url,
    waitMs: options.busyWaitMs ?? DEFAULT_BUSY_WAIT_MS,
    ...(options.onFault ? { onFault: options.onFault } : {}),
  });
  try {
    if (options.create === false) {
      const rs = await db.execute("SELECT to_regclass('schema_migrations') AS t");
      if (rs.rows[0]?.['t'] === null) throw new DatabaseMissingError(maskedUrl(url));
    }
    await migrate(db, await loadMigrations(POSTGRES_MIGRATIONS_DIR));
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
