/**
 * Playing a race between instances deterministically (test code only): `holdOpen` runs a change's
 * statements in a transaction on a connection of its own — another instance, as it were — and
 * keeps it open, so that a test can make a second change meanwhile and then commit the first
 * (`commitWhileWaiting`, once the second is seen waiting for a lock on PostgreSQL). Used by
 * test/server/domain/seed-rule-write-skew.test.ts and policy-save-race.test.ts, with the two
 * handles of `twoInstances` (two-instances.ts).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from '@libsql/client';
import postgres from 'postgres';
import type { Database, Statement } from '../../server/db/database.js';
import { toPositional } from '../../server/db/postgres/placeholders.js';
import { TEST_BACKEND } from './test-database.js';

export interface Held {
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

/** Runs `statements` in a transaction on its own connection to `url` and keeps it open. */
export async function holdOpen(url: string, statements: Statement[]): Promise<Held> {
  const args = (s: Statement) =>
    typeof s === 'string' ? [] : ((s.args ?? []) as unknown[]).map((v) => v ?? null);
  const text = (s: Statement) => (typeof s === 'string' ? s : s.sql);
  if (TEST_BACKEND === 'postgres') {
    const sql = postgres(url, { max: 1, onnotice: () => undefined });
    const reserved = await sql.reserve();
    await reserved.unsafe('BEGIN');
    for (const s of statements) {
      await reserved.unsafe(toPositional(text(s)), args(s).map(String) as never);
    }
    const end = async (word: string) => {
      await reserved.unsafe(word);
      reserved.release();
      await sql.end();
    };
    return { commit: () => end('COMMIT'), rollback: () => end('ROLLBACK') };
  }
  const client = createClient({ url });
  const tx = await client.transaction('write');
  for (const s of statements) await tx.execute({ sql: text(s), args: args(s) as never });
  return {
    commit: async () => {
      await tx.commit();
      client.close();
    },
    rollback: async () => {
      await tx.rollback();
      client.close();
    },
  };
}

/** Whether another connection to this database is waiting for a lock (PostgreSQL). */
async function someoneWaits(db: Database): Promise<boolean> {
  const rs = await db.execute(
    `SELECT count(*) AS n FROM pg_stat_activity
      WHERE datname = current_database() AND wait_event_type = 'Lock'`,
  );
  return Number(rs.rows[0]!['n']) > 0;
}

/**
 * Lets `second` (another instance's change) run until it has finished or is seen waiting for
 * `held` (on libSQL: a moment; it waits for the one writer), then commits `held`. Answers what
 * `second` came to: its value, or the error it was refused with.
 */
export async function commitWhileWaiting(
  db: Database,
  held: Held,
  second: Promise<unknown>,
): Promise<unknown> {
  const outcome = second.then(
    (value) => value,
    (err: unknown) => err,
  );
  for (let i = 0; i < 200; i++) {
    const settled = await Promise.race([outcome.then(() => true), sleep(25).then(() => null)]);
    if (settled !== null) break;
    if (TEST_BACKEND === 'postgres' ? await someoneWaits(db) : i >= 8) break;
  }
  await held.commit();
  return outcome;
}
