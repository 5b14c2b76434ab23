/**
 * Observes the statements a real database client runs, by wrapping its `execute` in place (tests
 * that show which reads and writes a request makes, or does not make).
 */
import type { Database, Statement } from '../../server/db/database.js';

/** Calls `onSql` with the SQL text of every statement `db.execute` runs from now on. */
export function observeStatements(db: Database, onSql: (sql: string) => void): void {
  const execute = db.execute.bind(db);
  db.execute = ((stmt: Statement | string, args?: unknown) => {
    onSql(typeof stmt === 'string' ? stmt : stmt.sql);
    return (execute as (s: unknown, a?: unknown) => ReturnType<typeof execute>)(stmt, args);
  }) as typeof db.execute;
}
