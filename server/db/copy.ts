/**
 * Moving house (issue 26): copies everything an ipsafezone database holds — users, their factors
 * and recovery codes, directories, zones, settings, sessions, OpenID Connect clients, keys and
 * state, the audit log — from one database into another that was just migrated and holds nothing
 * yet, typically from the embedded libSQL file into PostgreSQL (`ipsafezone db copy --to …`).
 *
 * - Refused unless both are at the same schema version and the target is empty (only the rows its
 *   migrations seed, which the copy replaces: the tables a freshly migrated in-memory database
 *   already has rows in — so a migration that seeds a new table needs no edit here).
 * - One transaction on the target (one batch): a copy that fails leaves the target as it was.
 * - Rows keep their ids; PostgreSQL's identity counters are moved past the highest copied id.
 * - Counted twice: what was read from the source and what the target holds afterwards.
 */
import type { Database, Statement } from './database.js';
import { dialectOf } from './dialect.js';
import { schemaVersion } from './migrate.js';
import { openDatabase } from './open.js';

/** Tables in an order that respects their references (users before what points at users). */
const FIRST = ['users', 'settings', 'change_counters', 'zones', 'directories'];
/** Not copied: the target's own migrations wrote it. */
const SKIPPED: ReadonlySet<string> = new Set(['schema_migrations']);
/** Rows per INSERT statement. */
const CHUNK = 200;

export interface CopyCount {
  table: string;
  rows: number;
}

/** Thrown when the copy is refused; nothing was written. */
export class CopyRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CopyRefused';
  }
}

async function tablesOf(db: Database): Promise<string[]> {
  const rs =
    dialectOf(db) === 'postgres'
      ? await db.execute(
          "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
        )
      : await db.execute(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
        );
  return rs.rows
    .map((r) => (typeof r['name'] === 'string' ? r['name'] : ''))
    .filter((t) => t !== '' && !SKIPPED.has(t));
}

async function count(db: Database, table: string): Promise<number> {
  const rs = await db.execute(`SELECT count(*) AS n FROM "${table}"`);
  return Number(rs.rows[0]?.['n'] ?? 0);
}

/**
 * The tables the migrations seed (their seeded rows are replaced by the source's): those a freshly
 * migrated, empty database holds rows in. Found on an in-memory libSQL database — the PostgreSQL
 * twins seed the same rows (test/cli/db-copy.test.ts copies into both).
 */
export async function seededTables(): Promise<ReadonlySet<string>> {
  const fresh = await openDatabase({ url: ':memory:' });
  try {
    const seeded = new Set<string>();
    for (const t of await tablesOf(fresh)) if ((await count(fresh, t)) > 0) seeded.add(t);
    return seeded;
  } finally {
    fresh.close();
  }
}

function ordered(tables: string[]): string[] {
  const first = FIRST.filter((t) => tables.includes(t));
  const rest = tables.filter((t) => !first.includes(t)).sort();
  return [...first, ...rest];
}

/** Copies `source` into the empty `target`; the rows copied per table. */
export async function copyDatabase(source: Database, target: Database): Promise<CopyCount[]> {
  const [from, to] = [await schemaVersion(source), await schemaVersion(target)];
  if (from !== to) {
    throw new CopyRefused(
      `The source has schema version ${from} and the target ${to}: run this version of ipsafezone on both first.`,
    );
  }
  const sourceTables = await tablesOf(source);
  const targetTables = new Set(await tablesOf(target));
  const missing = sourceTables.filter((t) => !targetTables.has(t));
  if (missing.length) throw new CopyRefused(`The target has no table ${missing.join(', ')}.`);
  const tables = ordered(sourceTables);
  const seeded = await seededTables();
  for (const t of tables) {
    if (seeded.has(t)) continue;
    const n = await count(target, t);
    if (n > 0) {
      throw new CopyRefused(
        `The target is not empty (${t}: ${n} rows). Copy only into a new, empty database.`,
      );
    }
  }

  const identities = new Set<string>();
  if (dialectOf(target) === 'postgres') {
    const rs = await target.execute(
      "SELECT table_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND column_name = 'id' AND is_identity = 'YES'",
    );
    for (const r of rs.rows) if (typeof r['name'] === 'string') identities.add(r['name']);
  }
  const statements: Statement[] = [];
  const counts: CopyCount[] = [];
  for (const t of tables) {
    if (seeded.has(t)) statements.push(`DELETE FROM "${t}"`);
    const rs = await source.execute(`SELECT * FROM "${t}"`);
    const columns = rs.columns;
    counts.push({ table: t, rows: rs.rows.length });
    for (let i = 0; i < rs.rows.length; i += CHUNK) {
      const chunk = rs.rows.slice(i, i + CHUNK);
      const one = `(${columns.map(() => '?').join(', ')})`;
      statements.push({
        sql: `INSERT INTO "${t}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${chunk
          .map(() => one)
          .join(', ')}`,
        args: chunk.flatMap((row) => columns.map((c) => row[c] ?? null)),
      });
    }
    if (identities.has(t)) {
      // Identity columns go on after the highest copied id.
      statements.push(
        `SELECT setval(pg_get_serial_sequence('"${t}"', 'id'), GREATEST(x.m, 1), x.m > 0)
         FROM (SELECT COALESCE(MAX(id), 0) AS m FROM "${t}") AS x`,
      );
    }
  }
  await target.batch(statements, 'write');

  for (const c of counts) {
    const n = await count(target, c.table);
    if (n !== c.rows) {
      throw new Error(`After the copy ${c.table} holds ${n} rows, not ${c.rows}.`);
    }
  }
  return counts;
}
