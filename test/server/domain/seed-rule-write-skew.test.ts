/**
 * Write skew in the seed rule across instances (issue 26 §2). Every change's batch ends with the
 * assertion that an administrator can still sign in from outside (apply-change.ts). Under
 * PostgreSQL's READ COMMITTED, two changes on different rows — one instance removing tina's only
 * outside factor, another demoting bob, the other administrator who can — each see the other's row
 * still there and would both pass. Played here deterministically on two database handles to one
 * database: instance A's batch runs up to and including its assertion inside a transaction held
 * open; instance B's change is made meanwhile; then A commits. Exactly one of them may go through.
 * On libSQL (a shared file) the held write transaction makes B wait anyway — SQLite has one
 * writer — so the same test holds there too.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from '@libsql/client';
import postgres from 'postgres';
import type { Database, Statement } from '../../../server/db/database.js';
import { openDatabase } from '../../../server/db/open.js';
import { toPositional } from '../../../server/db/postgres/placeholders.js';
import { CLI_ACTOR } from '../../../server/domain/actor.js';
import { changeStatements } from '../../../server/domain/apply-change.js';
import { updateSettings } from '../../../server/domain/settings-service.js';
import { createUser, updateUser } from '../../../server/domain/users-service.js';
import { ManualClock } from '../../../server/platform/clock.js';
import { AppError } from '../../../server/platform/errors.js';
import { countOutsideAdmins } from '../../../server/store/user-factors.js';
import { openTestDatabase, TEST_BACKEND, testDatabaseUrl } from '../../support/test-database.js';

const clock = new ManualClock();
const PW = 'long enough password';

interface Held {
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

/** Runs `statements` in a transaction on its own connection to `url` and keeps it open. */
async function holdOpen(url: string, statements: Statement[]): Promise<Held> {
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

test('one instance removes tina’s last way out while another demotes bob: one is refused', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'ipsz-skew-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const a = await openTestDatabase(`file:${join(dir, 'shared.db')}`);
  const url = await testDatabaseUrl(a);
  const b = await openDatabase({ url, busyWaitMs: 30_000 });
  t.after(() => {
    b.close();
    a.close();
  });
  // Two administrators who can sign in from outside: tina with an authenticator app, bob with a
  // SecSign ID. Either change alone leaves one of them.
  const tina = await createUser(a, clock, CLI_ACTOR, {
    username: 'tina',
    password: PW,
    role: 'admin',
  });
  await a.execute({
    sql: `INSERT INTO user_factors (user_id, factor, label, data, created_at) VALUES (?, 'totp', 'Phone', '{}', 0)`,
    args: [tina.id],
  });
  const bob = await createUser(a, clock, CLI_ACTOR, {
    username: 'bob',
    password: PW,
    role: 'admin',
    secSignId: 'bob.id',
  });
  await updateSettings(a, clock, CLI_ACTOR, { ipSafeZoneActive: true });
  assert.equal(await countOutsideAdmins(a), 2);

  // Instance A: tina's factor goes; its batch has run its assertion (bob still counts) and is open.
  const held = await holdOpen(
    url,
    changeStatements(a, [{ sql: 'DELETE FROM user_factors WHERE user_id = ?', args: [tina.id] }]),
  );
  let heldDone = false;
  t.after(() => (heldDone ? undefined : held.rollback()));

  // Instance B: bob is demoted. Its first check and its own assertion see tina's factor, which A
  // has not committed yet.
  const demotion = updateUser(b, clock, CLI_ACTOR, bob.id, { role: 'user' }).then(
    () => 'demoted' as const,
    (err: unknown) => err,
  );
  // Until B has finished or is seen waiting for A (on libSQL: a moment; it waits for the writer).
  for (let i = 0; i < 200; i++) {
    const settled = await Promise.race([demotion, sleep(25).then(() => null)]);
    if (settled !== null) break;
    if (TEST_BACKEND === 'postgres' ? await someoneWaits(a) : i >= 8) break;
  }
  await held.commit();
  heldDone = true;

  const outcome = await demotion;
  assert.ok(
    outcome instanceof AppError && outcome.code === 'last_secsign_admin',
    `the demotion must be refused once tina's factor is gone, got ${String(outcome)}`,
  );
  assert.equal(await countOutsideAdmins(a), 1, 'an administrator can still sign in from outside');
  const role = await a.execute({ sql: 'SELECT role FROM users WHERE id = ?', args: [bob.id] });
  assert.equal(role.rows[0]!['role'], 'admin', 'bob is still an administrator');
});
