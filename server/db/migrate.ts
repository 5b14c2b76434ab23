/**
 * Numbered SQL migrations (`server/db/migrations/NNN-name.sql`), applied in order at start-up.
 * Each runs in one write transaction together with its row in `schema_migrations`, which is
 * inserted first: when two instances start at once, the second one's insert collides, its
 * transaction rolls back, and it simply sees the migration as applied. A database that records a
 * version this build does not know was written by a newer ipsafezone and is refused.
 *
 * PostgreSQL (issue 26) has its own folder, `migrations-postgres/`, with the same numbers and
 * meaning in its dialect; a file there may stand for several versions (`-- covers: 1-12` on its
 * first line: the baseline written when PostgreSQL came, recorded as each version it covers).
 * Its script runs in one transaction under an advisory lock, so two instances starting at once
 * take turns.
 */
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.js';
import { dialectOf } from './dialect.js';

/** One migration file. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** The versions this file stands for (itself, or its `-- covers: a-b` range). */
  covers?: number[];
}

/** Thrown when the database was written by a newer version of ipsafezone. */
export class SchemaTooNewError extends Error {
  constructor(
    readonly databaseVersion: number,
    readonly knownVersion: number,
  ) {
    super(
      `This database has schema version ${databaseVersion}, written by a newer version of ipsafezone; ` +
        `this version knows schema versions up to ${knownVersion}. Upgrade ipsafezone, or point ` +
        `DATABASE_URL at another database. Nothing was changed.`,
    );
    this.name = 'SchemaTooNewError';
  }
}

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
/** PostgreSQL's twins of the migrations (issue 26). */
export const POSTGRES_MIGRATIONS_DIR = fileURLToPath(
  new URL('./migrations-postgres/', import.meta.url),
);
const COVERS = /^-- covers: (\d+)-(\d+)\s*$/m;
const FILE_NAME = /^(\d{3})-([a-z0-9-]+)\.sql$/;

/** Reads every `NNN-name.sql` in the migrations folder (or `dir`), sorted by number. */
export async function loadMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => FILE_NAME.test(f)).sort();
  const migrations: Migration[] = [];
  for (const file of files) {
    const m = FILE_NAME.exec(file)!;
    const version = Number(m[1]);
    if (migrations.some((x) => x.version === version)) {
      throw new Error(`Two migrations share the number ${m[1]} (${file}).`);
    }
    const sql = await readFile(dir + file, 'utf8');
    const range = COVERS.exec(sql.split('\n', 1)[0]!);
    const covers: number[] = [];
    if (range) for (let v = Number(range[1]); v <= Number(range[2]); v++) covers.push(v);
    else covers.push(version);
    migrations.push({ version, name: m[2]!, sql, covers });
  }
  return migrations;
}

/** The advisory lock PostgreSQL's migrations take (any fixed number of ours). */
const MIGRATION_LOCK = 2026_0026;

/** The highest applied schema version, or 0 for a new database. */
export async function schemaVersion(db: Database): Promise<number> {
  const rs = await db.execute('SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations');
  return Number(rs.rows[0]?.['v'] ?? 0);
}

/**
 * Brings the database up to date. Returns the versions applied now (empty when there was nothing
 * to do). Throws `SchemaTooNewError` for a database from a newer version.
 */
export async function migrate(
  db: Database,
  migrations: Migration[],
  now: () => number = () => Date.now(),
): Promise<number[]> {
  const postgres = dialectOf(db) === 'postgres';
  await db.execute(
    `CREATE TABLE IF NOT EXISTS schema_migrations (
       version    INTEGER PRIMARY KEY,
       name       TEXT    NOT NULL,
       applied_at ${postgres ? 'BIGINT ' : 'INTEGER'} NOT NULL
     )`,
  );
  const known = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  const applied: number[] = [];
  const current = await schemaVersion(db);
  if (current > known) throw new SchemaTooNewError(current, known);
  // By set, not by the highest number: a migration numbered below one already applied (work that
  // landed in another order) is still applied, once.
  const isApplied = async (version: number) =>
    (
      await db.execute({
        sql: 'SELECT 1 FROM schema_migrations WHERE version = ?',
        args: [version],
      })
    ).rows.length > 0;
  for (const m of migrations) {
    if (await isApplied(m.version)) continue;
    const rows = (m.covers ?? [m.version])
      .map((v) => `(${v}, '${v === m.version ? m.name : 'baseline'}', ${Math.trunc(now())})`)
      .join(', ');
    const record = `INSERT INTO schema_migrations (version, name, applied_at) VALUES ${rows};\n`;
    // PostgreSQL: executeMultiple runs the script in one transaction of its own.
    const script = postgres
      ? `SELECT pg_advisory_xact_lock(${MIGRATION_LOCK});\n${record}${m.sql}\n;`
      : `BEGIN IMMEDIATE;\n${record}${m.sql}\n;\nCOMMIT;`;
    try {
      await db.executeMultiple(script);
      applied.push(m.version);
    } catch (err) {
      if (!postgres) await db.execute('ROLLBACK').catch(() => undefined);
      // Another instance may have applied it meanwhile: then its row is there and all is well.
      if (!(await isApplied(m.version))) {
        throw new Error(`Migration ${m.version}-${m.name} failed: ${(err as Error).message}`, {
          cause: err,
        });
      }
    }
    const after = await schemaVersion(db);
    if (after > known) throw new SchemaTooNewError(after, known);
  }
  return applied;
}
