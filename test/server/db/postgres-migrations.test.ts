/**
 * The two backends' schemas stay one schema (issue 26): every libSQL migration has its PostgreSQL
 * twin (same number and name, or covered by the baseline), and after migrating a fresh database on
 * each, the same tables have the same columns and the same views exist. A migration landed for one
 * backend only fails here. Runs on both test passes: it opens one database of each kind itself.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  loadMigrations,
  POSTGRES_MIGRATIONS_DIR,
  schemaVersion,
} from '../../../server/db/migrate.js';
import { openDatabase } from '../../../server/db/open.js';
import type { Database } from '../../../server/db/database.js';
import { freshPostgresDatabase } from '../../support/postgres.js';

test('every libSQL migration has its PostgreSQL twin', async () => {
  const lite = await loadMigrations();
  const pg = await loadMigrations(POSTGRES_MIGRATIONS_DIR);
  const covered = new Map<number, string>();
  for (const m of pg) for (const v of m.covers ?? [m.version]) covered.set(v, m.name);
  for (const m of lite) {
    assert.ok(covered.has(m.version), `no PostgreSQL migration for ${m.version}-${m.name}`);
    const twin = pg.find((p) => p.version === m.version);
    if (twin && (twin.covers ?? []).length <= 1)
      assert.equal(twin.name, m.name, `migration ${m.version} is named differently`);
  }
  assert.deepEqual(
    [...covered.keys()].sort((a, b) => a - b),
    lite.map((m) => m.version),
    'PostgreSQL has a migration libSQL lacks',
  );
});

async function sqliteShape(db: Database): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const rs = await db.execute(
    "SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'",
  );
  for (const r of rs.rows) {
    const name = String(r['name']);
    const cols = await db.execute(`SELECT name FROM pragma_table_info('${name}') ORDER BY name`);
    out.set(`${String(r['type'])} ${name}`, cols.rows.map((c) => String(c['name'])).join(','));
  }
  return out;
}

async function postgresShape(db: Database): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const rs = await db.execute(
    `SELECT c.table_name AS name, t.table_type AS type,
            string_agg(c.column_name::text, ',' ORDER BY c.column_name::text COLLATE "C") AS cols
     FROM information_schema.columns c
     JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
     WHERE c.table_schema = 'public' GROUP BY c.table_name, t.table_type`,
  );
  for (const r of rs.rows) {
    const type = r['type'] === 'VIEW' ? 'view' : 'table';
    out.set(`${type} ${String(r['name'])}`, String(r['cols']));
  }
  return out;
}

test('both backends migrate to the same tables, columns and views', async (t) => {
  const lite = await openDatabase({ url: ':memory:' });
  t.after(() => lite.close());
  const fresh = await freshPostgresDatabase({ empty: true });
  const pg = await openDatabase({ url: fresh.url });
  t.after(async () => {
    pg.close();
    await fresh.drop();
  });
  assert.equal(await schemaVersion(pg), await schemaVersion(lite));
  const a = await sqliteShape(lite);
  const b = await postgresShape(pg);
  assert.deepEqual(
    [...b.entries()].sort(),
    [...a.entries()].map(([k, v]) => [k, v.split(',').sort().join(',')] as const).sort(),
  );
});
