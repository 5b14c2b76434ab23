/**
 * The local users table through the `PasswordDirectory` interface, and the directory chain's
 * order rules: the first directory that knows the user decides; a wrong password stops the
 * search; a directory that cannot answer stops it closed; a user whose password lives elsewhere
 * is unknown to the local directory (so the next one is asked), and the local set-password
 * refuses them.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Database } from '../../../server/db/database.js';
import { ManualClock } from '../../../server/platform/clock.js';
import { openTestDatabase } from '../../support/test-database.js';
import { createLocalDirectory } from '../../../server/directories/local-directory.js';
import { createDirectoryChain } from '../../../server/directories/directory-chain.js';
import type { PasswordDirectory } from '../../../server/directories/password-directory.js';
import { CLI_ACTOR } from '../../../server/domain/actor.js';
import { createUser, setPassword } from '../../../server/domain/users-service.js';
import { findUserById } from '../../../server/store/users.js';
import { isAppError } from '../../../server/platform/errors.js';

const PASSWORD = 'a long local password';
let db: Database;
let local: PasswordDirectory;
const clock = new ManualClock();

before(async () => {
  db = await openTestDatabase();
  await createUser(db, clock, CLI_ACTOR, { username: 'Ünal', password: PASSWORD });
  await db.execute(
    "INSERT INTO users (username, username_key, directory, password_hash, created_at, updated_at) VALUES ('dora', 'dora', 'ldap-hq', NULL, 0, 0)",
  );
  local = createLocalDirectory(db);
});

describe('the local directory', () => {
  test('right password: ok, with the row that matched (names compare by their one key)', async () => {
    const r = await local.verify('ÜNAL', PASSWORD);
    assert.equal(r.status, 'ok');
    assert.ok(r.status === 'ok' && r.user.username === 'Ünal' && r.user.localUserId! > 0);
  });

  test('wrong password, unknown user, a user whose password lives elsewhere', async () => {
    assert.deepEqual(await local.verify('ünal', 'wrong password'), {
      status: 'wrong_password',
      username: 'Ünal', // the account's own name: the lock-out counts per account
    });
    assert.deepEqual(await local.verify('nobody', PASSWORD), { status: 'unknown_user' });
    assert.deepEqual(await local.verify('dora', PASSWORD), { status: 'unknown_user' });
  });

  test('set-password refuses a user whose password lives in a directory', async () => {
    const dora = (await db.execute("SELECT id FROM users WHERE username = 'dora'")).rows[0]!;
    await assert.rejects(
      setPassword(db, clock, CLI_ACTOR, Number(dora.id), 'a new password here'),
      (e) => isAppError(e) && e.status === 409 && e.code === 'password_elsewhere',
    );
  });
});

describe('the directory chain', () => {
  const answering = (id: string, result: Awaited<ReturnType<PasswordDirectory['verify']>>) =>
    ({ id, kind: 'ldap', verify: () => Promise.resolve(result) }) satisfies PasswordDirectory;
  const chain = (...dirs: PasswordDirectory[]) =>
    createDirectoryChain({
      directories: () => Promise.resolve(dirs),
      toUser: async (_d, found) =>
        found.localUserId === undefined ? null : findUserById(db, found.localUserId),
    });

  test('the first that knows the user decides; unknown everywhere is invalid', async () => {
    const down = answering('down', { status: 'unavailable', reason: 'connection refused' });
    assert.equal((await chain(local, down).verify('ünal', PASSWORD)).status, 'ok');
    assert.deepEqual(await chain(local).verify('nobody', PASSWORD), {
      status: 'invalid',
      knownUser: false,
      directory: null,
    });
  });

  test('a wrong password stops the search: the next directory is not asked', async () => {
    let asked = false;
    const next: PasswordDirectory = {
      id: 'next',
      kind: 'ldap',
      verify: () => {
        asked = true;
        return Promise.resolve({ status: 'unknown_user' });
      },
    };
    const r = await chain(local, next).verify('ünal', 'wrong password');
    assert.deepEqual(r, {
      status: 'invalid',
      knownUser: true,
      directory: 'local',
      account: 'Ünal',
    });
    assert.equal(asked, false);
  });

  test('a directory that cannot answer stops the search closed', async () => {
    const down = answering('down', { status: 'unavailable', reason: 'time-out' });
    const r = await chain(down, local).verify('ünal', PASSWORD);
    assert.deepEqual(r, { status: 'unavailable', directory: 'down', reason: 'time-out' });
    const throwing: PasswordDirectory = {
      id: 'throws',
      kind: 'crowd',
      verify: () => Promise.reject(new Error('socket hang up')),
    };
    assert.equal((await chain(throwing).verify('ünal', PASSWORD)).status, 'unavailable');
  });
});
