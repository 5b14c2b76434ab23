/**
 * Threat: nobody able to administer any more. While IPSafeZone was off, the last administrator
 * with a SecSign ID could lose it — but with IPSafeZone off the SecSign ID is needed from
 * everywhere, so then nobody could sign in to the admin page. The rule now holds whether
 * IPSafeZone is on or off (issue 11, item 7); the admin API and the CLI share the domain rule.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CLI_ACTOR } from '../../../server/domain/actor.js';
import { changeSecSignId, deleteUser, updateUser } from '../../../server/domain/users-service.js';
import { findUserByUsername } from '../../../server/store/users.js';
import { isAppError } from '../../../server/platform/errors.js';
import { startFixture, type Fixture } from '../login/fixture.js';

let f: Fixture;
before(async () => {
  f = await startFixture();
  await f.settings({ ipSafeZoneActive: false });
});
after(() => f.close());

test('with IPSafeZone off, the last administrator with a SecSign ID cannot lose it', async () => {
  const alice = (await findUserByUsername(f.db, 'alice'))!;
  const refused = (e: unknown) => isAppError(e) && e.code === 'last_secsign_admin';
  await assert.rejects(changeSecSignId(f.db, f.clock, CLI_ACTOR, alice.id, null), refused);
  await assert.rejects(updateUser(f.db, f.clock, CLI_ACTOR, alice.id, { role: 'user' }), refused);
  await assert.rejects(updateUser(f.db, f.clock, CLI_ACTOR, alice.id, { disabled: true }), refused);
  await assert.rejects(deleteUser(f.db, f.clock, CLI_ACTOR, alice.id), refused);
  assert.equal((await findUserByUsername(f.db, 'alice'))!.secSignId, 'alice.sec');
});
