/**
 * The PostgreSQL backend (issue 26): a pool of postgres.js connections behind the same small
 * surface the stores use on libSQL — `execute`, `batch` (one transaction), `executeMultiple` (a
 * migration script) and `close` — so one store, one domain and one set of doors serve both.
 * Why postgres.js and not node-postgres: docs/operations.md, "High availability".
 *
 * What it adds so the stores behave as on libSQL:
 * - SQLite's placeholders (`?`, `?N`) become `$N` (placeholders.ts); each text is a named
 *   prepared statement per connection (postgres.js `prepare`), parsed once.
 * - Transactions run at PostgreSQL's READ COMMITTED, and the stores' statements are written so that
 *   this is enough across connections and instances: what must happen once is one statement on
 *   one row ("take the code if unused": `UPDATE … WHERE used_at IS NULL`; "count the attempt":
 *   one upsert), which PostgreSQL runs one after the other on that row and re-checks against the
 *   committed row; a check over several rows locks what it depends on first (the factor-change
 *   guards lock the user's row). SERIALIZABLE was tried and dropped: 200 parallel guesses at one
 *   name then aborted each other until the requests ran out of time (503 instead of 429). A
 *   deadlock or serialization failure (40P01, 40001) changed nothing and is run again, with short
 *   asynchronous pauses, for up to `waitMs`; then the error goes up and the door answers 503.
 * - Numbers go out as `int8` (or `float8`), booleans as 1/0 — the stores' flags are integers, as
 *   in SQLite — and `bigint`/`numeric` come back as JavaScript numbers (ids, counts, times in ms).
 * - A unique violation also names its columns the way SQLite does (`UNIQUE constraint failed:
 *   users.secsign_id`), which the domain reads to answer 409 (server/domain/apply-change.ts).
 * - Rows answer by column name and by position, like libSQL's.
 * - Connection and statement time-outs, so a database that is gone answers 503 within seconds
 *   instead of holding requests — also one that hangs and answers nothing (the client's own
 *   query time-out; test/e2e/failover-hung-primary.test.ts); faults.ts sorts the errors.
 * - Other instances' changes to settings and zones are heard at once (LISTEN/NOTIFY,
 *   change-listener.ts), not only at the next once-a-second check.
 * - A URL with several hosts and `target_session_attrs=read-write` connects to the primary only:
 *   postgres.js 4.2 judges "read-write" by `default_transaction_read_only` alone, which a hot
 *   standby reports as off (tried: it connected to the standby), so it is asked for `primary`,
 *   which checks `in_hot_standby` — what libpq's read-write means.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { InStatement, InValue, ResultSet, Row } from '@libsql/client';
import type { Database } from '../database.js';
import postgres from 'postgres';
import { positionalCache } from './placeholders.js';
import { databaseErrorCode, isBusy, isDatabaseUnavailable } from '../faults.js';
import { POSTGRES } from '../dialect.js';
import { changeListener } from './change-listener.js';

export interface PostgresOptions {
  url: string;
  /** How long a statement is retried, in all, after a serialization failure or deadlock. */
  waitMs: number;
  /** Pool size (connections to the primary). */
  max?: number;
  /** Seconds to open a connection before the request gets a 503. */
  connectTimeoutS?: number;
  /** A statement that runs longer is cancelled by the server (57014 → 503). */
  statementTimeoutMs?: number;
  /** Told about every database fault (for metrics and logs). */
  onFault?: (code: string, err: unknown) => void;
}

type Sql = ReturnType<typeof connect>;
/** The server cancels a statement that runs longer (57014 → 503). */
const STATEMENT_TIMEOUT_MS = 10_000;
type Params = postgres.ParameterOrJSON<never>[];

function connect(
  url: string,
  options: PostgresOptions,
  attrs: string | null,
  overrides: Partial<postgres.Options<Record<string, never>>> = {},
) {
  return postgres(url, {
    max: options.max ?? 10,
    idle_timeout: 60,
    connect_timeout: options.connectTimeoutS ?? 3,
    // A server that hangs (or a network that drops packets) answers nothing, not even the
    // statement_timeout's cancel: the client gives up a second after that time-out, asks the
    // server to cancel, and when nothing is heard for 2 s more closes the connection (the request
    // gets 503; the pool connects again, to whichever host is the primary by then).
    query_timeout: (options.statementTimeoutMs ?? STATEMENT_TIMEOUT_MS) / 1000 + 1,
    cancel_timeout: 2,
    prepare: true,
    onnotice: () => undefined,
    // An idle pool does not keep the process alive (the HTTP server does; a CLI command ends).
    unref_sockets: true,
    ...(attrs
      ? { target_session_attrs: attrs === 'read-write' ? 'primary' : (attrs as 'primary') }
      : {}),
    types: {
      // int8 (ids, counts, milliseconds) and numeric (sums) as numbers, as libSQL gives them.
      number: { to: 20, from: [20, 1700], serialize: String, parse: Number },
    },
    transform: { undefined: null },
    connection: {
      application_name: 'ipsafezone',
      statement_timeout: options.statementTimeoutMs ?? STATEMENT_TIMEOUT_MS,
    },
    ...overrides,
  });
}

/** The libSQL-shaped client over a postgres.js pool. */
export function openPostgresClient(options: PostgresOptions): Database {
  // Not `new URL`: it refuses several hosts (`h1:5432,h2:5432`), which postgres.js reads itself.
  const [base = '', query = ''] = options.url.split(/\?(.*)/s);
  const search = new URLSearchParams(query);
  const attrs = search.get('target_session_attrs');
  search.delete('target_session_attrs');
  const rest = search.toString();
  const url = `${base.replace(/^postgresql:/, 'postgres:')}${rest ? `?${rest}` : ''}`;
  const sql: Sql = connect(url, options, attrs);
  let closed = false;
  // Migration 018's notifications, on a connection of their own once something listens.
  const changes = changeListener(
    (hooks) => connect(url, options, attrs, { max: 1, idle_timeout: 0, ...hooks }) as never,
  );

  const params = (
    args: InStatement extends infer S ? (S extends { args?: infer A } ? A : never) : never,
  ) => {
    if (args === undefined) return [] as Params;
    if (!Array.isArray(args)) {
      throw new Error('Named SQL arguments are not supported on PostgreSQL; use positional ones.');
    }
    return (args as InValue[]).map(toParam);
  };

  const toParam = (v: InValue): postgres.ParameterOrJSON<never> => {
    if (v === undefined || v === null) return null as never;
    if (typeof v === 'boolean') return sql.typed(v ? 1 : 0, 20) as never;
    if (typeof v === 'number') return sql.typed(v, Number.isInteger(v) ? 20 : 701) as never;
    if (typeof v === 'bigint') return sql.typed(v.toString(), 20) as never;
    if (v instanceof ArrayBuffer) return Buffer.from(v) as never;
    if (v instanceof Date) return sql.typed(v.getTime(), 20) as never;
    return v as never;
  };

  const toPositional = positionalCache();
  const split = (stmt: InStatement): { text: string; values: Params } =>
    typeof stmt === 'string'
      ? { text: toPositional(stmt), values: [] }
      : { text: toPositional(stmt.sql), values: params(stmt.args as never) };

  async function run<T>(op: () => Promise<T>): Promise<T> {
    const deadline = performance.now() + options.waitMs;
    let pause = 5;
    for (;;) {
      try {
        return await op();
      } catch (raw) {
        const err = withSqliteWording(raw);
        if (isBusy(err) && performance.now() + pause < deadline) {
          await sleep(pause * (0.5 + Math.random()));
          pause = Math.min(pause * 2, 100);
          continue;
        }
        if (isDatabaseUnavailable(err)) options.onFault?.(databaseErrorCode(err) ?? 'unknown', err);
        throw err;
      }
    }
  }

  const one = async (q: Sql | postgres.TransactionSql, stmt: InStatement): Promise<ResultSet> => {
    const { text, values } = split(stmt);
    const result = await q.unsafe(text, values as never, { prepare: true });
    return resultSet(result);
  };

  /**
   * A batch as one transaction in two round trips, whatever its length: BEGIN and every statement
   * are sent at once on one connection (pipelined, in order), then COMMIT — or ROLLBACK when any
   * of them failed. A statement after a failed one is refused by the aborted transaction (25P02);
   * the first real error is what the caller gets (the domain reads the assertion's name in it).
   * postgres.js's `sql.begin` would wait for BEGIN and for each statement: a sign-in's two batches
   * took 11 round trips, now 4 (issue 26 §6). Every statement's text and arguments are prepared
   * before anything is sent, so a bad argument cannot leave half a batch to commit.
   */
  async function pipelined(stmts: InStatement[]): Promise<ResultSet[]> {
    const parts = stmts.map(split);
    const conn = await sql.reserve();
    try {
      const settled = await Promise.allSettled([
        conn.unsafe('BEGIN'),
        ...parts.map(({ text, values }) => conn.unsafe(text, values as never, { prepare: true })),
      ]);
      const failures: unknown[] = settled.flatMap((r) =>
        r.status === 'rejected' ? [r.reason as unknown] : [],
      );
      if (failures.length > 0) {
        await conn.unsafe('ROLLBACK').catch(() => undefined);
        throw failures.find((e) => (e as { code?: unknown }).code !== '25P02') ?? failures[0];
      }
      const done = await conn.unsafe('COMMIT');
      if (done.command !== 'COMMIT') throw new Error('PostgreSQL rolled the batch back.');
      return settled
        .slice(1)
        .map((r) =>
          resultSet((r as PromiseFulfilledResult<postgres.RowList<postgres.Row[]>>).value),
        );
    } finally {
      conn.release();
    }
  }

  const client: Database & { [POSTGRES]: Sql } = {
    execute: ((stmt: InStatement | string, args?: InValue[]) =>
      run(() =>
        one(sql, typeof stmt === 'string' && args ? { sql: stmt, args } : stmt),
      )) as Database['execute'],
    batch: (stmts: InStatement[]) => run(() => pipelined(stmts)),
    executeMultiple: (script: string) =>
      run(async () => {
        await sql.begin((tx) => tx.unsafe(script).simple());
      }),
    close: () => {
      if (closed) return;
      closed = true;
      void changes.end();
      void sql.end({ timeout: 5 });
    },
    onChange: (listener) => changes.add(listener),
    get closed() {
      return closed;
    },
    [POSTGRES]: sql,
  };
  return client;
}

/** postgres.js's result as libSQL's `ResultSet`: rows by name and by position. */
function resultSet(result: postgres.RowList<postgres.Row[]>): ResultSet {
  const columns = (result.columns ?? []).map((c) => c.name);
  const rows: Row[] = [];
  for (const r of result as unknown as Record<string, unknown>[]) {
    const row = r as unknown as Row;
    for (let i = 0; i < columns.length; i++) {
      Object.defineProperty(row, i, { value: r[columns[i]!], enumerable: false });
    }
    Object.defineProperty(row, 'length', { value: columns.length, enumerable: false });
    rows.push(row);
  }
  const command = result.command;
  return {
    columns,
    columnTypes: columns.map(() => ''),
    rows,
    rowsAffected: command === 'SELECT' ? 0 : typeof result.count === 'number' ? result.count : 0,
    lastInsertRowid: undefined,
    toJSON: () => ({ columns, rows }),
  };
}

/**
 * A unique violation worded as SQLite words it too (`UNIQUE constraint failed: table.column`),
 * ahead of PostgreSQL's own message: the domain recognises which uniqueness was hit by that.
 */
function withSqliteWording(err: unknown): unknown {
  const e = err as {
    code?: unknown;
    name?: unknown;
    message?: string;
    table_name?: string;
    detail?: string;
  };
  if (e?.name !== 'PostgresError' || e.code !== '23505' || typeof e.message !== 'string')
    return err;
  if (e.message.startsWith('UNIQUE constraint failed')) return err;
  const columns = /^Key \(([^)]*)\)=/.exec(e.detail ?? '')?.[1]?.split(/,\s*/) ?? [];
  const table = e.table_name ?? '';
  const named = columns.map((c) => `${table}.${c}`).join(', ');
  Object.defineProperty(err, 'message', {
    value: `UNIQUE constraint failed: ${named} (${e.message})`,
    configurable: true,
    writable: true,
  });
  return err;
}
