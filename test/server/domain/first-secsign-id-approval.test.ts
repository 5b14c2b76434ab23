/**
 * A user's own first SecSign ID while administrators approve first factors (issue 27 §4), over
 * real HTTP on a real database (libSQL, and PostgreSQL in the second pass): bound from a password
 * session inside it is held as an app or a passkey is — 202 `waitingApproval`, nothing bound, so it
 * counts nowhere (no sign-in from outside with it, the enrolment campaign's limit stays) — until an
 * administrator approves it (then it is the user's, the limit ends, it signs in from outside) or
 * rejects it (then it is gone and the user may ask again). An ID an administrator sets meanwhile
 * withdraws the request and is never overwritten. With `first_factor_inside` off the refusal stays
 * (403 `first_factor_by_administrator`, test/server/enrolment/step-up.test.ts).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CLI_ACTOR } from '../../../server/domain/actor.js';
import { DAY_MS, updateCampaign } from '../../../server/domain/enrolment-campaign.js';
import { updateSettings } from '../../../server/domain/settings-service.js';
import { changeSecSignId, createUser } from '../../../server/domain/users-service.js';
import { AuthSessionState } from '../../../server/secsign/types.js';
import type { TestClient } from '../../support/client.js';
import { startFactorsFixture, INSIDE, OUTSIDE, PASSWORD } from '../factors/helpers.js';
import type { Fixture } from '../login/fixture.js';
import { secSignIn } from '../login/passkey-fixture.js';

let f: Fixture;
before(async () => {
  // Mode 2fa: outside, the SecSign ID alone signs in — if it is bound to someone.
  f = await startFactorsFixture({ twoStep: false });
  await updateSettings(f.db, f.clock, CLI_ACTOR, { usersChangeOwnId: true });
  for (const username of ['gil', 'ivo', 'kim'])
    await createUser(f.db, f.clock, CLI_ACTOR, { username, password: PASSWORD });
  for (const id of ['gil.sec', 'gil.other', 'ivo.sec', 'kim.sec', 'kim.admin'])
    f.sim.registerId(id);
  await updateCampaign(f.db, f.clock, CLI_ACTOR, { withinDays: 1, firstFactorApproval: true });
  f.clock.advance(DAY_MS);
});
after(() => f.close());

const code = (r: { body: unknown }) => (r.body as { error?: { code: string } }).error?.code;

async function audits(username: string, action: string): Promise<string[]> {
  const rs = await f.db.execute({
    sql: 'SELECT outcome FROM audit_log WHERE action = ? AND username = ? ORDER BY id',
    args: [action, username],
  });
  return rs.rows.map((r) => String(r.outcome));
}

/** Asks for `secSignId` as one's own from `browser`; answers the response. */
const ask = (browser: TestClient, secSignId: string) =>
  browser.request('PUT', '/api/me/secsign-id', { secSignId });

/** The waiting request of `username`, as the administrators' list shows it. */
async function request(admin: TestClient, username: string) {
  const list = await admin.get('/api/admin/enrolment/approvals');
  assert.equal(list.status, 200);
  return (
    list.body.approvals as {
      id: number;
      username: string;
      factor: string;
      label: string;
      clientIp: string;
      requestedAt: string;
    }[]
  ).find((a) => a.username === username);
}

/** Whether a SecSign ID sign-in from outside with `secSignId` (the phone accepting) signs in. */
async function signsInFromOutside(secSignId: string): Promise<boolean> {
  const outside = f.client(OUTSIDE);
  const pending = await outside.post('/api/login/secsign', { secSignId });
  if (pending.body?.status !== 'secsign_pending') return false;
  try {
    f.phone(secSignId, AuthSessionState.AUTHENTICATED);
  } catch {
    // No request reached the phone: nobody holds the ID.
  }
  const done = await outside.post('/api/login/secsign/status', {
    transaction: pending.body.transaction,
  });
  return done.body?.status === 'signed_in';
}

test('held: 202 waiting, nothing bound, counts nowhere; approved, it is hers and signs in', async () => {
  const gil = await f.signIn('gil');
  assert.equal((await gil.get('/api/verify')).status, 401, 'past the deadline: limited');
  const held = await ask(gil, 'gil.sec');
  assert.equal(held.status, 202, JSON.stringify(held.body));
  assert.equal(held.body.waitingApproval, true);
  assert.equal(held.body.user.secSignId, null, 'not bound');
  assert.equal((await gil.get('/api/me')).body.user.secSignId, null);
  const mine = await gil.get('/api/me/factors');
  assert.equal(mine.body.waitingApproval.factor, 'secsign');
  assert.equal(mine.body.waitingApproval.label, 'gil.sec');
  assert.deepEqual(await audits('gil', 'enrolment.first_factor'), ['held_for_approval']);
  assert.deepEqual(await audits('gil', 'user.secsign_id.set'), [], 'nothing set');

  // It counts nowhere: not outside, not for the campaign (the session stays limited).
  assert.equal(await signsInFromOutside('gil.sec'), false, 'a held ID signs nobody in');
  assert.equal((await gil.get('/api/verify')).status, 401, 'still limited');
  const again = f.client(INSIDE);
  const prompt = await again.post('/api/login/password', { username: 'gil', password: PASSWORD });
  assert.equal(prompt.body.enrol.waiting, true, 'the prompt says it waits');
  // One request waits per user: another ID waits for this one.
  const second = await ask(gil, 'gil.other');
  assert.equal(second.status, 409);
  assert.equal(code(second), 'approval_waiting');

  // The administrators' list: who, which factor, from where, when.
  const alice = await f.signIn('alice');
  const r = await request(alice, 'gil');
  assert.ok(r, 'listed');
  assert.equal(r.factor, 'secsign');
  assert.equal(r.label, 'gil.sec');
  assert.equal(r.clientIp, INSIDE);
  assert.match(r.requestedAt, /^\d{4}-\d\d-\d\dT/);
  const ok = await alice.post(`/api/admin/enrolment/approvals/${r.id}/approve`, {});
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.deepEqual(await audits('gil', 'enrolment.approval'), ['approved']);

  // Bound now: shown, the campaign's limit over, and it signs in from outside.
  assert.equal((await gil.get('/api/me')).body.user.secSignId, 'gil.sec');
  assert.equal((await gil.get('/api/me/factors')).body.waitingApproval, null);
  assert.equal((await gil.get('/api/verify')).status, 200, 'the limit ended');
  await secSignIn(f, f.client(OUTSIDE), 'gil.sec');
});

test('rejected: nothing bound, audited; the user may ask again', async () => {
  const ivo = await f.signIn('ivo');
  assert.equal((await ask(ivo, 'ivo.sec')).status, 202);
  const alice = await f.signIn('alice');
  const r = await request(alice, 'ivo');
  const no = await alice.post(`/api/admin/enrolment/approvals/${r!.id}/reject`, {});
  assert.equal(no.status, 200, JSON.stringify(no.body));
  assert.deepEqual(await audits('ivo', 'enrolment.approval'), ['rejected']);
  assert.equal((await ivo.get('/api/me')).body.user.secSignId, null);
  assert.equal((await ivo.get('/api/me/factors')).body.waitingApproval, null);
  assert.equal(await signsInFromOutside('ivo.sec'), false);
  assert.equal((await ivo.get('/api/verify')).status, 401, 'still limited');
  assert.equal((await ask(ivo, 'ivo.sec')).status, 202, 'asked again');
});

test('an ID an administrator sets meanwhile withdraws the request; approval binds nothing', async () => {
  const kim = await f.signIn('kim');
  assert.equal((await ask(kim, 'kim.sec')).status, 202);
  const alice = await f.signIn('alice');
  const r = await request(alice, 'kim');
  const id = (await f.db.execute("SELECT id FROM users WHERE username = 'kim'")).rows[0]!['id'];
  await changeSecSignId(f.db, f.clock, CLI_ACTOR, Number(id), 'kim.admin');
  assert.equal(await request(alice, 'kim'), undefined, 'no longer waiting');
  const late = await alice.post(`/api/admin/enrolment/approvals/${r!.id}/approve`, {});
  assert.equal(late.status, 409);
  assert.equal(code(late), 'approval_decided');
  const now = await f.db.execute("SELECT secsign_id FROM users WHERE username = 'kim'");
  assert.equal(now.rows[0]!['secsign_id'], 'kim.admin', 'not overwritten');
});
