/**
 * The profile API (`/api/me`) over real HTTP on the real app: a user sees their own data and
 * sessions only, ends a session of theirs (not anyone else's), and changes their own SecSign ID
 * only while the setting allows it; nobody signed in gets 401.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startFixture, INSIDE, type Fixture } from '../login/fixture.js';

let f: Fixture;
before(async () => {
  f = await startFixture();
});
after(() => f.close());

const signIn = (username: string) => f.signIn(username);

describe('GET /api/me', () => {
  it('answers 401 not_signed_in without a session', async () => {
    for (const path of ['/api/me', '/api/me/sessions']) {
      const res = await f.client(INSIDE).get(path);
      assert.equal(res.status, 401, path);
      assert.equal(res.body.error.code, 'not_signed_in');
    }
  });

  it('shows the signed-in user, the factors and where they are', async () => {
    const c = await signIn('bob');
    const res = await c.get('/api/me');
    assert.equal(res.status, 200);
    assert.equal(res.body.user.username, 'bob');
    assert.equal(res.body.user.secSignId, 'bob.sec');
    assert.equal(res.body.user.passwordHash, undefined);
    assert.equal(res.body.factors, 'password');
    assert.equal(res.body.canChangeOwnId, false);
    assert.equal(res.body.client.ip, INSIDE);
  });

  it('stops counting a password session once the user is outside the zone', async () => {
    const c = await signIn('bob');
    c.setAddress('203.0.113.9');
    assert.equal((await c.get('/api/me')).status, 401);
  });
});

describe('sessions', () => {
  it('lists only my sessions, marks the current one, and ends one of mine', async () => {
    const first = await signIn('bob');
    const second = await signIn('bob');
    const other = await signIn('carol');
    const list = await second.get('/api/me/sessions');
    assert.equal(list.status, 200);
    const ids: string[] = list.body.sessions.map((s: { id: string }) => s.id);
    assert.ok(ids.length >= 2);
    assert.equal(list.body.sessions.filter((s: { current: boolean }) => s.current).length, 1);
    const carolIds: string[] = (await other.get('/api/me/sessions')).body.sessions.map(
      (s: { id: string }) => s.id,
    );
    assert.ok(carolIds.every((id) => !ids.includes(id)));

    // Bob cannot end Carol's session.
    const refused = await second.request('DELETE', `/api/me/sessions/${carolIds[0]}`);
    assert.equal(refused.status, 404);
    assert.equal(refused.body.error.code, 'session_not_found');
    assert.equal((await other.get('/api/me')).status, 200);

    // Bob ends his first session from the second.
    const firstId = (await first.get('/api/me/sessions')).body.sessions.find(
      (s: { current: boolean }) => s.current,
    ).id;
    const ended = await second.request('DELETE', `/api/me/sessions/${firstId}`);
    assert.equal(ended.status, 200);
    assert.equal(ended.body.current, false);
    assert.equal((await first.get('/api/me')).status, 401);
    assert.equal((await second.get('/api/me')).status, 200);
  });

  it('refuses a malformed session id', async () => {
    const c = await signIn('bob');
    const res = await c.request('DELETE', '/api/me/sessions/not-an-id');
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'invalid_input');
  });
});

describe('PUT /api/me/secsign-id', () => {
  it('is refused while the setting is off, allowed when on; uniqueness holds', async () => {
    const c = await signIn('carol');
    const off = await c.request('PUT', '/api/me/secsign-id', { secSignId: 'carol.sec' });
    assert.equal(off.status, 403);
    assert.equal(off.body.error.code, 'secsign_id_change_not_allowed');

    const admin = await signIn('alice');
    const patch = await admin.request('PATCH', '/api/admin/settings', { usersChangeOwnId: true });
    assert.equal(patch.status, 200);
    assert.equal((await c.get('/api/me')).body.canChangeOwnId, true);

    const taken = await c.request('PUT', '/api/me/secsign-id', { secSignId: 'BOB.sec' });
    assert.equal(taken.status, 409);
    assert.equal(taken.body.error.code, 'secsign_id_taken');

    const ok = await c.request('PUT', '/api/me/secsign-id', { secSignId: 'carol.sec' });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.user.secSignId, 'carol.sec');

    // Removing (or replacing) an ID needs a session confirmed with it, or an administrator.
    const cleared = await c.request('PUT', '/api/me/secsign-id', { secSignId: null });
    assert.equal(cleared.status, 403);
    assert.equal(cleared.body.error.code, 'second_factor_required');

    await admin.request('PATCH', '/api/admin/settings', { usersChangeOwnId: false });
  });

  it('refuses a request from a foreign origin', async () => {
    const c = await signIn('alice');
    const res = await c.request(
      'PUT',
      '/api/me/secsign-id',
      { secSignId: 'x.sec' },
      { origin: 'https://evil.example' },
    );
    assert.equal(res.status, 403);
    assert.equal(res.body.error.code, 'forbidden_origin');
  });
});
