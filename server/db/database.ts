/**
 * The database handle every store, service and door takes, named for what it is rather than for
 * the library behind it — and narrowed to what they really use, so a second backend has a small
 * surface to implement: statements, a batch (one transaction, all or nothing), a script (the
 * migrations), closing. Two backends implement it: libSQL's client (the embedded default,
 * server/db/open.ts) and PostgreSQL (issue 26, server/db/postgres/open-postgres.ts). Nothing above
 * `server/db/` imports `@libsql/client` or `postgres`. Interactive transactions are not part of it:
 * nothing holds a connection across awaits (a batch carries a change's checks with it instead).
 */
import type { InArgs, InStatement, ResultSet, Row, TransactionMode } from '@libsql/client';

export interface Database {
  execute(stmt: Statement): Promise<ResultSet>;
  execute(sql: string, args?: InArgs): Promise<ResultSet>;
  /** The statements in one transaction: all of them take effect, or none. */
  batch(stmts: Statement[], mode?: TransactionMode): Promise<ResultSet[]>;
  /** A script of several statements (the migrations; no arguments). */
  executeMultiple(sql: string): Promise<void>;
  close(): void;
  readonly closed: boolean;
  /**
   * PostgreSQL only: `listener` hears the name of a change counter (`settings`, `zones`) whenever
   * any connection bumps it, or `null` when changes may have been missed (after a reconnect).
   * libSQL has no notifications; its caches rely on their once-a-second check.
   */
  onChange?(listener: (counter: string | null) => void): void;
}
/** One SQL statement with its arguments (`?` or `?N` placeholders; both backends read them). */
export type Statement = InStatement;
export type { ResultSet, Row };
