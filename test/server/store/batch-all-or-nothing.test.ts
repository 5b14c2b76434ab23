/**
 * A batch is one transaction, all or nothing, on both backends — the promise every change's
 * checks rest on (server/db/database.ts). On PostgreSQL a batch's statements are sent at once
 * (pipelined, server/db/postgres/open-postgres.ts): a failing statement in the middle must still
 * undo the ones before it and skip the ones after, the caller must get that statement's own error
 * (the domain reads the refused rule's name in it), and the connection must come back usable.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabase } from '../../support/test-database.js';

const zone = (name: string) => ({
  sql: `INSERT INTO zones (name, name_key, ranges, created_at, updated_at) VALUES (?, ?, '[]', 0, 0)`,
  args: [name, name.toLowerCase()],
});

async function zoneNames(db: Awaited<ReturnType<typeof openTestDatabase>>): Promise<string[]> {
  const rs = await db.execute('SELECT name FROM zones ORDER BY name');
  return rs.rows.map((r) => String(r['name']));
}

test('a statement refused in the middle undoes the batch and names its own reason', async (t) => {
  const db = await openTestDatabase();
  t.after(() => db.close());
  await db.batch([zone('Office')], 'write');
  for (let round = 0; round < 12; round++) {
    await assert.rejects(
      db.batch([zone(`Before ${round}`), zone('office'), zone(`After ${round}`)], 'write'),
      (err: Error) => {
        assert.match(err.message, /UNIQUE constraint failed: zones\.name_key/);
        return true;
      },
    );
  }
  assert.deepEqual(await zoneNames(db), ['Office'], 'nothing before or after it stayed');
  // Every connection of the pool still works (none was left inside an aborted transaction).
  const results = await Promise.all(
    Array.from({ length: 12 }, (_, i) => db.batch([zone(`Lab ${i}`)], 'write')),
  );
  assert.equal(results.length, 12);
  assert.equal((await zoneNames(db)).length, 13);
});

test('a batch answers each statement’s rows, in order', async (t) => {
  const db = await openTestDatabase();
  t.after(() => db.close());
  const [inserted, counted, named] = await db.batch(
    [
      zone('Lab'),
      { sql: 'SELECT count(*) AS n FROM zones', args: [] },
      { sql: 'SELECT name FROM zones WHERE name_key = ?', args: ['lab'] },
    ],
    'write',
  );
  assert.equal(inserted!.rowsAffected, 1);
  assert.equal(Number(counted!.rows[0]!['n']), 1);
  assert.equal(named!.rows[0]!['name'], 'Lab');
});
