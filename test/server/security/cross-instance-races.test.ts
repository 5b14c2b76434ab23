/**
 * What must happen once happens once across instances (issue 26 §2): two ipsafezone instances on
 * one database (test/support/second-instance.ts; libSQL's file here, the PostgreSQL database on
 * the PostgreSQL pass), the same thing sent to both at the same moment (`Promise.all`). A recovery
 * code, an authenticator-app code, a passkey challenge and a SecSign ID sign-in each count once;
 * and the password-guessing budget is the one budget, not one per instance.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CLI_ACTOR } from '../../../server/domain/actor.js';
import { createUser } from '../../../server/domain/users-service.js';
import { AuthSessionState } from '../../../server/secsign/types.js';
import { LIMITS } from '../../../server/domain/login/rate-limit.js';
import type { TestClient } from '../../support/client.js';
import { startSecondInstance, type SecondInstance } from '../../support/second-instance.js';
import {
  codeAt,
  enrolTotp,
  INSIDE,
  OUTSIDE,
  PASSWORD,
  passwordFirst,
  startFactorsFixture,
} from '../factors/helpers.js';
import type { Fixture } from '../login/fixture.js';
import { authenticator, enrol, newUser } from '../login/passkey-fixture.js';

let f: Fixture;
let two: SecondInstance;
let secret: string;
let recoveryCodes: string[];

before(async () => {
  f = await startFactorsFixture();
  two = await startSecondInstance(f);
  const enrolled = await enrolTotp(f, await f.signIn('carol'));
  secret = enrolled.secret;
  recoveryCodes = enrolled.recoveryCodes!;
});
after(async () => {
  await two.close();
  await f.close();
});

const count = async (sql: string, args: (string | number)[] = []) =>
  Number((await f.db.execute({ sql, args })).rows[0]!['n']);

const sessionsOf = (username: string) =>
  count(
    'SELECT count(*) AS n FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = ?',
    [username],
  );

/** Two password-first sign-ins of `username` from outside, one begun on each instance. */
async function twoTransactions(username: string): Promise<[TestClient, string][]> {
  const [a, b] = await Promise.all([passwordFirst(f, username), passwordFirst(f, username)]);
  return [
    [a.browser, a.transaction],
    [b.browser.at(two.origin), b.transaction],
  ];
}

test('one authenticator-app code sent to two instances at once signs in once', async () => {
  const code = codeAt(secret, f.clock.now());
  const before = await sessionsOf('carol');
  const results = await Promise.all(
    (await twoTransactions('carol')).map(([browser, transaction]) =>
      browser.post('/api/login/code', { transaction, factor: 'totp', code }),
    ),
  );
  assert.deepEqual(results.map((r) => r.status).sort(), [200, 401]);
  assert.equal(await sessionsOf('carol'), before + 1);
  f.clock.advance(30_000);
});

test('one recovery code sent to two instances at once signs in once', async () => {
  const code = recoveryCodes[0]!;
  const before = await sessionsOf('carol');
  const results = await Promise.all(
    (await twoTransactions('carol')).map(([browser, transaction]) =>
      browser.post('/api/login/code', { transaction, factor: 'recovery_code', code }),
    ),
  );
  assert.deepEqual(results.map((r) => r.status).sort(), [200, 401]);
  assert.equal(await sessionsOf('carol'), before + 1);
  assert.equal(
    await count('SELECT count(*) AS n FROM recovery_codes WHERE used_at IS NOT NULL'),
    1,
    'the code is marked used once',
  );
});

test('one passkey answer sent to two instances at once signs in once', async () => {
  // A user without factors enrols a first one from inside, and signs in with it from there.
  await newUser(f, 'pia');
  const auth = authenticator(f);
  const enrolled = await enrol(await f.signIn('pia'), auth);
  assert.equal(enrolled.status, 201, JSON.stringify(enrolled.body));
  const before = await sessionsOf('pia');
  const browser = f.client(INSIDE);
  const opts = await browser.post('/api/login/passkey/options', {});
  assert.equal(opts.status, 200, JSON.stringify(opts.body));
  const answer = {
    transaction: opts.body.transaction,
    credential: auth.get(opts.body.options),
  };
  const results = await Promise.all([
    browser.post('/api/login/passkey/verify', answer),
    browser.at(two.origin).post('/api/login/passkey/verify', answer),
  ]);
  const statuses = results.map((r) => r.status).sort();
  assert.equal(statuses.filter((s) => s === 200).length, 1, JSON.stringify(statuses));
  assert.equal(await sessionsOf('pia'), before + 1);
});

test('one SecSign ID sign-in completed on two instances at once makes one session', async () => {
  // Outside is two-step here: the password, then the SecSign ID.
  const browser = f.client(OUTSIDE);
  const pending = await browser.post('/api/login/password', {
    username: 'alice',
    password: PASSWORD,
  });
  assert.equal(pending.body?.status, 'secsign_pending', JSON.stringify(pending.body));
  f.phone('alice.sec', AuthSessionState.AUTHENTICATED);
  const before = await sessionsOf('alice');
  const body = { transaction: pending.body.transaction };
  const results = await Promise.all([
    browser.post('/api/login/secsign/status', body),
    browser.at(two.origin).post('/api/login/secsign/status', body),
  ]);
  const signedIn = results.filter((r) => r.body?.status === 'signed_in');
  assert.equal(signedIn.length, 1, JSON.stringify(results.map((r) => [r.status, r.body])));
  assert.equal(await sessionsOf('alice'), before + 1);
});

test('password guesses spread over two instances get exactly the one budget', async () => {
  const evaluated = () =>
    count(
      `SELECT count(*) AS n FROM audit_log
        WHERE action IN ('login.password', 'login.success') AND username = 'dora'
          AND outcome IN ('invalid_credentials', 'password_ok', 'signed_in')`,
    );
  await createUser(f.db, f.clock, CLI_ACTOR, { username: 'dora', password: 'dora’s own password' });
  // Each guess from its own address, so only the name's budget applies.
  const results = await Promise.all(
    Array.from({ length: 40 }, (_, i) => {
      const browser = f.client(`10.1.${1 + Math.floor(i / 200)}.${(i % 200) + 10}`);
      const target = i % 2 === 0 ? browser : browser.at(two.origin);
      return target.post('/api/login/password', { username: 'dora', password: `wrong ${i}` });
    }),
  );
  assert.equal(await evaluated(), LIMITS.user.maxFailures, 'exactly the name’s budget is tried');
  const statuses = results.map((r) => r.status);
  assert.equal(statuses.filter((s) => s === 401).length, LIMITS.user.maxFailures);
  assert.equal(statuses.filter((s) => s === 429).length, 40 - LIMITS.user.maxFailures);
});
