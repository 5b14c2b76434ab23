/**
 * Which SQL dialect a database client speaks: SQLite's (libSQL, the embedded default) or
 * PostgreSQL's (`DATABASE_URL=postgres://…`, issue 26). The stores write one statement for both
 * wherever the two agree; the few places they cannot (JSON inside a text column, SQLite's
 * `COLLATE NOCASE` index, `group_concat`) ask `dialectOf(db)` and pick their text — this module is
 * that seam, so a third backend shows up in one grep.
 */
export type Dialect = 'sqlite' | 'postgres';

/** The mark a PostgreSQL-backed client carries (server/db/postgres/open-postgres.ts). */
export const POSTGRES = Symbol.for('ipsafezone.postgres');

export function dialectOf(db: object): Dialect {
  return (db as unknown as Record<symbol, unknown>)[POSTGRES] ? 'postgres' : 'sqlite';
}

/** Whether `url` names a PostgreSQL database (`postgres://` or `postgresql://`). */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(url.trim());
}

/** The statement text for this database's dialect. */
export function bySql(db: object, texts: Record<Dialect, string>): string {
  return texts[dialectOf(db)];
}

/**
 * The rows of a JSON array of strings given as one argument, as a table with a column `value`
 * (`x IN (SELECT value FROM ${jsonValues(db)})`): SQLite's json_each, PostgreSQL's
 * json_array_elements_text.
 */
export function jsonValues(db: object): string {
  return dialectOf(db) === 'postgres'
    ? 'json_array_elements_text(CAST(? AS text)::json)'
    : 'json_each(?)';
}
