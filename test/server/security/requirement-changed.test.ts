/**
 * Threat: finishing a login under rules that no longer hold. A SecSign-ID-alone login started
 * while two-step was off, then confirmed after an administrator switched two-step on, answered
 * `signed_in` with a session that `/api/verify` then rejected. Now what was proven is checked
 * against what the address needs at the moment the login completes.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { AuthSessionState } from '../../../server/secsign/types.js';
import { startFixture, OUTSIDE, type Fixture } from '../login/fixture.js';

let f: Fixture;
before(async () => {
  f = await startFixture();
});
after(() => f.close());

test('a SecSign-ID-alone login confirmed after two-step was switched on opens no session', async () => {
  const c = f.client(OUTSIDE);
  const start = await c.post('/api/login/secsign', { secSignId: 'bob.sec' });
  assert.equal(start.status, 200, JSON.stringify(start.body));
  await f.settings({ twoStepActive: true });
  f.phone('bob.sec', AuthSessionState.AUTHENTICATED);
  const done = await c.post('/api/login/secsign/status', { transaction: start.body.transaction });
  assert.equal(done.status, 403, JSON.stringify(done.body));
  assert.equal(done.body.error.code, 'requirement_changed');
  assert.equal(c.cookie('ipsafezone_session'), undefined);
  const verify = await c.get('/api/verify');
  assert.equal(verify.status, 401);
});
