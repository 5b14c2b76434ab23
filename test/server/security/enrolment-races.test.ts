/**
 * Threat (issue 23, item 4): enrolment by repetition and by racing. One authenticator-app
 * enrolment token confirmed again and again within its ten minutes made seven factors from one
 * secret, each with its own "last step used" — one code then signed in seven times; the cap of five
 * apps was checked only when an enrolment began; and a password session inside added a passkey and
 * an app at the same moment, both as its "first" factor (the rule checked, then written apart).
 * Stopped by: single-use enrolment tokens, the cap checked again at confirmation, and the rule's
 * facts checked again inside the write's own transaction (migration 009's guards).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Fixture } from '../login/fixture.js';
import type { AppError } from '../../../server/platform/errors.js';
import { factorSet } from '../../../server/factors/proof.js';
import { checkFactorChange, commitFactorChange } from '../../../server/domain/enrolment-rules.js';
import { insertUserFactorStatement } from '../../../server/store/user-factors.js';
import { findUserByUsername } from '../../../server/store/users.js';
import type { JsonResponse, TestClient } from '../../support/client.js';
import { codeAt, enrolTotp, signInWithApp, startFactorsFixture } from '../factors/helpers.js';
import { authenticator, enrol, newUser } from '../login/passkey-fixture.js';

let f: Fixture;

before(async () => {
  f = await startFactorsFixture();
});
after(() => f.close());

const errorCode = (r: JsonResponse) => (r.body as { error?: { code: string } }).error?.code;

async function begin(browser: TestClient): Promise<{ secret: string; enrolment: string }> {
  const res = await browser.post('/api/me/factors/totp', {});
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body as { secret: string; enrolment: string };
}

const confirm = (browser: TestClient, e: { secret: string; enrolment: string }, label = 'Phone') =>
  browser.post('/api/me/factors/totp/confirm', {
    enrolment: e.enrolment,
    code: codeAt(e.secret, f.clock.now()),
    label,
  });

async function totpCount(username: string): Promise<number> {
  const rs = await f.db.execute({
    sql: `SELECT count(*) AS n FROM user_factors f JOIN users u ON u.id = f.user_id
          WHERE u.username = ? AND f.factor = 'totp'`,
    args: [username],
  });
  return Number(rs.rows[0]!.n);
}

/** A user with one app, signed in again outside with it (a second-factor session: may add more). */
async function strongSession(username: string): Promise<TestClient> {
  await newUser(f, username);
  const { secret } = await enrolTotp(f, await f.signIn(username));
  return signInWithApp(f, username, secret);
}

test('one enrolment token confirmed seven times at once gives exactly one factor', async () => {
  const strong = await strongSession('erin');
  const e = await begin(strong);
  const answers = await Promise.all(Array.from({ length: 7 }, () => confirm(strong, e)));
  const ok = answers.filter((r) => r.status === 200);
  assert.equal(ok.length, 1, JSON.stringify(answers.map((r) => [r.status, errorCode(r)])));
  for (const r of answers.filter((a) => a.status !== 200)) {
    assert.equal(errorCode(r), 'enrolment_invalid');
  }
  assert.equal(await totpCount('erin'), 2);
});

test('a confirmed enrolment token cannot be confirmed again later', async () => {
  const strong = await strongSession('frank');
  const e = await begin(strong);
  assert.equal((await confirm(strong, e)).status, 200);
  const again = await confirm(strong, e);
  assert.equal(again.status, 400, JSON.stringify(again.body));
  assert.equal(errorCode(again), 'enrolment_invalid');
  assert.equal(await totpCount('frank'), 2);
});

test('the cap of five apps holds at confirmation, for enrolments begun below it', async () => {
  const strong = await strongSession('gina');
  for (let i = 2; i <= 4; i++)
    assert.equal((await confirm(strong, await begin(strong), `App ${i}`)).status, 200);
  assert.equal(await totpCount('gina'), 4);
  // Two enrolments begun with four apps enrolled: the first confirmation makes five, the second
  // is refused.
  const a = await begin(strong);
  const b = await begin(strong);
  assert.equal((await confirm(strong, a, 'Fifth')).status, 200);
  const sixth = await confirm(strong, b, 'Sixth');
  assert.equal(sixth.status, 409, JSON.stringify(sixth.body));
  assert.equal(errorCode(sixth), 'too_many_factors');
  assert.equal(await totpCount('gina'), 5);
});

test('a passkey and an app added at the same moment by a password session: only one is "first"', async () => {
  // Each of five users tries both at once (the passkey's request sent first: its signature check
  // is real asynchronous work, during which the app's confirmation runs).
  for (const username of ['hank', 'hugo', 'hilde', 'horst', 'hanna']) {
    await newUser(f, username);
    const browser = await f.signIn(username);
    const e = await begin(browser);
    const auth = authenticator(f);
    const opts = await browser.post('/api/me/passkeys/options');
    assert.equal(opts.status, 200, JSON.stringify(opts.body));
    const [key, app] = await Promise.all([
      browser.post('/api/me/passkeys', {
        transaction: opts.body.transaction,
        label: 'Laptop',
        credential: auth.create(opts.body.options),
      }),
      confirm(browser, e),
    ]);
    const won = [app, key].filter((r) => r.status === 200 || r.status === 201);
    assert.equal(won.length, 1, `${username}: ${JSON.stringify([app.body, key.body])}`);
    const lost = [app, key].find((r) => r !== won[0])!;
    assert.equal(lost.status, 403, JSON.stringify(lost.body));
    assert.equal(errorCode(lost), 'second_factor_required');
    const rs = await f.db.execute({
      sql: 'SELECT count(*) AS n FROM user_factors f JOIN users u ON u.id = f.user_id WHERE u.username = ?',
      args: [username],
    });
    assert.equal(Number(rs.rows[0]!.n), 1);
  }
});

test("the write itself refuses a password session's change once the user has a factor", async () => {
  // What a racing request sees: the rule was checked (no factor yet), then another request's
  // factor landed before this one's write.
  await newUser(f, 'ivan');
  const user = (await findUserByUsername(f.db, 'ivan'))!;
  const actor = {
    id: user.id,
    username: 'ivan',
    role: 'user' as const,
    factors: factorSet('password'),
    sessionId: 'x',
    origin: { ip: '10.1.2.3', how: 'test' },
  };
  await checkFactorChange(f.db, actor, { inside: true, requirement: 'password' }, user.id, 'enrol');
  await f.db.execute({
    sql: `INSERT INTO user_factors (user_id, factor, label, data, created_at) VALUES (?, 'passkey', 'Other', '{}', 0)`,
    args: [user.id],
  });
  const insert = insertUserFactorStatement({
    userId: user.id,
    factor: 'totp',
    label: 'Late',
    data: {},
    at: f.clock.now(),
  });
  await assert.rejects(
    commitFactorChange(f.db, f.clock, actor, user, [insert], {
      action: 'factor.enrol',
      outcome: 'enrolled',
    }),
    (err: AppError) => err.code === 'second_factor_required',
  );
  assert.equal(await totpCount('ivan'), 0);
});

// Keeps `enrol` (the passkey helper) in use for the plain path: a passkey alone still enrols.
test('a first passkey alone still enrols from a password session inside', async () => {
  await newUser(f, 'jane');
  const res = await enrol(await f.signIn('jane'), authenticator(f));
  assert.equal(res.status, 201, JSON.stringify(res.body));
});
