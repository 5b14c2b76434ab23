/**
 * The seed rule generalised (issue 18): IPSafeZone cannot be activated unless an enabled
 * administrator can sign in from outside with a factor the policy allows (SecSign ID, passkey, or
 * an authenticator app with a password), and the last such administrator cannot lose it — through
 * the domain (admin API, CLI) and, when its first check is bypassed or raced, through the assertion
 * each change's batch ends with (migration 014 replaced 008's triggers).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Database } from '../../../server/db/database.js';
import { ManualClock } from '../../../server/platform/clock.js';
import { openDatabase } from '../../../server/db/open.js';
import { openTestDatabase } from '../../support/test-database.js';
import { runCli } from '../../../server/cli/run.js';
import type { CliIo } from '../../../server/cli/io.js';
import { CLI_ACTOR } from '../../../server/domain/actor.js';
import { countOutsideCapable } from '../../../server/domain/outside-admins.js';
import { removeFactor, resetFactors } from '../../../server/domain/factor-changes.js';
import { applyChange } from '../../../server/domain/apply-change.js';
import { updateSettings } from '../../../server/domain/settings-service.js';
import { createUser, updateUser } from '../../../server/domain/users-service.js';
import { AppError } from '../../../server/platform/errors.js';
import { countOutsideAdmins } from '../../../server/store/user-factors.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const clock = new ManualClock();
const PW = 'long enough password';

/** An administrator ("tina") whose only outside way is an authenticator app. */
async function totpAdmin(db: Database): Promise<number> {
  const tina = await createUser(db, clock, CLI_ACTOR, {
    username: 'tina',
    password: PW,
    role: 'admin',
  });
  await db.execute({
    sql: `INSERT INTO user_factors (user_id, factor, label, data, created_at) VALUES (?, 'totp', 'Phone', '{}', 0)`,
    args: [tina.id],
  });
  return tina.id;
}

const refusedWith = (code: string) => (err: unknown) =>
  err instanceof AppError && err.code === code;

test('activation needs an administrator who can sign in from outside under the policy', async () => {
  const db = await openTestDatabase();
  await updateSettings(db, clock, CLI_ACTOR, { outsideFactors: ['secsign', 'passkey'] });
  await totpAdmin(db);
  await assert.rejects(
    updateSettings(db, clock, CLI_ACTOR, { ipSafeZoneActive: true }),
    refusedWith('no_secsign_admin'),
  );
  await updateSettings(db, clock, CLI_ACTOR, { outsideFactors: ['totp'] });
  await updateSettings(db, clock, CLI_ACTOR, { ipSafeZoneActive: true });
  assert.equal(await countOutsideAdmins(db), 1, 'the view agrees');
  assert.equal(await countOutsideCapable(db), 1, 'the domain agrees');
});

test('the last one cannot lose it: disable, demote, reset, or a policy without their factor', async () => {
  const db = await openTestDatabase();
  const tina = await totpAdmin(db);
  await updateSettings(db, clock, CLI_ACTOR, { ipSafeZoneActive: true });
  await assert.rejects(
    updateUser(db, clock, CLI_ACTOR, tina, { disabled: true }),
    refusedWith('last_secsign_admin'),
  );
  await assert.rejects(
    updateUser(db, clock, CLI_ACTOR, tina, { role: 'user' }),
    refusedWith('last_secsign_admin'),
  );
  await assert.rejects(resetFactors(db, clock, CLI_ACTOR, tina), refusedWith('last_secsign_admin'));
  await assert.rejects(
    updateSettings(db, clock, CLI_ACTOR, { outsideFactors: ['secsign', 'passkey'] }),
    refusedWith('last_secsign_admin'),
  );
  // Inactive too: the last way in from outside is kept.
  await updateSettings(db, clock, CLI_ACTOR, { ipSafeZoneActive: false });
  await assert.rejects(resetFactors(db, clock, CLI_ACTOR, tina), refusedWith('last_secsign_admin'));
});

test('parallel removals of the last administrator’s two factors: one goes, one is refused', async () => {
  const db = await openTestDatabase();
  const tina = await totpAdmin(db);
  await db.execute({
    sql: `INSERT INTO user_factors (user_id, factor, label, data, created_at) VALUES (?, 'passkey', 'Key', '{}', 0)`,
    args: [tina],
  });
  await updateSettings(db, clock, CLI_ACTOR, { ipSafeZoneActive: true });
  const ids = (
    await db.execute({ sql: 'SELECT id FROM user_factors WHERE user_id = ?', args: [tina] })
  ).rows.map((r) => Number(r.id));
  assert.equal(ids.length, 2);
  const where = { inside: true, requirement: 'password' } as const;
  // Each removal alone keeps the other way in, so both first checks pass; the assertion at the end
  // of each batch sees what the other one wrote.
  const results = await Promise.allSettled(
    ids.map((id) => removeFactor(db, clock, CLI_ACTOR, where, tina, id)),
  );
  assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
  const refused = results.find((r) => r.status === 'rejected');
  assert.ok(refused && refusedWith('last_secsign_admin')(refused.reason));
  assert.equal(await countOutsideAdmins(db), 1, 'an administrator can still sign in from outside');
});

test('a change’s own batch holds the rule when the domain’s first check is bypassed', async () => {
  const db = await openTestDatabase();
  const tina = await totpAdmin(db);
  await updateSettings(db, clock, CLI_ACTOR, { ipSafeZoneActive: true });
  const raw = (sql: string) => applyChange(db, [{ sql, args: [] }]);
  await assert.rejects(
    raw(`DELETE FROM user_factors WHERE user_id = ${tina}`),
    refusedWith('last_secsign_admin'),
  );
  await assert.rejects(
    raw(`UPDATE settings SET outside_factors = 'secsign' WHERE id = 1`),
    refusedWith('last_secsign_admin'),
  );
  await assert.rejects(
    raw(`UPDATE users SET password_hash = NULL WHERE id = ${tina}`),
    refusedWith('last_secsign_admin'),
  );
  await assert.rejects(
    raw(`DELETE FROM users WHERE id = ${tina}`),
    refusedWith('last_secsign_admin'),
  );
  await raw('UPDATE settings SET ipsafezone_active = 0 WHERE id = 1');
  await raw(`DELETE FROM user_factors WHERE user_id = ${tina}`);
  await assert.rejects(
    applyChange(
      db,
      [{ sql: 'UPDATE settings SET ipsafezone_active = 1 WHERE id = 1', args: [] }],
      'no_secsign_admin',
    ),
    refusedWith('no_secsign_admin'),
  );
});

test('the CLI refuses the same, with the same codes', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'ipsz-factors-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const url = `file:${join(dir, 'db.sqlite')}`;
  const run = async (args: string[]) => {
    let err = '';
    let out = '';
    const io: CliIo = {
      env: { DATABASE_URL: url },
      readStdin: () => Promise.resolve(''),
      out: (l) => (out += l + '\n'),
      err: (l) => (err += l + '\n'),
    };
    return { status: await runCli(args, io), out, err };
  };
  const db = await openDatabase({ url });
  t.after(() => db.close());
  await totpAdmin(db);
  assert.equal((await run(['settings', 'set', 'ipsafezone', 'on'])).status, 0);
  const policy = await run(['settings', 'set', 'outside-factors', 'secsign+passkey']);
  assert.equal(policy.status, 1);
  assert.match(policy.err, /\[last_secsign_admin\]/);
  const reset = await run(['user', 'reset-factors', 'tina']);
  assert.equal(reset.status, 1);
  assert.match(reset.err, /\[last_secsign_admin\]/);
  const bad = await run(['settings', 'set', 'outside-factors', 'sms']);
  assert.equal(bad.status, 2);
  const show = await run(['settings', 'show']);
  assert.match(show.out, /outside-factors\s+secsign\+passkey\+totp\+recovery_code/);
  assert.match(show.out, /administrators who can sign in from outside: 1/);
});
