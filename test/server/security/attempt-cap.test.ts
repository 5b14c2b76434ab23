/**
 * Threat: password guessing by concurrency. The lock used to be checked, then the password hashed,
 * then the failure counted: 200 parallel guesses from one address for one user got 199 evaluated,
 * and the right one among them signed in. Now each attempt is counted atomically *before* the
 * password is checked, so at most the limit is evaluated — however many arrive at once, and
 * across two server instances on one database.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createApp } from '../../../server/app.js';
import { openDatabase } from '../../../server/db/open.js';
import { testDatabaseUrl } from '../../support/test-database.js';
import { createClientAddressResolver } from '../../../server/client-address/index.js';
import { createHttpApiClient } from '../../../server/secsign/client.js';
import { LIMITS } from '../../../server/domain/login/rate-limit.js';
import { startFixture, INSIDE, PASSWORD, type Fixture } from '../login/fixture.js';

let f: Fixture;
before(async () => {
  f = await startFixture();
});
after(() => f.close());

const evaluated = async (username: string) =>
  Number(
    (
      await f.db.execute({
        sql: `SELECT count(*) AS n FROM audit_log WHERE action = 'login.password' AND username = ?
              AND outcome IN ('invalid_credentials', 'password_ok', 'signed_in')`,
        args: [username],
      })
    ).rows[0]!.n,
  ) +
  Number(
    (
      await f.db.execute({
        sql: `SELECT count(*) AS n FROM audit_log WHERE action = 'login.success' AND username = ?`,
        args: [username],
      })
    ).rows[0]!.n,
  );

test('200 parallel guesses (one of them right): at most the limit is evaluated, and no sign-in', async () => {
  const guesses = Array.from({ length: 200 }, (_, i) =>
    i === 150 ? PASSWORD : `wrong guess ${i}`,
  );
  const answers = await Promise.all(
    guesses.map((password) =>
      f.client(INSIDE).post('/api/login/password', { username: 'bob', password }),
    ),
  );
  const statuses = answers.map((a) => a.status);
  assert.ok(
    (await evaluated('bob')) <= LIMITS.user.maxFailures,
    `evaluated ${await evaluated('bob')} guesses`,
  );
  assert.equal(answers[150]!.status, 429, 'the right password arrived after the limit');
  assert.ok(!statuses.includes(200));
  assert.equal(statuses.filter((s) => s === 429).length >= 195, true);
});

test('the limit holds across two server instances on one database', async () => {
  const db2 = await openDatabase({ url: await testDatabaseUrl(f.db) });
  const second = createApp({
    db: db2,
    clock: f.clock,
    resolveClientAddress: createClientAddressResolver({
      trustedProxies: ['127.0.0.1'],
      header: 'x-forwarded-for',
    }),
    secsign: createHttpApiClient({ servers: f.config.secsignServers, timeoutMs: 5_000 }),
    config: f.config,
  });
  // The second instance has read its zones before the burst (as a running instance would have).
  const warm = await second.request(
    `${f.origin}/api/zone`,
    { headers: { 'x-forwarded-for': '10.1.9.9' } },
    { incoming: { socket: { remoteAddress: '127.0.0.1' } } },
  );
  assert.equal(((await warm.json()) as { inside: boolean }).inside, true);
  const attempt = (i: number) => {
    const body = JSON.stringify({ username: 'carol', password: `wrong ${i}` });
    const headers = {
      'content-type': 'application/json',
      origin: f.origin,
      host: new URL(f.origin).host,
      'x-forwarded-for': '10.1.9.9',
    };
    if (i % 2 === 0)
      return f
        .client('10.1.9.9')
        .post('/api/login/password', { username: 'carol', password: `wrong ${i}` });
    return Promise.resolve(
      second.request(
        `${f.origin}/api/login/password`,
        { method: 'POST', body, headers },
        { incoming: { socket: { remoteAddress: '127.0.0.1' } } },
      ),
    ).then((r) => ({ status: r.status }));
  };
  const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => attempt(i)));
  assert.ok((await evaluated('carol')) <= LIMITS.user.maxFailures);
  const statuses = answers.map((a) => a.status);
  assert.ok(statuses.filter((s) => s === 429).length >= 95, JSON.stringify(statuses));
  db2.close();
});
