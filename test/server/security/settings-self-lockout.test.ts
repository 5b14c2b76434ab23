/**
 * Threat (to the administrator's own access): turning IPSafeZone off from the office ended the
 * administrator's own session with no warning, because "off" means a second factor from
 * everywhere. Now a settings change that would end the actor's own session is refused with
 * `409 ends_own_session` and a plain explanation, and goes ahead only when confirmed.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startFixture, type Fixture } from '../login/fixture.js';

let f: Fixture;
before(async () => {
  f = await startFixture();
});
after(() => f.close());

test('switching IPSafeZone off from inside with a password session: warned, then confirmed', async () => {
  const admin = await f.signIn('alice');
  const warned = await admin.request('PATCH', '/api/admin/settings', { ipSafeZoneActive: false });
  assert.equal(warned.status, 409, JSON.stringify(warned.body));
  assert.equal(warned.body.error.code, 'ends_own_session');
  assert.match(warned.body.error.message, /your SecSign ID/);
  assert.equal((await admin.get('/api/admin/settings')).body.ipSafeZoneActive, true, 'unchanged');

  const twoStep = await admin.request('PATCH', '/api/admin/settings', { usersChangeOwnId: true });
  assert.equal(twoStep.status, 200, 'a change that keeps the session goes through');

  const confirmed = await admin.request('PATCH', '/api/admin/settings', {
    ipSafeZoneActive: false,
    confirm: true,
  });
  assert.equal(confirmed.status, 200);
  assert.equal((await admin.get('/api/me')).status, 401, 'as warned, the session no longer counts');
});
