/**
 * The profile's "recent changes to how you sign in" (`GET /api/me/factor-changes`) and the sign-in's
 * "since your last sign-in … — not you?" (`GET /api/session`, `factorChanges`) are read from the
 * audit log by user name. A name is used again — a leaver's account deleted, a newcomer given the
 * same name (directories do this all the time) — and the newcomer was shown their predecessor's
 * changes: what was added and removed, when, and from which addresses, as a "not you?" alarm
 * about an account they never had. Only changes made since the account itself was created belong
 * to it. Real app over HTTP.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { INSIDE, type Fixture } from '../login/fixture.js';
import { enrolTotp, startFactorsFixture, PASSWORD } from '../factors/helpers.js';

let f: Fixture;
before(async () => {
  f = await startFactorsFixture({ twoStep: false });
});
after(() => f.close());

test("a new account with a former user's name is not shown the former account's changes", async () => {
  let admin = await f.signIn('alice', INSIDE);
  const create = () =>
    admin.post('/api/admin/users', { username: 'kim', password: PASSWORD, displayName: 'Kim' });
  const first = await create();
  assert.equal(first.status, 201);
  const leaver = await f.signIn('kim', '10.1.66.6');
  await enrolTotp(f, leaver);
  assert.equal((await leaver.get('/api/me/factor-changes')).body.changes.length, 1);

  // Days later the account is deleted, and the next day a newcomer gets the name.
  f.clock.advance(3 * 86_400_000);
  admin = await f.signIn('alice', INSIDE);
  const removed = await admin.request('DELETE', `/api/admin/users/${first.body.user.id}`);
  assert.equal(removed.status, 200);
  f.clock.advance(86_400_000);
  admin = await f.signIn('alice', INSIDE);
  assert.equal((await create()).status, 201);

  const newcomer = await f.signIn('kim', INSIDE);
  const mine = await newcomer.get('/api/me/factor-changes');
  assert.equal(mine.status, 200);
  assert.deepEqual(mine.body.changes, [], "the former account's app is not theirs");
  const session = await newcomer.get('/api/session');
  assert.equal(session.status, 200);
  assert.deepEqual(session.body.factorChanges ?? [], [], 'no "not you?" for it either');

  // Their own changes are shown as before.
  await enrolTotp(f, newcomer);
  const after = await newcomer.get('/api/me/factor-changes');
  assert.equal(after.body.changes.length, 1);
  assert.equal(after.body.changes[0].clientIp, INSIDE);
});
