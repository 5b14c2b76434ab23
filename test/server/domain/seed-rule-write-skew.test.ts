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
import { CLI_ACTOR } from '../../../server/domain/actor.js';
import { changeStatements } from '../../../server/domain/apply-change.js';
import { updateSettings } from '../../../server/domain/settings-service.js';
import { createUser, updateUser } from '../../../server/domain/users-service.js';
import { ManualClock } from '../../../server/platform/clock.js';
import { AppError } from '../../../server/platform/errors.js';
import { countOutsideAdmins } from '../../../server/store/user-factors.js';
import { commitWhileWaiting, holdOpen } from '../../support/held-transaction.js';
import { twoInstances } from '../../support/two-instances.js';

const clock = new ManualClock();
const PW = 'long enough password';

test('one instance removes tina’s last way out while another demotes bob: one is refused', async (t) => {
  const { a, b, url } = await twoInstances(t);
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
  const outcome = await commitWhileWaiting(
    a,
    held,
    updateUser(b, clock, CLI_ACTOR, bob.id, { role: 'user' }),
  );
  heldDone = true;
  assert.ok(
    outcome instanceof AppError && outcome.code === 'last_secsign_admin',
    `the demotion must be refused once tina's factor is gone, got ${String(outcome)}`,
  );
  assert.equal(await countOutsideAdmins(a), 1, 'an administrator can still sign in from outside');
  const role = await a.execute({ sql: 'SELECT role FROM users WHERE id = ?', args: [bob.id] });
  assert.equal(role.rows[0]!['role'], 'admin', 'bob is still an administrator');
});
