/**
 * The one thing store functions need from libSQL: run a statement. Both a `Client` and a
 * `Transaction` satisfy it, so the same store function works alone or inside a batch's caller.
 */
import type { InStatement, ResultSet } from '@libsql/client';

export interface Executor {
  execute(stmt: InStatement): Promise<ResultSet>;
}
