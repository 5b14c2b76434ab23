/**
 * A first passkey held for an administrator's approval (issue 27 §4), over real HTTP on a real
 * database (libSQL, and PostgreSQL in the second pass) with a software authenticator: registered
 * from a password session inside while first factors need approval, it answers 202
 * `waitingApproval` and is stored nowhere — not listed, no sign-in from outside with it — until an
 * administrator approves it (then it is listed and signs in from outside) or rejects it (then it
 * is gone, still signs nobody in, and the user may register one again).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CLI_ACTOR } from '../../../server/domain/actor.js';
import { updateCampaign } from '../../../server/domain/enrolment-campaign.js';
import type { TestClient } from '../../support/client.js';
import { startFixture, INSIDE, OUTSIDE, type Fixture } from '../login/fixture.js';
import { authenticator, enrol, newUser, passkeySignIn } from '../login/passkey-fixture.js';

let f: Fixture;
before(async () => {
  f = await startFixture();
  for (const name of ['hana', 'ivo']) await newUser(f, name);
  await updateCampaign(f.db, f.clock, CLI_ACTOR, { firstFactorApproval: true });
});
after(() => f.close());

async function audits(username: string, action: string): Promise<string[]> {
  const rs = await f.db.execute({
    sql: 'SELECT outcome FROM audit_log WHERE action = ? AND username = ? ORDER BY id',
    args: [action, username],
  });
  return rs.rows.map((r) => String(r.outcome));
}

/** The id of `username`'s waiting request, from the administrators' list. */
async function requestOf(admin: TestClient, username: string): Promise<number | undefined> {
  const list = await admin.get('/api/admin/enrolment/approvals');
  assert.equal(list.status, 200);
  const all = list.body.approvals as { id: number; username: string; factor: string }[];
  const mine = all.find((a) => a.username === username);
  if (mine) assert.equal(mine.factor, 'passkey');
  return mine?.id;
}

test('held: 202 waiting, stored nowhere, no sign-in; approved, it is listed and signs in', async () => {
  const hana = await f.signIn('hana', INSIDE);
  const key = authenticator(f);
  const held = await enrol(hana, key, 'Laptop');
  assert.equal(held.status, 202, JSON.stringify(held.body));
  assert.deepEqual(held.body, { waitingApproval: true });
  assert.deepEqual((await hana.get('/api/me/passkeys')).body.passkeys, [], 'not stored');
  const waiting = (await hana.get('/api/me/factors')).body.waitingApproval;
  assert.equal(waiting.factor, 'passkey');
  assert.equal(waiting.label, 'Laptop');
  assert.deepEqual(await audits('hana', 'enrolment.first_factor'), ['held_for_approval']);
  assert.deepEqual(await audits('hana', 'passkey.add'), [], 'not added');

  // Not usable: from outside the passkey signs nobody in, with or without the user name.
  for (const username of [undefined, 'hana']) {
    const tried = await passkeySignIn(f.client(OUTSIDE), key, {}, username);
    assert.equal(tried.status, 401, JSON.stringify(tried.body));
    assert.equal(tried.body.error.code, 'passkey_refused');
  }

  const alice = await f.signIn('alice');
  const id = await requestOf(alice, 'hana');
  assert.ok(id, 'listed for the administrators');
  const ok = await alice.post(`/api/admin/enrolment/approvals/${id}/approve`, {});
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.deepEqual(await audits('hana', 'enrolment.approval'), ['approved']);

  const list = (await hana.get('/api/me/passkeys')).body.passkeys as { label: string }[];
  assert.deepEqual(
    list.map((p) => p.label),
    ['Laptop'],
  );
  const signedIn = await passkeySignIn(f.client(OUTSIDE), key);
  assert.equal(signedIn.status, 200, JSON.stringify(signedIn.body));
  assert.equal(signedIn.body.status, 'signed_in');
  assert.equal(signedIn.body.user.username, 'hana');
});

test('rejected: removed, still no sign-in; the user may register one again', async () => {
  const ivo = await f.signIn('ivo', INSIDE);
  const key = authenticator(f);
  assert.equal((await enrol(ivo, key, 'Phone')).status, 202);
  const alice = await f.signIn('alice');
  const no = await alice.post(
    `/api/admin/enrolment/approvals/${await requestOf(alice, 'ivo')}/reject`,
    {},
  );
  assert.equal(no.status, 200, JSON.stringify(no.body));
  assert.deepEqual(await audits('ivo', 'enrolment.approval'), ['rejected']);
  assert.equal(await requestOf(alice, 'ivo'), undefined);
  assert.deepEqual((await ivo.get('/api/me/passkeys')).body.passkeys, []);
  assert.equal((await ivo.get('/api/me/factors')).body.waitingApproval, null);
  assert.equal((await passkeySignIn(f.client(OUTSIDE), key)).status, 401);
  assert.equal((await enrol(ivo, authenticator(f), 'Phone')).status, 202, 'asked again');
});
