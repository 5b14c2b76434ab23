/**
 * The seed rule generalised (issue 18): IPSafeZone cannot be activated unless an enabled
 * administrator can sign in from outside with a factor the policy allows (SecSign ID, passkey, or
 * an authenticator app with a password), and the last such administrator cannot lose it — through
 * the domain (admin API, CLI) and, when the domain is bypassed, through the database's triggers.
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
import { resetFactors } from '../../../server/domain/factor-changes.js';
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

test('the triggers hold when the domain is bypassed (hand-written SQL)', async () => {
  const db = await openTestDatabase();
  const tina = await totpAdmin(db);
  await updateSettings(db, clock, CLI_ACTOR, { ipSafeZoneActive: true });
  const raw = (sql: string) => db.execute({ sql, args: [] });
  await assert.rejects(
    raw(`DELETE FROM user_factors WHERE user_id = ${tina}`),
    /last_secsign_admin/,
  );
  await assert.rejects(
    raw(`UPDATE user_factors SET factor = 'passkey' WHERE user_id = ${tina}`).then(() =>
      raw(`UPDATE settings SET outside_factors = 'totp' WHERE id = 1`),
    ),
    /last_secsign_admin/,
  );
  await raw(`UPDATE user_factors SET factor = 'totp' WHERE user_id = ${tina}`);
  await assert.rejects(
    raw(`UPDATE settings SET outside_factors = 'secsign' WHERE id = 1`),
    /last_secsign_admin/,
  );
  await assert.rejects(
    raw(`UPDATE users SET password_hash = NULL WHERE id = ${tina}`),
    /last_secsign_admin/,
  );
  await assert.rejects(raw(`DELETE FROM users WHERE id = ${tina}`), /last_secsign_admin/);
  await raw('UPDATE settings SET ipsafezone_active = 0 WHERE id = 1');
  await raw(`DELETE FROM user_factors WHERE user_id = ${tina}`);
  await assert.rejects(
    raw('UPDATE settings SET ipsafezone_active = 1 WHERE id = 1'),
    /no_secsign_admin/,
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
