/**
 * Migrations: applied once and in order, idempotent on restart, atomic (a failing one leaves
 * nothing behind), safe when two instances start at once, and a database from a newer version is
 * refused. Also checks the per-connection settings the pool must carry (foreign keys, busy timeout 0:
 * the guard in guarded-client.ts waits for locks without blocking the event loop).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import type { Database } from '../../../server/db/database.js';
import { openDatabase } from '../../../server/db/open.js';
import { openTestDatabase } from '../../support/test-database.js';
import { loadMigrations, migrate, SchemaTooNewError } from '../../../server/db/migrate.js';
import { loadOpsSettings } from '../../../server/config/load.js';

async function tempDir(t: { after(fn: () => Promise<void>): void }) {
  const dir = await mkdtemp(join(tmpdir(), 'ipsz-db-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

test('a new file database gets every migration once, in WAL mode, in a folder it creates', async (t) => {
  const dir = await tempDir(t);
  const url = `file:${join(dir, 'nested', 'app.db')}`;
  const db = await openDatabase({ url });
  const files = (await loadMigrations()).map((m) => m.version);
  const rows = await db.execute('SELECT version FROM schema_migrations ORDER BY version');
  assert.deepEqual(
    rows.rows.map((r) => Number(r['version'])),
    files,
  );
  assert.equal(String((await db.execute('PRAGMA journal_mode')).rows[0]![0]), 'wal');
  db.close();
  assert.ok((await readdir(join(dir, 'nested'))).includes('app.db'));
});

test('opening twice changes nothing and keeps the data', async (t) => {
  const dir = await tempDir(t);
  const url = `file:${join(dir, 'app.db')}`;
  const first = await openDatabase({ url });
  await first.execute('UPDATE settings SET two_step_active = 1 WHERE id = 1');
  const before = (await first.execute('SELECT * FROM schema_migrations')).rows;
  first.close();
  const second = await openDatabase({ url });
  assert.deepEqual((await second.execute('SELECT * FROM schema_migrations')).rows, before);
  const s = await second.execute('SELECT two_step_active FROM settings');
  assert.equal(Number(s.rows[0]![0]), 1);
  second.close();
});

test('a database written by a newer version is refused with a clear message', async (t) => {
  const dir = await tempDir(t);
  const url = `file:${join(dir, 'app.db')}`;
  const db = await openDatabase({ url });
  await db.execute("INSERT INTO schema_migrations VALUES (999, 'from-the-future', 0)");
  db.close();
  await assert.rejects(openDatabase({ url }), (err: unknown) => {
    assert.ok(err instanceof SchemaTooNewError);
    assert.match(err.message, /schema version 999.*newer version of ipsafezone/);
    return true;
  });
});

test('a failing migration leaves nothing behind, and the next start retries it', async (t) => {
  const dir = await tempDir(t);
  const mdir = join(dir, 'migrations') + '/';
  await mkdir(mdir);
  await writeFile(join(mdir, '001-one.sql'), 'CREATE TABLE one (x INTEGER);');
  await writeFile(
    join(mdir, '002-two.sql'),
    'CREATE TABLE two (x INTEGER);\nINSERT INTO nowhere VALUES (1);',
  );
  const db = createClient({ url: `file:${join(dir, 'm.db')}` });
  await assert.rejects(migrate(db, await loadMigrations(mdir)), /Migration 2-two failed/);
  const tables = async () =>
    (
      await db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    ).rows.map((r) => String(r['name']));
  assert.deepEqual(await tables(), ['one', 'schema_migrations']);
  await writeFile(join(mdir, '002-two.sql'), 'CREATE TABLE two (x INTEGER);');
  assert.deepEqual(await migrate(db, await loadMigrations(mdir)), [2]);
  assert.deepEqual(await tables(), ['one', 'schema_migrations', 'two']);
  assert.deepEqual(await migrate(db, await loadMigrations(mdir)), []);
  db.close();
});

test('two instances migrating one file at once apply each migration once', async (t) => {
  const dir = await tempDir(t);
  const url = `file:${join(dir, 'app.db')}`;
  const [a, b] = await Promise.all([openDatabase({ url }), openDatabase({ url })]);
  const rows = await a.execute('SELECT count(*) AS n FROM schema_migrations');
  assert.equal(Number(rows.rows[0]!['n']), (await loadMigrations()).length);
  a.close();
  b.close();
});

test('a local database keeps its connection settings — foreign keys on, busy timeout 0, synchronous as configured — under overlapping calls and after the guard re-opens it', async (t) => {
  const dir = await tempDir(t);
  const url = `file:${join(dir, 'app.db')}`;
  const settings = async (db: Database) => {
    // Overlapping calls: a pooled client opened a new connection (with SQLite's defaults) for each.
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        db.batch(['PRAGMA foreign_keys', 'PRAGMA busy_timeout', 'PRAGMA synchronous'], 'read'),
      ),
    );
    return new Set(answers.map((rs) => rs.map((r) => Number(r.rows[0]![0])).join('/')));
  };
  const normal = await openDatabase({ url });
  t.after(() => normal.close());
  assert.deepEqual(await settings(normal), new Set(['1/0/1'])); // NORMAL = 1
  const full = await openDatabase({ url, synchronous: 'full' });
  t.after(() => full.close());
  assert.deepEqual(await settings(full), new Set(['1/0/2'])); // FULL = 2

  // Another writer holds the lock: the guard meets SQLITE_BUSY, re-opens the connection and waits.
  const other = createClient({ url, timeout: 0 });
  t.after(() => other.close());
  const tx = await other.transaction('write');
  await tx.execute("UPDATE settings SET updated_by = 'other'");
  const waiting = normal.execute("UPDATE settings SET updated_by = 'server'");
  await new Promise((resolve) => setTimeout(resolve, 50));
  await tx.commit();
  await waiting;
  assert.deepEqual(await settings(normal), new Set(['1/0/1']));
});

test(':memory: databases are migrated too', async () => {
  const db = await openTestDatabase();
  const rs = await db.execute('SELECT ipsafezone_active FROM settings');
  assert.equal(Number(rs.rows[0]![0]), 0);
  db.close();
});

test('a migration numbered below one already applied (landed in another order) is applied once', async () => {
  const db = createClient({ url: ':memory:' });
  const one = { version: 1, name: 'one', sql: 'CREATE TABLE one (x INTEGER);' };
  const two = { version: 2, name: 'two', sql: 'CREATE TABLE two (x INTEGER);' };
  const three = { version: 3, name: 'three', sql: 'CREATE TABLE three (x INTEGER);' };
  assert.deepEqual(await migrate(db, [one, three]), [1, 3]);
  assert.deepEqual(await migrate(db, [one, two, three]), [2]);
  assert.deepEqual(await migrate(db, [one, two, three]), []);
  const tables = (await db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")).rows.map(
    (r) => r.name,
  );
  assert.ok(tables.includes('two'));
  db.close();
});

test('a file database commits with synchronous NORMAL unless IPSAFEZONE_DB_SYNCHRONOUS=full asks for FULL', async (t) => {
  const dir = await tempDir(t);
  const normal = await openDatabase({ url: `file:${join(dir, 'n.db')}` });
  const full = await openDatabase({ url: `file:${join(dir, 'f.db')}`, synchronous: 'full' });
  t.after(() => {
    normal.close();
    full.close();
  });
  // SQLite's numbers: 1 NORMAL, 2 FULL.
  assert.equal(Number((await normal.execute('PRAGMA synchronous')).rows[0]![0]), 1);
  assert.equal(Number((await full.execute('PRAGMA synchronous')).rows[0]![0]), 2);
  assert.equal(loadOpsSettings({}).dbSynchronous, 'normal');
  assert.equal(loadOpsSettings({ IPSAFEZONE_DB_SYNCHRONOUS: 'FULL' }).dbSynchronous, 'full');
  assert.throws(
    () => loadOpsSettings({ IPSAFEZONE_DB_SYNCHRONOUS: 'off' }),
    /IPSAFEZONE_DB_SYNCHRONOUS.*normal or full/,
  );
});
