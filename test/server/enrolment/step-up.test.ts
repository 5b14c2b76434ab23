/**
 * Step-up for a further factor (issue 27 §4): adding a second factor when the user already has one
 * needs a recent confirmation with a factor they hold — from anywhere — for every kind, the SecSign
 * ID included (before, a password session inside could bind a SecSign ID beside an app), and for
 * administrators on their own account too (before, an administrator's password session could
 * replace their own SecSign ID). A first factor from a password session is trust on first use:
 * audited as `enrolment.first_factor`, and refused when administrators forbid first factors on
 * the password (`first_factor_inside` off).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CLI_ACTOR } from '../../../server/domain/actor.js';
import { createUser } from '../../../server/domain/users-service.js';
import type { Fixture } from '../login/fixture.js';
import {
  codeAt,
  enrolTotp,
  signInWithApp,
  startFactorsFixture,
  PASSWORD,
} from '../factors/helpers.js';

let f: Fixture;
before(async () => {
  f = await startFactorsFixture();
  const { updateSettings } = await import('../../../server/domain/settings-service.js');
  await updateSettings(f.db, f.clock, CLI_ACTOR, { usersChangeOwnId: true });
  for (const id of ['erin.sec', 'fay.sec', 'alice.new']) f.sim.registerId(id);
});
after(() => f.close());

const code = (r: { body: unknown }) => (r.body as { error?: { code: string } }).error?.code;

async function firstFactorAudits(username: string): Promise<string[]> {
  const rs = await f.db.execute({
    sql: "SELECT details FROM audit_log WHERE action = 'enrolment.first_factor' AND username = ? ORDER BY id",
    args: [username],
  });
  return rs.rows.map((r) => (JSON.parse(String(r.details)) as { factor: string }).factor);
}

test('a SecSign ID beside an app needs the app first; confirmed with it, it goes in', async () => {
  await createUser(f.db, f.clock, CLI_ACTOR, { username: 'erin', password: PASSWORD });
  const { secret } = await enrolTotp(f, await f.signIn('erin'));
  assert.deepEqual(await firstFactorAudits('erin'), ['totp'], 'the app: trust on first use');

  const passwordOnly = await f.signIn('erin');
  const refused = await passwordOnly.request('PUT', '/api/me/secsign-id', {
    secSignId: 'erin.sec',
  });
  assert.equal(refused.status, 403, JSON.stringify(refused.body));
  assert.equal(code(refused), 'second_factor_required');
  assert.equal((await passwordOnly.get('/api/me')).body.user.secSignId, null);

  const confirmed = await passwordOnly.post('/api/me/reauth/code', {
    factor: 'totp',
    code: codeAt(secret, f.clock.now()),
  });
  assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
  const ok = await passwordOnly.request('PUT', '/api/me/secsign-id', { secSignId: 'erin.sec' });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.deepEqual(await firstFactorAudits('erin'), ['totp'], 'a further factor is no first one');
});

test('from outside, a further factor with the one held — if recent; else confirm again', async () => {
  await createUser(f.db, f.clock, CLI_ACTOR, { username: 'fay', password: PASSWORD });
  const { secret } = await enrolTotp(f, await f.signIn('fay'));
  const outside = await signInWithApp(f, 'fay', secret);
  const now = await outside.post('/api/me/factors/totp', {});
  assert.equal(now.status, 200, JSON.stringify(now.body));
  f.clock.advance(6 * 60_000);
  const stale = await outside.request('PUT', '/api/me/secsign-id', { secSignId: 'fay.sec' });
  assert.equal(stale.status, 403);
  assert.equal(code(stale), 'reauthentication_required');
  // Only the factors held confirm: not the password.
  const byPassword = await outside.post('/api/me/reauth/password', { password: PASSWORD });
  assert.equal(byPassword.status, 403);
  assert.equal(code(byPassword), 'confirm_method_unavailable');
  const again = await outside.post('/api/me/reauth/code', {
    factor: 'totp',
    code: codeAt(secret, f.clock.now()),
  });
  assert.equal(again.status, 200, JSON.stringify(again.body));
  const ok = await outside.request('PUT', '/api/me/secsign-id', { secSignId: 'fay.sec' });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
});

test("an administrator's password session cannot replace their own SecSign ID", async () => {
  const alice = await f.signIn('alice');
  for (const [path, method] of [
    ['/api/me/secsign-id', 'PUT'],
    ['/api/admin/users/1/secsign-id', 'PUT'],
  ] as const) {
    const r = await alice.request(method, path, { secSignId: 'alice.new' });
    assert.equal(r.status, 403, `${path}: ${JSON.stringify(r.body)}`);
    assert.equal(code(r), 'second_factor_required');
  }
  // Someone else's: as before, an administrator may.
  const users = await alice.get('/api/admin/users?q=carol');
  const carol = users.body.users[0].id as number;
  assert.equal(
    (await alice.request('PUT', `/api/admin/users/${carol}/secsign-id`, { secSignId: 'carol.x' }))
      .status,
    200,
  );
  await alice.request('DELETE', `/api/admin/users/${carol}/secsign-id`);
});

test('a first SecSign ID on the password: trust on first use, or an administrator when first factors are off', async () => {
  await createUser(f.db, f.clock, CLI_ACTOR, { username: 'gil', password: PASSWORD });
  f.sim.registerId('gil.sec');
  const { updateSettings } = await import('../../../server/domain/settings-service.js');
  await updateSettings(f.db, f.clock, CLI_ACTOR, { firstFactorInside: false });
  const gil = await f.signIn('gil');
  const refused = await gil.request('PUT', '/api/me/secsign-id', { secSignId: 'gil.sec' });
  assert.equal(refused.status, 403);
  assert.equal(code(refused), 'first_factor_by_administrator');
  // With approval on, it is held instead (test/server/domain/first-secsign-id-approval.test.ts).
  await updateSettings(f.db, f.clock, CLI_ACTOR, { firstFactorInside: true });
  const ok = await gil.request('PUT', '/api/me/secsign-id', { secSignId: 'gil.sec' });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.deepEqual(await firstFactorAudits('gil'), ['secsign']);
});
