/**
 * The database a server test runs on: libSQL (an in-memory database, or a file in a temporary
 * folder) by default, or — with `IPSAFEZONE_TEST_DB=postgres`, the second pass of
 * scripts/test-server.sh — a fresh database in the run's throw-away PostgreSQL cluster
 * (test/support/postgres.ts). One switch for every store, domain, login, OIDC and security test, so
 * the same tests check both backends (issue 26). Closing the client also drops the PostgreSQL
 * database.
 */
import type { Client } from '@libsql/client';
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
): Promise<Client> {
  if (TEST_BACKEND === 'libsql') return openDatabase({ url: libsqlUrl, ...options });
  const fresh = await freshPostgresDatabase();
  const db = await openDatabase({ url: fresh.url, ...options });
  const close = db.close.bind(db);
  (db as { close: () => void }).close = () => {
    close();
    // The pool ends first; FORCE drops what is still connected.
    void fresh.drop().catch(() => undefined);
  };
  return db;
}

/** A fresh PostgreSQL database URL on this run's cluster (tests that open the database themselves). */
export { freshPostgresDatabase };
