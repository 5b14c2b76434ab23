/**
 * `POST /api/admin/policy/preview` over real HTTP on the login fixture: the sign-ins the fixture's
 * users really make are replayed — a user who signed in with the password inside the office would
 * need a second factor if the office zone went; one without any would be stopped. Administrators
 * only; bad input answers 400/422 in the one error shape and changes nothing.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { INSIDE, startFixture, type Fixture } from '../login/fixture.js';

let f: Fixture;
before(async () => {
  f = await startFixture();
});
after(() => f.close());

const OFFICE = { name: 'Office', ranges: ['10.1.0.0/16'] };

describe('POST /api/admin/policy/preview', () => {
  it('replays the real sign-ins: without the office zone carol is stopped, bob needs his ID', async () => {
    await f.signIn('carol', INSIDE);
    await f.signIn('bob', '10.1.9.9');
    const admin = await f.signIn('alice', '10.1.0.4');
    const res = await admin.post('/api/admin/policy/preview', { zones: [] });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const changes = Object.fromEntries(
      res.body.users.map((u: { username: string; change: string }) => [u.username, u.change]),
    );
    assert.deepEqual(changes, {
      alice: 'needs_second_factor',
      bob: 'needs_second_factor',
      carol: 'stopped',
    });
    assert.deepEqual(res.body.changes, ['zone Office removed']);
    assert.equal(res.body.saveAllowed, true);
    assert.equal(res.body.days.length, 31);
    // Nothing was saved: the zone is still there.
    const zones = await admin.get('/api/admin/zones');
    assert.deepEqual(
      zones.body.zones.map((z: { name: string }) => z.name),
      ['Office'],
    );
  });

  it('the same zones: nothing changes', async () => {
    const admin = await f.signIn('alice', '10.1.0.4');
    const res = await admin.post('/api/admin/policy/preview', { zones: [OFFICE], days: 7 });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.users, []);
    assert.equal(res.body.period.days, 7);
    assert.ok(res.body.signIns.replayed >= 3);
  });

  it('refuses bad input in the one error shape', async () => {
    const admin = await f.signIn('alice', '10.1.0.4');
    const bad = await admin.post('/api/admin/policy/preview', { days: 0 });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, 'invalid_input');
    assert.ok(bad.body.error.fields ?? bad.body.error.details?.fields);
    const extra = await admin.post('/api/admin/policy/preview', { zone: 'x' });
    assert.equal(extra.status, 400);
    const range = await admin.post('/api/admin/policy/preview', {
      zones: [{ name: 'Bad', ranges: ['10.1'] }],
    });
    assert.equal(range.status, 422);
    assert.equal(range.body.error.code, 'invalid_zone_range');
    const notJson = await admin.post('/api/admin/policy/preview', 'zones=1', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    assert.ok(notJson.status >= 400 && notJson.status < 500, String(notJson.status));
  });

  it('is closed to plain users and to nobody', async () => {
    const bob = await f.signIn('bob');
    assert.equal((await bob.post('/api/admin/policy/preview', {})).status, 403);
    assert.equal((await f.client(INSIDE).post('/api/admin/policy/preview', {})).status, 401);
  });
});
