/**
 * Tries to break each seed rule through the admin API. Every refusal is a 409 (or 403) in the one
 * error shape, and changes nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { harness, type Harness } from './harness.js';

const PW = 'long enough password';

async function activeWithOneSecSignAdmin(): Promise<Harness & { admin: number; bob: number }> {
  const h = await harness();
  const a = await h.call('POST', '/users', {
    username: 'alice',
    password: PW,
    role: 'admin',
    secSignId: 'alice.id',
  });
  // From now on the bootstrap token is retired: alice administers.
  await h.signIn(a.json.user.id);
  const b = await h.call('POST', '/users', { username: 'bob', password: PW, role: 'admin' });
  assert.equal((await h.call('PATCH', '/settings', { ipSafeZoneActive: true })).status, 200);
  return Object.assign(h, { admin: a.json.user.id as number, bob: b.json.user.id as number });
}

async function state(h: Harness) {
  return JSON.stringify([
    (await h.call('GET', '/users')).json,
    (await h.call('GET', '/settings')).json,
  ]);
}

test('API: IPSafeZone cannot be activated without an administrator with a SecSign ID', async () => {
  const h = await harness();
  await h.call('POST', '/users', { username: 'root', password: PW, role: 'admin' });
  await h.call('POST', '/users', { username: 'u', password: PW, secSignId: 'u.id' });
  const r = await h.call('PATCH', '/settings', { ipSafeZoneActive: true });
  assert.equal(r.status, 409);
  assert.equal(r.json.error.code, 'no_secsign_admin');
  assert.match(r.json.error.message, /administrator can sign in from outside/);
  assert.equal((await h.call('GET', '/settings')).json.ipSafeZoneActive, false);
});

const attempts: [string, (h: Harness & { admin: number }) => [string, string, unknown?]][] = [
  ['clear its SecSign ID', (h) => ['DELETE', `/users/${h.admin}/secsign-id`]],
  ['demote', (h) => ['PATCH', `/users/${h.admin}`, { role: 'user' }]],
  ['disable', (h) => ['PATCH', `/users/${h.admin}`, { disabled: true }]],
  ['delete', (h) => ['DELETE', `/users/${h.admin}`]],
];

for (const [what, request] of attempts) {
  test(`API: while active, cannot ${what} of the last SecSign administrator`, async () => {
    const h = await activeWithOneSecSignAdmin();
    const before = await state(h);
    const [method, path, body] = request(h);
    const r = await h.call(method, path, body);
    assert.equal(r.status, 409);
    assert.equal(r.json.error.code, 'last_secsign_admin');
    assert.equal(await state(h), before);
    // Once bob has an ID too, the same request goes through.
    assert.equal(
      (await h.call('PUT', `/users/${h.bob}/secsign-id`, { secSignId: 'bob.id' })).status,
      200,
    );
    assert.equal((await h.call(method, path, body)).status, 200);
  });
}

test('API: one SecSign ID per user, one user per SecSign ID (trimmed, lower-cased)', async () => {
  const h = await activeWithOneSecSignAdmin();
  const before = await state(h);
  const r = await h.call('PUT', `/users/${h.bob}/secsign-id`, { secSignId: ' ALICE.ID ' });
  assert.equal(r.status, 409);
  assert.equal(r.json.error.code, 'secsign_id_taken');
  const c = await h.call('POST', '/users', {
    username: 'carol',
    password: PW,
    secSignId: 'Alice.Id',
  });
  assert.equal(c.json.error.code, 'secsign_id_taken');
  assert.equal(await state(h), before);
  const ok = await h.call('PUT', `/users/${h.bob}/secsign-id`, { secSignId: ' Bob.Example ' });
  assert.equal(ok.json.user.secSignId, 'bob.example');
});

test('API: a user without a SecSign ID signs in with a password inside, and is told to get one outside', async () => {
  const h = await activeWithOneSecSignAdmin();
  await h.call('POST', '/zones', { name: 'Office', ranges: ['10.0.0.0 – 10.0.0.255'] });
  await h.call('POST', '/users', { username: 'dave', password: PW });
  const inside = await h.call('GET', '/explain?address=10.0.0.5&username=dave');
  assert.equal(inside.json.mode, 'password');
  assert.equal(inside.json.user.canSignIn, true);
  const outside = await h.call('GET', '/explain?address=198.51.100.1&username=dave');
  assert.equal(outside.json.mode, '2fa');
  assert.equal(outside.json.user.canSignIn, false);
  assert.match(outside.json.user.note, /administrator must assign one/);
});
