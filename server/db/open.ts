/**
 * Opens the libSQL database named by `DATABASE_URL` and brings its schema up to date. For local
 * files it creates the folder, switches to WAL (persistent in the file), and sets a busy timeout on
 * every connection through the client's `timeout` option — the client keeps a pool of connections,
 * so a pragma run once would reach only one of them. Foreign keys are on by default in libSQL on
 * every connection; this is checked here rather than assumed.
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, type Client } from '@libsql/client';
import { loadMigrations, migrate } from './migrate.js';

/** How long a local connection waits for another writer before giving up (SQLite busy timeout). */
export const BUSY_TIMEOUT_MS = 5000;

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
export async function openDatabase(options: { url: string; authToken?: string }): Promise<Client> {
  const url = options.url.trim();
  if (url === '') throw new Error('DATABASE_URL is empty.');
  const file = localFilePath(url);
  if (file !== null) await mkdir(dirname(file), { recursive: true });
  const db = createClient({
    url,
    ...(options.authToken ? { authToken: options.authToken } : {}),
    timeout: BUSY_TIMEOUT_MS,
  });
  try {
    if (file !== null) {
      const rs = await db.execute('PRAGMA journal_mode = WAL');
      const value = rs.rows[0]?.[0];
      const mode = (typeof value === 'string' ? value : '').toLowerCase();
      if (mode !== 'wal') throw new Error(`Could not switch ${file} to WAL (got "${mode}").`);
    }
    if (url === ':memory:' || file !== null) {
      const fk = await db.execute('PRAGMA foreign_keys');
      if (Number(fk.rows[0]?.[0]) !== 1) {
        throw new Error('This libSQL build opens connections with foreign keys off.');
      }
    }
    await migrate(db, await loadMigrations());
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
