/**
 * Migration 003 (auth core) on a database that already holds users, sessions and a pending
 * SecSign ID step: nothing is lost. The pending step keeps its ids (now in factor_state), the
 * password already proven in two-step is kept, sessions keep their factors, and a user may now
 * have no local password.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createClient } from '@libsql/client';
import { loadMigrations, migrate } from '../../../server/db/migrate.js';

test('upgrading from schema 2 keeps users, sessions and pending login steps', async () => {
  const db = createClient({ url: ':memory:' });
  const all = await loadMigrations();
  await migrate(
    db,
    all.filter((m) => m.version <= 2),
  );
  await db.executeMultiple(`
    INSERT INTO users (id, username, username_key, secsign_id, password_hash, created_at, updated_at)
      VALUES (1, 'Alice', 'alice', 'alice.id', '$argon2id$x', 1, 1);
    INSERT INTO sessions (id_hash, user_id, factors, client_ip, zone, created_at, last_seen_at, expires_at)
      VALUES ('s1', 1, 'password+secsign', '10.0.0.1', NULL, 1, 1, 99);
    INSERT INTO login_transactions (id_hash, user_id, mode, password_ok, client_ip, secsign_id, auth_session_id, request_id, created_at, expires_at)
      VALUES ('t1', 1, '2sa', 1, '10.0.0.1', 'alice.id', '-8337412603900330717', 'ABCDEF0123', 1, 99),
             ('t2', NULL, '2fa', 0, '10.0.0.2', 'bob.id', '42', 'FF', 1, 99);
  `);
  assert.deepEqual(await migrate(db, all), [
    3,
    ...all.filter((m) => m.version > 3).map((m) => m.version),
  ]);

  const t = await db.execute('SELECT * FROM login_transactions ORDER BY id_hash');
  assert.equal(t.rows.length, 2);
  assert.deepEqual(JSON.parse(String(t.rows[0]!.factor_state)), {
    secSignId: 'alice.id',
    authSessionId: '-8337412603900330717',
    requestId: 'ABCDEF0123',
  });
  assert.equal(t.rows[0]!.factor, 'secsign');
  assert.equal(t.rows[0]!.proven, 'password');
  assert.equal(t.rows[0]!.requirement, 'password-and-second-factor');
  assert.equal(t.rows[0]!.identifier, 'alice.id');
  assert.equal(t.rows[1]!.proven, '');
  assert.equal(t.rows[1]!.requirement, 'second-factor');

  const s = await db.execute('SELECT factors FROM sessions');
  assert.equal(s.rows[0]!.factors, 'password+secsign');
  const u = await db.execute('SELECT username, directory, password_hash FROM users');
  assert.deepEqual(
    { ...u.rows[0] },
    { username: 'Alice', directory: 'local', password_hash: '$argon2id$x' },
  );

  await db.execute(
    "INSERT INTO users (username, username_key, directory, password_hash, created_at, updated_at) VALUES ('Dora', 'dora', 'ldap-1', NULL, 2, 2)",
  );
  db.close();
});
