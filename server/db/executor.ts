/**
 * The one thing store functions need from libSQL: run a statement. Both a `Client` and a
 * `Transaction` satisfy it, so the same store function works alone or inside a batch's caller.
 */
import type { Statement, ResultSet } from './database.js';

export interface Executor {
  execute(stmt: Statement): Promise<ResultSet>;
}
