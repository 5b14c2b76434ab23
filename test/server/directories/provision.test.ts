/**
 * Just-in-time provisioning of directory users on a real libSQL database: created at the first
 * sign-in without a local password, kept in step (names, e-mail, admin role from the group,
 * SecSign ID from the attribute — the directory wins), disabled when the directory says so and
 * never re-enabled by it, no take-over of a local user's name, and the seed's rules (one SecSign
 * ID per user, the last administrator with a SecSign ID) refusing with the domain's 409s.
 */
import { beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Database } from '../../../server/db/database.js';
import type { DirectoryUser } from '../../../server/directories/password-directory.js';
import { ManualClock } from '../../../server/platform/clock.js';
import { openTestDatabase } from '../../support/test-database.js';
import { CLI_ACTOR } from '../../../server/domain/actor.js';
import { provisionDirectoryUser } from '../../../server/domain/provision-directory-user.js';
import { updateSettings } from '../../../server/domain/settings-service.js';
import { createUser, updateUser } from '../../../server/domain/users-service.js';
import { listAudit } from '../../../server/store/audit.js';
import { insertDirectoryStatement } from '../../../server/store/directories.js';

const LDAP = { id: 1, name: 'Corporate AD' };
const CROWD = { id: 2, name: 'Crowd' };

let db: Database;
let clock: ManualClock;

const erin = (o: Partial<DirectoryUser> = {}): DirectoryUser => ({
  username: 'erin',
  displayName: 'Erin Example',
  email: 'erin@example.test',
  groups: ['Jira Users'],
  admin: false,
  ...o,
});

beforeEach(async () => {
  db = await openTestDatabase();
  clock = new ManualClock();
  for (const [name, kind] of [
    ['Corporate AD', 'ldap'],
    ['Crowd', 'crowd'],
  ] as const) {
    await db.execute(
      insertDirectoryStatement({
        name,
        kind,
        enabled: true,
        settings: '{}',
        sealedSecret: 'x',
        at: 0,
        by: 'cli',
      }),
    );
  }
});

describe('provisioning a directory user', () => {
  test('the first sign-in creates the user, from the directory, with no usable local password', async () => {
    const u = await provisionDirectoryUser(
      db,
      clock,
      LDAP,
      erin({ admin: true, secSignId: 'Erin.Sec' }),
    );
    assert.equal(u.username, 'erin');
    assert.equal(u.displayName, 'Erin Example');
    assert.equal(u.email, 'erin@example.test');
    assert.equal(u.role, 'admin');
    assert.equal(u.secSignId, 'erin.sec');
    assert.equal(u.disabled, false);
    assert.equal(u.directory, String(LDAP.id));
    assert.equal(u.passwordHash, null, 'no local password');
    const { entries } = await listAudit(db, { user: 'erin' });
    assert.equal(entries[0]?.action, 'user.create');
    assert.equal(entries[0]?.actor, 'directory:Corporate AD');
  });

  test('later sign-ins keep names, e-mail, role and SecSign ID in step (the directory wins)', async () => {
    await provisionDirectoryUser(db, clock, LDAP, erin({ secSignId: 'erin.sec' }));
    clock.advance(1000);
    const u = await provisionDirectoryUser(
      db,
      clock,
      LDAP,
      erin({
        displayName: 'Erin New',
        email: 'e@example.test',
        admin: true,
        secSignId: 'erin2.sec',
      }),
    );
    assert.deepEqual(
      [u.displayName, u.email, u.role, u.secSignId],
      ['Erin New', 'e@example.test', 'admin', 'erin2.sec'],
    );
    const { entries } = await listAudit(db, { user: 'erin' });
    assert.equal(entries[0]?.action, 'user.update');
    assert.deepEqual((entries[0]?.details as { after: unknown }).after, {
      displayName: 'Erin New',
      email: 'e@example.test',
      role: 'admin',
      secSignId: 'erin2.sec',
    });
  });

  test('without an admin group or SecSign ID attribute, role and ID stay as set here', async () => {
    const first = await provisionDirectoryUser(db, clock, LDAP, erin());
    await updateUser(db, clock, CLI_ACTOR, first.id, { role: 'admin' });
    await db.execute({
      sql: `UPDATE users SET secsign_id = 'assigned.here' WHERE id = ?`,
      args: [first.id],
    });
    const u = await provisionDirectoryUser(db, clock, LDAP, erin({ admin: null }));
    assert.equal(u.role, 'admin');
    assert.equal(u.secSignId, 'assigned.here');
  });

  test('disabled when the directory says so; a sign-in never re-enables', async () => {
    const u = await provisionDirectoryUser(db, clock, LDAP, erin());
    assert.equal(
      (await provisionDirectoryUser(db, clock, LDAP, erin({ disabled: true }))).disabled,
      true,
    );
    assert.equal(
      (await provisionDirectoryUser(db, clock, LDAP, erin({ disabled: false }))).disabled,
      true,
    );
    await updateUser(db, clock, CLI_ACTOR, u.id, { disabled: false });
    assert.equal((await provisionDirectoryUser(db, clock, LDAP, erin())).disabled, false);
  });

  test("a local user's name, or another directory's user, is not taken over", async () => {
    await createUser(db, clock, CLI_ACTOR, { username: 'Erin', password: 'local password 1' });
    await assert.rejects(provisionDirectoryUser(db, clock, LDAP, erin()), {
      code: 'directory_user_conflict',
    });
    await provisionDirectoryUser(db, clock, CROWD, erin({ username: 'gina' }));
    await assert.rejects(provisionDirectoryUser(db, clock, LDAP, erin({ username: 'GINA' })), {
      code: 'directory_user_conflict',
    });
  });

  test('a SecSign ID another user holds is refused (409), and nothing changes', async () => {
    await createUser(db, clock, CLI_ACTOR, {
      username: 'alice',
      password: 'local password 1',
      secSignId: 'taken.sec',
    });
    await assert.rejects(
      provisionDirectoryUser(db, clock, LDAP, erin({ secSignId: 'taken.sec' })),
      {
        code: 'secsign_id_taken',
      },
    );
    const rs = await db.execute(`SELECT count(*) AS n FROM users WHERE username_key = 'erin'`);
    assert.equal(Number(rs.rows[0]!['n']), 0);
  });

  test('losing the admin group cannot remove the last administrator with a SecSign ID', async () => {
    await provisionDirectoryUser(db, clock, LDAP, erin({ admin: true, secSignId: 'erin.sec' }));
    await updateSettings(db, clock, CLI_ACTOR, { ipSafeZoneActive: true });
    await assert.rejects(provisionDirectoryUser(db, clock, LDAP, erin({ admin: false })), {
      code: 'last_secsign_admin',
    });
    await assert.rejects(
      provisionDirectoryUser(db, clock, LDAP, erin({ secSignId: null, admin: true })),
      {
        code: 'last_secsign_admin',
      },
    );
  });

  test('a directory user name our rules cannot hold is refused (422)', async () => {
    await assert.rejects(provisionDirectoryUser(db, clock, LDAP, erin({ username: 'has space' })), {
      code: 'invalid_username',
    });
  });
});
