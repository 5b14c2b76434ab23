/**
 * The database a server test runs on: libSQL (an in-memory database, or a file in a temporary
 * folder) by default, or — with `IPSAFEZONE_TEST_DB=postgres`, the second pass of
 * scripts/test-server.sh — a fresh database in the run's throw-away PostgreSQL cluster
 * (test/support/postgres.ts). One switch for every store, domain, login, OIDC and security test, so
 * the same tests check both backends (issue 26). Closing the client also drops the PostgreSQL
 * database.
 */
import './fast-password-hashing.js';
import type { Database } from '../../server/db/database.js';
import { openDatabase, type OpenOptions } from '../../server/db/open.js';
import { freshPostgresDatabase } from './postgres.js';

export type TestBackend = 'libsql' | 'postgres';

/** The backend of this test run. */
export const TEST_BACKEND: TestBackend =
  process.env.IPSAFEZONE_TEST_DB === 'postgres' ? 'postgres' : 'libsql';

/**
 * A new, migrated database on this run's backend. `libsqlUrl` is the libSQL URL to use
 * (default `:memory:`); `options` go to openDatabase on both.
 */
export async function openTestDatabase(
  libsqlUrl = ':memory:',
  options: Omit<OpenOptions, 'url'> = {},
): Promise<Database> {
  if (TEST_BACKEND === 'libsql') return openDatabase({ url: libsqlUrl, ...options });
  const fresh = await freshPostgresDatabase();
  const db = await openDatabase({ url: fresh.url, ...options });
  urls.set(db, fresh.url);
  const close = db.close.bind(db);
  (db as { close: () => void }).close = () => {
    close();
    // The pool ends first; FORCE drops what is still connected.
    void fresh.drop().catch(() => undefined);
  };
  return db;
}

const urls = new WeakMap<Database, string>();

/** The URL a second instance opens to share `db` (a libSQL file, or the PostgreSQL database). */
export async function testDatabaseUrl(db: Database): Promise<string> {
  const known = urls.get(db);
  if (known) return known;
  const file = (await db.execute('PRAGMA database_list')).rows[0]?.['file'];
  if (typeof file !== 'string' || file === '') throw new Error('An in-memory database has no URL.');
  return `file:${file}`;
}

/**
 * The database's size in bytes (SQLite: its pages, the WAL's included). PostgreSQL keeps the old
 * versions of updated rows until a vacuum, so its tables are compacted first (VACUUM FULL, quick
 * on a test database), and what is measured is what ipsafezone's tables and indexes take.
 */
export async function databaseBytes(db: Database): Promise<number> {
  if (TEST_BACKEND === 'postgres') {
    await db.execute('VACUUM FULL');
    const rs = await db.execute(
      'SELECT sum(pg_total_relation_size(relid)) AS n FROM pg_catalog.pg_stat_user_tables',
    );
    return Number(rs.rows[0]!['n']);
  }
  const pages = await db.execute('PRAGMA page_count');
  const size = await db.execute('PRAGMA page_size');
  return Number(pages.rows[0]![0]) * Number(size.rows[0]![0]);
}

/** The bytes a table and its indexes take (SQLite's dbstat; PostgreSQL's relation sizes). */
export async function tableBytes(db: Database, table: string): Promise<number> {
  const rs =
    TEST_BACKEND === 'postgres'
      ? await db.execute({ sql: 'SELECT pg_total_relation_size(?::regclass) AS n', args: [table] })
      : await db.execute({
          sql: 'SELECT sum(pgsize) AS n FROM dbstat WHERE name IN (SELECT name FROM sqlite_schema WHERE tbl_name = ?)',
          args: [table],
        });
  return Number(rs.rows[0]!['n']);
}

/** A fresh PostgreSQL database URL on this run's cluster (tests that open the database themselves). */
export { freshPostgresDatabase };
