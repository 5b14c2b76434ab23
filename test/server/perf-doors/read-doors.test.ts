/**
 * The read-only doors do no writes on their hot path (issue 13): `GET /api/zone` writes no audit
 * row (it is counted), `GET /api/verify` with a valid session reads the session and its user in
 * one query — and within a second not even that (server/domain/session-service.ts) — and writes
 * nothing but a grant audited once per window, and `last_seen_at` is written at most once a minute
 * per session, without the answer waiting for it. A revocation or a disabled user made in this
 * process counts on the very next request (cross-process: cross-process-revocation.test.ts).
 * Statements are observed by wrapping the real libSQL client's `execute`.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CLI_ACTOR } from '../../../server/domain/actor.js';
import { updateUser } from '../../../server/domain/users-service.js';
import { INSIDE, OUTSIDE, startFixture, type Fixture } from '../login/fixture.js';
import { observeStatements } from '../../support/statements.js';

let f: Fixture;
let seen: string[] = [];

before(async () => {
  f = await startFixture();
  observeStatements(f.db, (sql) => seen.push(sql));
});
after(async () => {
  await f.close();
});
beforeEach(async () => {
  await f.settings({ ipSafeZoneActive: true, twoStepActive: false });
  await f.db.execute('DELETE FROM rate_limits');
  f.clock.advance(2 * 60_000);
});

const auditRows = async () =>
  Number((await f.db.execute('SELECT count(*) AS n FROM audit_log')).rows[0]!.n);
const writes = (sqls: string[]) => sqls.filter((s) => /^\s*(INSERT|UPDATE|DELETE)\b/i.test(s));
const lastSeen = async (username: string) =>
  Number(
    (
      await f.db.execute({
        sql: `SELECT max(s.last_seen_at) AS t FROM sessions s JOIN users u ON u.id = s.user_id
              WHERE u.username = ? AND s.revoked_at IS NULL`,
        args: [username],
      })
    ).rows[0]!.t,
  );

describe('GET /api/zone', () => {
  it('answers without writing an audit row, and counts the answer instead', async () => {
    const zoneAnswers = async (mode: string) =>
      (await f.app.metrics.decisions.get()).values.find(
        (v) => v.labels.door === 'login.zone' && v.labels.mode === mode,
      )?.value ?? 0;
    const before = await auditRows();
    const counted = await zoneAnswers('password');
    seen = [];
    for (let i = 0; i < 5; i++) {
      const res = await f.client(INSIDE).get('/api/zone');
      assert.equal(res.status, 200);
      assert.equal(res.body.inside, true);
    }
    assert.deepEqual(writes(seen), []);
    assert.equal(await auditRows(), before);
    assert.equal(await zoneAnswers('password'), counted + 5);
    const outside = await zoneAnswers('second-factor');
    await f.client(OUTSIDE).get('/api/zone');
    assert.equal(await zoneAnswers('second-factor'), outside + 1);
  });

  it('reads nothing from the database between checks: the settings and zones are held in memory', async () => {
    await f.client(INSIDE).get('/api/zone'); // the first answer may check
    seen = [];
    const started = performance.now();
    for (let i = 0; i < 10; i++)
      assert.equal((await f.client(INSIDE).get('/api/zone')).status, 200);
    const elapsed = performance.now() - started;
    // The zones are checked by the app clock, which stands still here: not once. The settings'
    // change counter by real time, at most every 500 ms: once per 500 ms that passed, at most.
    assert.deepEqual(
      seen.filter((s) => !s.includes("name = 'settings'")),
      [],
      'statements other than the settings check',
    );
    const settingsChecks = seen.length;
    assert.ok(
      settingsChecks <= Math.floor(elapsed / 500) + 1,
      `${settingsChecks} settings checks in ${Math.round(elapsed)} ms`,
    );
  });

  it('still audits the sign-in attempts that follow', async () => {
    const before = await auditRows();
    await f.signIn('bob');
    assert.ok((await auditRows()) > before);
  });
});

describe('GET /api/verify with a valid session', () => {
  it('reads the session and its user in one query, and nothing on repeat within a second', async () => {
    const c = await f.signIn('bob');
    seen = [];
    assert.equal((await c.get('/api/verify')).status, 200); // first grant: audited once
    const userOrSession = (sqls: string[]) => sqls.filter((s) => /\b(sessions|users)\b/i.test(s));
    const first = userOrSession(seen);
    assert.equal(first.length, 1, `expected one read, saw: ${first.join(' | ')}`);
    assert.match(first[0]!, /JOIN users/i);
    await f.app.sessions.settle();
    seen = [];
    const res = await c.get('/api/verify');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('remote-user'), 'bob');
    assert.equal(res.headers.get('remote-name'), 'Bob');
    assert.deepEqual(userOrSession(seen), [], 'the repeat is answered from the session cache');
    assert.deepEqual(writes(seen), []);
  });

  it('writes last_seen_at at most once a minute, and not before answering', async () => {
    const c = await f.signIn('carol');
    const t0 = await lastSeen('carol');
    f.clock.advance(30_000);
    seen = [];
    assert.equal((await c.get('/api/verify')).status, 200);
    await f.app.sessions.settle();
    assert.equal(writes(seen).filter((s) => /sessions/i.test(s)).length, 0);
    assert.equal(await lastSeen('carol'), t0);

    f.clock.advance(31_000);
    seen = [];
    const answers = await Promise.all([c.get('/api/verify'), c.get('/api/verify')]);
    assert.deepEqual(
      answers.map((a) => a.status),
      [200, 200],
    );
    await f.app.sessions.settle();
    assert.equal(writes(seen).filter((s) => /UPDATE sessions SET last_seen_at/i.test(s)).length, 1);
    assert.equal(await lastSeen('carol'), f.clock.now());
  });

  it('keeps the session alive across idle periods by those writes', async () => {
    const c = await f.signIn('bob');
    for (let i = 0; i < 3; i++) {
      f.clock.advance(20 * 60_000); // idle limit is 30 minutes; three hops make 60
      assert.equal((await c.get('/api/verify')).status, 200);
      await f.app.sessions.settle();
    }
  });

  it('refuses at once after a revocation or when the user is disabled (the cache hears of it)', async () => {
    const c = await f.signIn('bob');
    assert.equal((await c.get('/api/verify')).status, 200);
    await c.post('/api/logout', {});
    assert.equal((await c.get('/api/verify')).status, 401);

    const d = await f.signIn('carol');
    assert.equal((await d.get('/api/verify')).status, 200);
    const carol = (await f.db.execute("SELECT id FROM users WHERE username = 'carol'")).rows[0]!;
    await updateUser(f.db, f.clock, CLI_ACTOR, Number(carol.id), { disabled: true });
    try {
      assert.equal((await d.get('/api/verify')).status, 401);
    } finally {
      await updateUser(f.db, f.clock, CLI_ACTOR, Number(carol.id), { disabled: false });
    }
  });
});
