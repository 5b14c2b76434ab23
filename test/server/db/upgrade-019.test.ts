/**
 * Migration 019 on a database that holds enrolled factors: `user_factors` loses the CHECK naming
 * totp and passkey (the factor registry says which names a row may hold, issue 25) and keeps its
 * rows, ids, data, unique credential ids and index; 009's enrolment guards still read it. A row of
 * a name the registry does not hold as `user_factors` is stored but never read as a factor.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createClient } from '@libsql/client';
import { loadMigrations, migrate } from '../../../server/db/migrate.js';
import { enrolledKinds, listUserFactors } from '../../../server/store/user-factors.js';

const USER = `INSERT INTO users (id, username, username_key, password_hash, role, created_at, updated_at)
  VALUES (1, 'Dora', 'dora', '$argon2id$x', 'user', 1, 1)`;

test('upgrading to 019 keeps the factors and drops the CHECK on their names', async () => {
  const db = createClient({ url: ':memory:' });
  const all = await loadMigrations();
  await migrate(
    db,
    all.filter((m) => m.version < 19),
  );
  await db.execute(USER);
  await db.executeMultiple(`
    INSERT INTO user_factors (id, user_id, factor, label, credential_id, data, created_at, last_used_at)
      VALUES (7, 1, 'totp', 'Phone', NULL, '{"secret":"s","lastStep":3}', 10, 20),
             (9, 1, 'passkey', 'Laptop', 'cred-1', '{"counter":5}', 11, NULL);
  `);
  await assert.rejects(
    db.execute(
      "INSERT INTO user_factors (user_id, factor, label, data, created_at) VALUES (1, 'hotp', 'Token', '{}', 12)",
    ),
    /CHECK constraint failed/,
  );
  assert.deepEqual(await migrate(db, all), [
    ...all.filter((m) => m.version >= 19).map((m) => m.version),
  ]);

  const rows = await db.execute('SELECT * FROM user_factors ORDER BY id');
  assert.deepEqual(
    rows.rows.map((r) => [r.id, r.factor, r.label, r.credential_id, r.data, r.last_used_at]),
    [
      [7, 'totp', 'Phone', null, '{"secret":"s","lastStep":3}', 20],
      [9, 'passkey', 'Laptop', 'cred-1', '{"counter":5}', null],
    ],
  );
  await assert.rejects(
    db.execute(
      "INSERT INTO user_factors (user_id, factor, label, credential_id, data, created_at) VALUES (1, 'passkey', 'Copy', 'cred-1', '{}', 12)",
    ),
    /UNIQUE constraint failed/,
  );
  const index = await db.execute(
    "SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'user_factors_user'",
  );
  assert.equal(index.rows.length, 1);
  // 009's guard still counts the user's apps in the rebuilt table.
  await assert.rejects(
    db.execute(
      'INSERT INTO factor_change_guards (user_id, first_factor, totp_limit) VALUES (1, 0, 1)',
    ),
    /too_many_factors/,
  );

  // No CHECK now: a name the registry does not know is stored, and never read as a factor.
  await db.execute(
    "INSERT INTO user_factors (user_id, factor, label, data, created_at) VALUES (1, 'hotp', 'Token', '{}', 12)",
  );
  assert.deepEqual(
    (await listUserFactors(db, 1)).map((f) => f.factor),
    ['totp', 'passkey'],
  );
  assert.deepEqual((await enrolledKinds(db, 1)).sort(), ['passkey', 'totp']);
  db.close();
});
