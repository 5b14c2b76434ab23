/**
 * Each app counts its own decisions (issue 25 §2: no module state): two apps in one process, each
 * on the database handle it opened, as two instances would be. A sign-in audited by one moves its
 * metrics and not the other's; an app that was closed counts no more.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Metrics } from '../../../server/ops/metrics.js';
import { createApp } from '../../../server/app.js';
import { INSIDE, PASSWORD, startFixture, type Fixture } from '../login/fixture.js';

let a: Fixture;
let b: Fixture;
before(async () => {
  [a, b] = await Promise.all([startFixture(), startFixture()]);
});
after(async () => {
  await Promise.all([a.close(), b.close()]);
});

/** Sign-in steps counted as `login.success` / `signed_in`. */
async function signedIn(m: Metrics): Promise<number> {
  const values = (await m.signIns.get()).values;
  return values
    .filter((v) => v.labels.action === 'login.success' && v.labels.outcome === 'signed_in')
    .reduce((n, v) => n + v.value, 0);
}

/** Audited decisions of any door, refusals included. */
async function decisions(m: Metrics): Promise<number> {
  return (await m.decisions.get()).values.reduce((n, v) => n + v.value, 0);
}

test('the two apps do not share their metrics', () => {
  assert.notEqual(a.app.metrics, b.app.metrics);
  assert.notEqual(a.app.metrics.registry, b.app.metrics.registry);
});

test('a sign-in audited by one app moves its metrics only', async () => {
  const [aBefore, bBefore] = [await signedIn(a.app.metrics), await signedIn(b.app.metrics)];
  const bDecisions = await decisions(b.app.metrics);
  const res = await a
    .client(INSIDE)
    .post('/api/login/password', { username: 'carol', password: PASSWORD });
  assert.equal(res.status, 200);
  assert.equal(res.body.status, 'signed_in');
  assert.equal(await signedIn(a.app.metrics), aBefore + 1);
  assert.equal(await signedIn(b.app.metrics), bBefore);
  assert.equal(await decisions(b.app.metrics), bDecisions);
});

test('a refusal folded into an earlier audit row is counted by its own app only', async () => {
  const bDecisions = await decisions(b.app.metrics);
  const aDecisions = await decisions(a.app.metrics);
  const c = a.client(INSIDE);
  for (let i = 0; i < 8; i++) {
    await c.post('/api/login/password', { username: 'bob', password: `wrong-${i}-pw` });
  }
  assert.ok((await decisions(a.app.metrics)) >= aDecisions + 8);
  assert.equal(await decisions(b.app.metrics), bDecisions);
});

test('an app that was closed counts no more, though its handle lives on', async () => {
  // A second app on a's very handle, closed at once: its listener is gone with it.
  const closed = createApp(a.providers);
  await closed.close();
  const before = await signedIn(closed.metrics);
  const aBefore = await signedIn(a.app.metrics);
  const res = await a
    .client(INSIDE)
    .post('/api/login/password', { username: 'carol', password: PASSWORD });
  assert.equal(res.body.status, 'signed_in');
  assert.equal(await signedIn(a.app.metrics), aBefore + 1);
  assert.equal(await signedIn(closed.metrics), before);
});
