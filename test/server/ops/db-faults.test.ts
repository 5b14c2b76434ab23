/**
 * Database faults injected for real against the real app on a real libSQL file: another connection
 * holding the write lock (in WAL mode `BEGIN EXCLUSIVE` and `BEGIN IMMEDIATE` are the same thing),
 * a connection that may not write (`query_only`, since these tests run as root and a chmod would not
 * stop root), and the file deleted or replaced while the server runs. Each asserts the answer and a
 * generous time bound — correctness bounds ("within 3 s, not after the 5 s the old busy timeout
 * took"), not benchmarks.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, rmSync, renameSync } from 'node:fs';
import { createClient, type Client, type Transaction } from '@libsql/client';
import { startFixture, INSIDE, PASSWORD, type Fixture } from '../login/fixture.js';

async function lockedBy(f: Fixture, t: { after(fn: () => Promise<void> | void): void }) {
  const other: Client = createClient({ url: `file:${f.dbPath}` });
  const tx: Transaction = await other.transaction('write');
  await tx.execute("UPDATE change_counters SET value = value WHERE name = 'zones'");
  let released = false;
  const release = async () => {
    if (released) return;
    released = true;
    await tx.rollback();
    other.close();
  };
  t.after(release);
  return release;
}

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - start };
}

test('a locked database: reading doors answer, sign-in answers 503 with Retry-After, nothing freezes', async (t) => {
  const f = await startFixture();
  t.after(() => f.close());
  const browser = await f.signIn('bob');
  const release = await lockedBy(f, t);

  const zone = await timed(() => f.client(INSIDE).get('/api/zone'));
  assert.equal(zone.value.status, 200);
  assert.equal(zone.value.body.inside, true);
  assert.ok(zone.ms < 3000, `/api/zone took ${zone.ms} ms`);

  // While a sign-in waits for the lock, other requests are served at once (no frozen event loop).
  const signIn = timed(() =>
    f.client(INSIDE).post('/api/login/password', { username: 'bob', password: PASSWORD }),
  );
  await new Promise((r) => setTimeout(r, 100));
  const health = await timed(() => f.client().get('/healthz'));
  assert.equal(health.value.status, 200);
  assert.ok(health.ms < 500, `/healthz took ${health.ms} ms while a writer waited`);

  const refused = await signIn;
  assert.equal(refused.value.status, 503);
  assert.equal(refused.value.body.error.code, 'service_unavailable');
  assert.equal(refused.value.headers.get('retry-after'), '5');
  assert.match(refused.value.body.error.requestId, /^[\w-]{8,}$/);
  assert.equal(refused.value.headers.get('x-request-id'), refused.value.body.error.requestId);
  assert.ok(refused.ms < 3000, `sign-in took ${refused.ms} ms`);

  // Forward-auth for an existing session still answers, although its audit line cannot be written.
  f.clock.advance(61_000); // also makes the session's last_seen_at due for a (best-effort) write
  const verify = await timed(() => browser.get('/api/verify'));
  assert.equal(verify.value.status, 200);
  assert.equal(verify.value.headers.get('remote-user'), 'bob');
  assert.ok(verify.ms < 3000);

  await release();
  const after = await f.client(INSIDE).post('/api/login/password', {
    username: 'bob',
    password: PASSWORD,
  });
  assert.equal(after.body.status, 'signed_in', JSON.stringify(after.body));
});

test('a database that refuses writes (SQLITE_READONLY) answers 503 to sign-in, 200 to /api/zone', async (t) => {
  const f = await startFixture();
  t.after(() => f.close());
  await f.client(INSIDE).get('/api/zone');
  // The pool hands sequential requests the same idle connection: make that one read-only. After
  // a fault the guard re-opens the pool's connections, so the pragma is set again before each.
  await f.db.execute('PRAGMA query_only = ON');
  const zone = await f.client(INSIDE).get('/api/zone');
  assert.equal(zone.status, 200, 'the audit line could not be written, the answer stands');
  await f.db.execute('PRAGMA query_only = ON');
  const res = await f.client(INSIDE).post('/api/login/password', {
    username: 'bob',
    password: PASSWORD,
  });
  assert.equal(res.status, 503, JSON.stringify(res.body));
  assert.equal(res.body.error.code, 'service_unavailable');
  await f.db.execute('PRAGMA query_only = OFF');
});

for (const fault of ['deleted', 'replaced'] as const) {
  test(`a database file ${fault} while running: not ready, writes refused with 503`, async (t) => {
    const f = await startFixture();
    t.after(() => f.close());
    assert.equal((await f.client().get('/readyz')).status, 200);
    if (fault === 'deleted') {
      for (const s of ['', '-wal', '-shm']) rmSync(f.dbPath + s, { force: true });
    } else {
      copyFileSync(f.dbPath, `${f.dbPath}.copy`);
      renameSync(`${f.dbPath}.copy`, f.dbPath);
    }
    const ready = await f.client().get('/readyz');
    assert.equal(ready.status, 503);
    assert.equal(ready.body.status, 'not_ready');
    assert.match(ready.body.checks.database_file, new RegExp(fault));
    assert.match(ready.body.error.message, /database_file/);
    const res = await f.client(INSIDE).post('/api/login/password', {
      username: 'bob',
      password: PASSWORD,
    });
    assert.equal(res.status, 503);
    assert.equal(res.body.error.code, 'service_unavailable');
    assert.equal((await f.client().get('/healthz')).status, 200, 'the process itself is alive');
  });
}
