/**
 * The seed's rules in the domain layer (used by both the admin API and the CLI), and the assertion
 * every change's batch ends with, which holds the rule for statements the first check never saw.
 * Each refusal must change nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Database } from '../../../server/db/database.js';
import { ManualClock } from '../../../server/platform/clock.js';
import { applyChange } from '../../../server/domain/apply-change.js';
import { openTestDatabase } from '../../support/test-database.js';
import { CLI_ACTOR, type DomainActor } from '../../../server/domain/actor.js';
import { updateSettings } from '../../../server/domain/settings-service.js';
import {
  changeSecSignId,
  createUser,
  deleteUser,
  updateUser,
} from '../../../server/domain/users-service.js';
import { AppError } from '../../../server/platform/errors.js';
import { listAudit } from '../../../server/store/audit.js';
import { getSettings } from '../../../server/store/settings.js';
import {
  findUserById,
  findUserBySecSignId,
  findUserByUsername,
} from '../../../server/store/users.js';

const clock = new ManualClock();
const PW = 'long enough password';

async function setup(): Promise<{ db: Database; admin: number; bob: number }> {
  const db = await openTestDatabase();
  const a = await createUser(db, clock, CLI_ACTOR, {
    username: 'Alice',
    password: PW,
    role: 'admin',
    secSignId: 'alice.id',
  });
  const b = await createUser(db, clock, CLI_ACTOR, { username: 'bob', password: PW });
  await updateSettings(db, clock, CLI_ACTOR, { ipSafeZoneActive: true });
  return { db, admin: a.id, bob: b.id };
}

const refusedWith = (code: string) => (e: unknown) => {
  assert.ok(e instanceof AppError, String(e));
  assert.equal(e.code, code);
  assert.ok([403, 409, 422].includes(e.status));
  return true;
};

async function snapshot(db: Database) {
  const users = await db.execute('SELECT * FROM users ORDER BY id');
  const settings = await db.execute('SELECT * FROM settings');
  const audit = await db.execute('SELECT count(*) FROM audit_log');
  return JSON.stringify([users.rows, settings.rows, audit.rows]);
}

test('IPSafeZone cannot be activated without an administrator with a SecSign ID', async () => {
  const db = await openTestDatabase();
  const u = await createUser(db, clock, CLI_ACTOR, {
    username: 'root',
    password: PW,
    role: 'admin',
  });
  const before = await snapshot(db);
  await assert.rejects(
    updateSettings(db, clock, CLI_ACTOR, { ipSafeZoneActive: true }),
    refusedWith('no_secsign_admin'),
  );
  assert.equal(await snapshot(db), before);
  // A disabled administrator with an ID does not count.
  await createUser(db, clock, CLI_ACTOR, {
    username: 'old',
    password: PW,
    role: 'admin',
    secSignId: 'old.id',
    disabled: true,
  });
  await assert.rejects(
    updateSettings(db, clock, CLI_ACTOR, { ipSafeZoneActive: true }),
    refusedWith('no_secsign_admin'),
  );
  await changeSecSignId(db, clock, CLI_ACTOR, u.id, 'root.id');
  await updateSettings(db, clock, CLI_ACTOR, { ipSafeZoneActive: true });
  assert.equal((await getSettings(db)).ipSafeZoneActive, true);
});

const breakers: [string, (db: Database, id: number) => Promise<unknown>][] = [
  ['clear the SecSign ID', (db, id) => changeSecSignId(db, clock, CLI_ACTOR, id, null)],
  ['demote', (db, id) => updateUser(db, clock, CLI_ACTOR, id, { role: 'user' })],
  ['disable', (db, id) => updateUser(db, clock, CLI_ACTOR, id, { disabled: true })],
  ['delete', (db, id) => deleteUser(db, clock, CLI_ACTOR, id)],
];

for (const [what, act] of breakers) {
  test(`while active, the last SecSign administrator cannot ${what}; with a second one they can`, async () => {
    const { db, admin, bob } = await setup();
    const before = await snapshot(db);
    await assert.rejects(act(db, admin), refusedWith('last_secsign_admin'));
    assert.equal(await snapshot(db), before, 'nothing changed');
    await updateUser(db, clock, CLI_ACTOR, bob, { role: 'admin' });
    await changeSecSignId(db, clock, CLI_ACTOR, bob, 'bob.id');
    await act(db, admin);
  });

  // IPSafeZone off means the SecSign ID is needed from everywhere: the rule holds all the same
  // (issue 11, item 7: the last administrator could lose it while IPSafeZone was off).
  test(`while inactive, the last SecSign administrator still may not ${what}`, async () => {
    const { db, admin } = await setup();
    await updateSettings(db, clock, CLI_ACTOR, { ipSafeZoneActive: false });
    const before = await snapshot(db);
    await assert.rejects(act(db, admin), refusedWith('last_secsign_admin'));
    assert.equal(await snapshot(db), before);
  });
}

test('changing the last administrator’s ID to another one is allowed', async () => {
  const { db, admin } = await setup();
  const u = await changeSecSignId(db, clock, CLI_ACTOR, admin, 'alice.new');
  assert.equal(u.secSignId, 'alice.new');
});

test('a change’s own batch refuses a statement that would break the rule', async () => {
  const { db, admin } = await setup();
  const change = (sql: string, args: number[] = [], rule?: 'no_secsign_admin') =>
    applyChange(db, [{ sql, args }], rule);
  const refused = (code: string) => (err: unknown) => err instanceof AppError && err.code === code;
  await assert.rejects(
    change('UPDATE users SET secsign_id = NULL WHERE id = ?', [admin]),
    refused('last_secsign_admin'),
  );
  await assert.rejects(
    change('DELETE FROM users WHERE id = ?', [admin]),
    refused('last_secsign_admin'),
  );
  await change('UPDATE settings SET ipsafezone_active = 0');
  await change('UPDATE users SET secsign_id = NULL WHERE id = ?', [admin]);
  await assert.rejects(
    change('UPDATE settings SET ipsafezone_active = 1', [], 'no_secsign_admin'),
    refused('no_secsign_admin'),
  );
  const rows = await db.execute('SELECT count(*) AS n FROM rule_assertions');
  assert.equal(Number(rows.rows[0]!.n), 0, 'an assertion never keeps a row');
});

test('one SecSign ID per user, one user per SecSign ID, compared trimmed and lower-cased', async () => {
  const { db, bob } = await setup();
  const before = await snapshot(db);
  await assert.rejects(
    changeSecSignId(db, clock, CLI_ACTOR, bob, '  ALICE.id '),
    refusedWith('secsign_id_taken'),
  );
  await assert.rejects(
    createUser(db, clock, CLI_ACTOR, { username: 'carol', password: PW, secSignId: 'Alice.ID' }),
    refusedWith('secsign_id_taken'),
  );
  assert.equal(await snapshot(db), before);
  await changeSecSignId(db, clock, CLI_ACTOR, bob, ' Bob.Example ');
  assert.equal((await findUserBySecSignId(db, 'BOB.example'))?.id, bob);
  // Assigning a new one replaces the old: at most one per user.
  await changeSecSignId(db, clock, CLI_ACTOR, bob, 'bob.two');
  assert.equal(await findUserBySecSignId(db, 'bob.example'), null);
  assert.equal((await findUserById(db, bob))?.secSignId, 'bob.two');
});

test('user names are unique regardless of case', async () => {
  const { db } = await setup();
  await assert.rejects(
    createUser(db, clock, CLI_ACTOR, { username: 'ALICE', password: PW }),
    refusedWith('username_taken'),
  );
  assert.equal((await findUserByUsername(db, 'aLiCe'))?.username, 'Alice');
});

const bobActor = (id: number): DomainActor => ({
  id,
  username: 'bob',
  role: 'user',
  origin: { ip: '10.0.0.9', how: 'test' },
});

test('users change their own SecSign ID only when the setting is on; never someone else’s', async () => {
  const { db, admin, bob } = await setup();
  await assert.rejects(
    changeSecSignId(db, clock, bobActor(bob), bob, 'bob.self'),
    refusedWith('secsign_id_change_not_allowed'),
  );
  await updateSettings(db, clock, CLI_ACTOR, { usersChangeOwnId: true });
  const u = await changeSecSignId(db, clock, bobActor(bob), bob, 'Bob.Self');
  assert.equal(u.secSignId, 'bob.self');
  await assert.rejects(
    changeSecSignId(db, clock, bobActor(bob), admin, null),
    refusedWith('secsign_id_change_not_allowed'),
  );
  // An administrator always may, whatever the setting.
  await updateSettings(db, clock, CLI_ACTOR, { usersChangeOwnId: false });
  const admins: DomainActor = {
    id: admin,
    username: 'Alice',
    role: 'admin',
    origin: { ip: '10.0.0.1', how: 'test' },
  };
  assert.equal((await changeSecSignId(db, clock, admins, bob, null)).secSignId, null);
});

test('non-administrators cannot use the administrative functions', async () => {
  const { db, bob } = await setup();
  await assert.rejects(
    updateSettings(db, clock, bobActor(bob), { twoStepActive: true }),
    refusedWith('not_admin'),
  );
  await assert.rejects(
    updateUser(db, clock, bobActor(bob), bob, { role: 'admin' }),
    refusedWith('not_admin'),
  );
});

test('every change is audited with who, what, before and after — never a password hash', async () => {
  const { db, bob } = await setup();
  clock.advance(1000);
  await updateUser(db, clock, CLI_ACTOR, bob, { email: 'bob@example.com' });
  const { entries } = await listAudit(db, { action: 'user.update' });
  assert.equal(entries.length, 1);
  assert.deepEqual(entries[0]!.details, {
    before: { email: '' },
    after: { email: 'bob@example.com' },
  });
  assert.equal(entries[0]!.actor, 'cli');
  assert.equal(entries[0]!.at, clock.now());
  const all = JSON.stringify((await listAudit(db, { limit: 500 })).entries);
  assert.doesNotMatch(all, /argon2/);
});
