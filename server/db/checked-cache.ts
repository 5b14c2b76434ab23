/**
 * One value held in memory and checked against the database at most every `intervalMs` — the
 * settings and the compiled zones the doors read on every request (issue 13). The rule both follow:
 * - between checks a read touches no database;
 * - a write this process made to one of its `tables` (server/db/write-watch.ts) makes the next
 *   read check at once, so this process never serves what it has itself changed;
 * - reads while a check is under way share it, unless this process wrote since it began;
 * - a check may say its answer is not to be kept (`keep: false`: e.g. a last-known value served
 *   because the database could not be read), and then the next read checks again.
 * `now` is the caller's clock: monotonic time for the settings, the app clock for the zones (whose
 * tests move it); a clock that went back counts as "check now".
 */
import type { Database } from './database.js';
import { watchWrites } from './write-watch.js';

export interface CheckResult<T> {
  value: T;
  /** Whether the value may be served until the next check is due. */
  keep: boolean;
}

export function checkedCache<T>(options: {
  db: Database;
  /** The tables whose writes by this process make the value out of date. */
  tables: readonly string[];
  intervalMs: number;
  now: () => number;
  check: () => Promise<CheckResult<T>>;
}): () => Promise<T> {
  const { db, tables, intervalMs, now, check } = options;
  const writes = watchWrites(db);
  let kept: { value: T; at: number; generation: number } | null = null;
  let pending: { promise: Promise<T>; generation: number } | null = null;

  return () => {
    let generation = 0;
    for (const table of tables) generation += writes.generation(table);
    const at = now();
    if (kept && kept.generation === generation && at >= kept.at && at - kept.at < intervalMs) {
      return Promise.resolve(kept.value);
    }
    if (pending && pending.generation === generation) return pending.promise;
    const promise = check()
      .then((r) => {
        // A slower, older check does not replace what a newer one kept.
        if (r.keep && (!kept || generation >= kept.generation)) {
          kept = { value: r.value, at, generation };
        }
        return r.value;
      })
      .finally(() => {
        if (pending?.promise === promise) pending = null;
      });
    pending = { promise, generation };
    return promise;
  };
}
