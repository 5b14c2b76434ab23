/**
 * The factor rows' JSON (`user_factors.data`) is changed inside the database, in one statement
 * that also checks the old value (a passkey's counter, an authenticator app's last step), so two
 * sign-ins cannot both pass. The JSON must come out the same on both backends: numbers as numbers,
 * `backedUp` as a boolean (PostgreSQL writes it with jsonb_set; a string there would be wrong).
 * Which factor a row holds is the factor registry's to say (issue 25, migration 019): the table
 * takes any name — a new factor enrolled as rows needs no migration — and the store reads as
 * factors only the names the registry holds as `user_factors`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../../server/platform/clock.js';
import { openTestDatabase } from '../../support/test-database.js';
import { CLI_ACTOR } from '../../../server/domain/actor.js';
import { createUser } from '../../../server/domain/users-service.js';
import {
  advanceTotpStep,
  enrolledKinds,
  insertUserFactorStatement,
  listUserFactors,
} from '../../../server/store/user-factors.js';
import { recordPasskeyUse } from '../../../server/store/passkeys.js';

/** A migrated database with one user, Dora. */
async function withDora(t: { after: (fn: () => void) => void }) {
  const db = await openTestDatabase();
  t.after(() => db.close());
  const clock = new ManualClock(1_000_000);
  const user = await createUser(db, clock, CLI_ACTOR, {
    username: 'dora',
    password: 'long enough pw',
  });
  return { db, clock, user };
}

test('a passkey use and a TOTP step change the JSON once, keeping its types', async (t) => {
  const { db, clock, user } = await withDora(t);
  const data = {
    publicKey: 'pk',
    counter: 5,
    transports: [],
    deviceType: 'singleDevice',
    backedUp: false,
  };
  await db.batch([
    insertUserFactorStatement({
      userId: user.id,
      factor: 'passkey',
      label: 'key',
      credentialId: 'c1',
      data,
      at: 1,
    }),
    insertUserFactorStatement({
      userId: user.id,
      factor: 'totp',
      label: 'app',
      data: { secret: 's' },
      at: 1,
    }),
  ]);
  const ids = async (factor: string) =>
    Number(
      (await db.execute({ sql: 'SELECT id FROM user_factors WHERE factor = ?', args: [factor] }))
        .rows[0]!['id'],
    );
  const stored = async (factor: string) =>
    JSON.parse(
      String(
        (
          await db.execute({
            sql: 'SELECT data FROM user_factors WHERE factor = ?',
            args: [factor],
          })
        ).rows[0]!['data'],
      ),
    ) as Record<string, unknown>;

  const passkey = await ids('passkey');
  assert.equal(
    await recordPasskeyUse(db, clock, {
      id: passkey,
      previousCounter: 5,
      counter: 6,
      backedUp: true,
    }),
    true,
  );
  assert.equal(
    await recordPasskeyUse(db, clock, {
      id: passkey,
      previousCounter: 5,
      counter: 7,
      backedUp: true,
    }),
    false,
  );
  assert.deepEqual(await stored('passkey'), { ...data, counter: 6, backedUp: true });

  const totp = await ids('totp');
  assert.equal(await advanceTotpStep(db, totp, 100, 2), true);
  assert.equal(await advanceTotpStep(db, totp, 100, 3), false, 'the same step twice');
  assert.equal(await advanceTotpStep(db, totp, 99, 3), false, 'an older step');
  assert.deepEqual(await stored('totp'), { secret: 's', lastStep: 100 });
});

test('user_factors stores any name; the store reads only the registry’s', async (t) => {
  const { db, user } = await withDora(t);
  await db.batch([
    insertUserFactorStatement({ userId: user.id, factor: 'totp', label: 'app', data: {}, at: 1 }),
    // A factor this server does not know (a newer version's, or one removed).
    insertUserFactorStatement({
      userId: user.id,
      factor: 'hotp' as never,
      label: 'token',
      data: {},
      at: 2,
    }),
  ]);
  const stored = await db.execute({
    sql: 'SELECT factor FROM user_factors WHERE user_id = ? ORDER BY id',
    args: [user.id],
  });
  assert.deepEqual(
    stored.rows.map((r) => r.factor),
    ['totp', 'hotp'],
  );
  assert.deepEqual(
    (await listUserFactors(db, user.id)).map((f) => f.factor),
    ['totp'],
  );
  assert.deepEqual(await enrolledKinds(db, user.id), ['totp']);
});
