/**
 * Tells in-process caches when this process wrote to a table, so they can keep their answers in
 * memory and still never serve a value older than this process's own last write: the settings and
 * zones held by the doors, and the session look-ups of forward-auth. A change made elsewhere (the
 * CLI, another instance) is not seen here on libSQL; each cache bounds that by re-checking the
 * database at least once a second (docs/performance.md). On PostgreSQL the database tells of them
 * (`Database.onChange`: LISTEN/NOTIFY on the settings and zones change counters, migration 018),
 * and those count like this process's own writes — the once-a-second check stays as the fallback.
 *
 * How: `watchWrites(db)` wraps the client's `execute`, `batch` and `executeMultiple` once; after
 * each statement that writes (`INSERT INTO t`, `UPDATE t`, `DELETE FROM t`, `REPLACE INTO t`,
 * anywhere in the text, so a `WITH …` prefix is covered) settles, the generation of every table it
 * names goes up. A cache notes the generation before it reads and trusts what it read only while
 * the generation is unchanged — so a write that lands while a read is under way is not hidden by
 * it. A failed write counts too: a needless re-read is cheap, a missed one is not. Nothing is
 * registered per cache, so short-lived caches leak nothing.
 *
 * A statement that ends with the `UNWATCHED` comment is not counted: bookkeeping no cache holds
 * stale (a session's `last_seen_at`, which the session look-up updates in its cached copy itself),
 * so that it does not empty every cache once a minute per active session.
 */
import type { Database, Statement } from './database.js';
import { heldOnHandle } from './handle-state.js';

const WRITE =
  /\b(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)\s+["`[]?(\w+)/gi;

/** Marks a write no cache needs to hear of (see above). */
export const UNWATCHED = ' /* unwatched */';

/** The same, without the global flag's `lastIndex` state: a yes/no check. */
const IS_WRITE = new RegExp(WRITE.source, 'i');

/** The tables a piece of SQL writes to, lower-case. */
export function tablesWritten(sql: string): Set<string> {
  const out = new Set<string>();
  for (const m of sql.matchAll(WRITE)) out.add(m[1]!.toLowerCase());
  return out;
}

/** How a handle's writes are counted (see above); one per database handle. */
export interface WriteWatch {
  /**
   * How many writes to `table` were made through the handle (plus every time it heard that
   * anything may have changed). Compare two readings: equal means no such write landed in between.
   */
  generation(table: string): number;
}

/** Where a handle keeps its watch: on the handle itself, not in this module. */
const WATCH = Symbol('ipsafezone.writeWatch');

function sqlOf(stmt: Statement | string): string {
  return typeof stmt === 'string' ? stmt : stmt.sql;
}

function bump(counts: Map<string, number>, sqls: string[]): void {
  for (const sql of sqls) {
    if (sql.endsWith(UNWATCHED)) continue;
    for (const t of tablesWritten(sql)) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
}

/**
 * The handle's write watch: counting starts at the first call (later calls answer the same watch).
 * The counts belong to the handle, not to an app or this module, because whoever writes through
 * the handle — an app's doors, the in-process CLI, a test — must be heard by every cache reading
 * through it; two apps that each opened their own handle count apart.
 */
export function watchWrites(db: Database): WriteWatch {
  return heldOnHandle(db, WATCH, () => startWatching(db));
}

/** Wraps the handle's `execute`, `batch` and `executeMultiple` to count what they write. */
function startWatching(db: Database): WriteWatch {
  const counts = new Map<string, number>();
  /** How often the handle heard that anything may have changed (a gap in notifications). */
  const epoch = { n: 0 };
  // PostgreSQL tells of other connections' changes too (a change counter's name, which is its
  // table's), so the next read re-checks at once; `null` after a gap: everything re-checks.
  db.onChange?.((counter) => {
    if (counter === null) epoch.n++;
    else counts.set(counter, (counts.get(counter) ?? 0) + 1);
  });
  const execute = db.execute.bind(db) as (...args: unknown[]) => ReturnType<Database['execute']>;
  const batch = db.batch.bind(db) as (...args: unknown[]) => ReturnType<Database['batch']>;
  const executeMultiple = db.executeMultiple.bind(db);
  const after = <T>(p: Promise<T>, sqls: string[]): Promise<T> =>
    p.finally(() => bump(counts, sqls));
  const target = db as unknown as Record<string, unknown>;
  target.execute = (stmt: Statement | string, ...rest: unknown[]) => {
    const result = execute(stmt, ...rest);
    // A read (the hot path) is passed through untouched.
    return IS_WRITE.test(sqlOf(stmt)) ? after(result, [sqlOf(stmt)]) : result;
  };
  target.batch = (stmts: (Statement | string)[], ...rest: unknown[]) =>
    after(batch(stmts, ...rest), stmts.map(sqlOf));
  target.executeMultiple = (sql: string) => after(executeMultiple(sql), [sql]);
  return { generation: (table) => (counts.get(table) ?? 0) + epoch.n };
}
