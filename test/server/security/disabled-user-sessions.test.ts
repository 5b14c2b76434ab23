/**
 * Threat (a session outliving the account's suspension): an administrator disables an account —
 * its password was phished, a laptop was stolen — and every session stops counting. Disabling only
 * hid the sessions: they were still live rows, and enabling the account again (the user is back,
 * the account is unlocked for them) brought every one of them back, the thief's included, without
 * a sign-in. Now disabling a user ends their sessions, in the same write as the change and its
 * audit entry — through the admin API, the command line, and a directory's removal (which disables
 * its users). Real app over HTTP.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CLI_ACTOR } from '../../../server/domain/actor.js';
import { updateUser } from '../../../server/domain/users-service.js';
import { addDirectory, removeDirectory } from '../../../server/directories/directory-service.js';
import { secretBoxFor } from '../../../server/directories/open-directory.js';
import { findUserByUsername } from '../../../server/store/users.js';
import { provisionDirectoryUser } from '../../../server/domain/provision-directory-user.js';
import { createSession } from '../../../server/store/sessions.js';
import { factorSet } from '../../../server/factors/proof.js';
import { SESSION_COOKIE } from '../../../server/login/cookies.js';
import { INSIDE, startFixture, type Fixture } from '../login/fixture.js';

const SECRET_KEY = 's'.repeat(40);
let f: Fixture;

before(async () => {
  f = await startFixture({ config: { secretKey: SECRET_KEY } });
});
after(() => f.close());

/** A Crowd directory (never asked here: its users are provisioned directly). */
const crowdDirectory = (name: string) =>
  addDirectory(f.db, f.clock, secretBoxFor({ secretKey: SECRET_KEY }), CLI_ACTOR, 'crowd', {
    name,
    url: 'https://crowd.example.test',
    applicationName: 'ipsafezone',
    applicationPassword: 'application password',
  });

const idOf = async (username: string) => (await findUserByUsername(f.db, username))!.id;

test('disabling a user in the admin API ends their sessions; enabling does not revive them', async () => {
  const admin = await f.signIn('alice', INSIDE);
  const thief = await f.signIn('carol', INSIDE);
  const owner = await f.signIn('carol', INSIDE);
  assert.equal((await thief.get('/api/me')).status, 200);
  const carol = await idOf('carol');

  const off = await admin.request('PATCH', `/api/admin/users/${carol}`, { disabled: true });
  assert.equal(off.status, 200, JSON.stringify(off.body));
  assert.equal((await thief.get('/api/me')).status, 401);
  const on = await admin.request('PATCH', `/api/admin/users/${carol}`, { disabled: false });
  assert.equal(on.status, 200, JSON.stringify(on.body));

  assert.equal((await thief.get('/api/me')).status, 401, 'the old session stays ended');
  assert.equal((await owner.get('/api/me')).status, 401);
  assert.equal((await f.signIn('carol', INSIDE).then((c) => c.get('/api/me'))).status, 200);
  const audit = await admin.get('/api/admin/audit?action=user.update&user=carol&limit=2');
  const disabling = audit.body.entries.find(
    (e: { details: { after?: { disabled?: boolean } } }) => e.details.after?.disabled === true,
  );
  assert.equal(disabling.details.sessionsEnded, true);
  assert.equal((await admin.get('/api/me')).status, 200, "the administrator's own session stays");
});

test('the command line disabling a user ends their sessions too', async () => {
  const bob = await f.signIn('bob', INSIDE);
  await updateUser(f.db, f.clock, CLI_ACTOR, await idOf('bob'), { disabled: true });
  await updateUser(f.db, f.clock, CLI_ACTOR, await idOf('bob'), { disabled: false });
  assert.equal((await bob.get('/api/me')).status, 401);
});

test('removing a directory ends the sessions of the users it disables', async () => {
  const dir = await crowdDirectory('Jira users');
  const gina = await provisionDirectoryUser(f.db, f.clock, dir, {
    username: 'gina',
    displayName: 'Gina',
    email: '',
    groups: [],
    admin: null,
  });
  await createSession(
    f.db,
    f.clock,
    { idleMs: f.config.sessionIdleMs, maxMs: f.config.sessionMaxMs },
    {
      userId: gina.id,
      factors: factorSet('password'),
      clientIp: INSIDE,
      zone: 'Office',
    },
  );
  const live = async () =>
    Number(
      (
        await f.db.execute({
          sql: 'SELECT count(*) AS n FROM sessions WHERE user_id = ? AND revoked_at IS NULL',
          args: [gina.id],
        })
      ).rows[0]!.n,
    );
  assert.equal(await live(), 1);
  await removeDirectory(f.db, f.clock, CLI_ACTOR, dir.id);
  assert.equal(await live(), 0);
});

test('a directory saying the account is disabled ends its sessions', async () => {
  const dir = await crowdDirectory('Confluence users');
  const person = { username: 'hank', displayName: 'Hank', email: '', groups: [], admin: null };
  const hank = await provisionDirectoryUser(f.db, f.clock, dir, person);
  const { token } = await createSession(
    f.db,
    f.clock,
    { idleMs: f.config.sessionIdleMs, maxMs: f.config.sessionMaxMs },
    { userId: hank.id, factors: factorSet('password'), clientIp: INSIDE, zone: 'Office' },
  );
  await provisionDirectoryUser(f.db, f.clock, dir, { ...person, disabled: true });
  await updateUser(f.db, f.clock, CLI_ACTOR, hank.id, { disabled: false });
  const res = await fetch(`${f.origin}/api/me`, {
    headers: { cookie: `${SESSION_COOKIE}=${token}`, 'x-forwarded-for': INSIDE },
  });
  assert.equal(res.status, 401);
});
