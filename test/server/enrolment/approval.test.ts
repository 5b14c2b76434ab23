/**
 * First factors held for an administrator's approval (issue 27 §4) over real HTTP on a real
 * database: with `first_factor_approval` on, a user's first authenticator app enrolled from a
 * password session inside is held — the user sees "waiting", it counts nowhere (not outside, not
 * for the campaign) — until an administrator approves it (then it signs in from outside) or rejects
 * it (then it is gone and the user may ask again). One request waits per user; a request is
 * decided once; every step is audited; only administrators decide.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CLI_ACTOR } from '../../../server/domain/actor.js';
import { DAY_MS, updateCampaign } from '../../../server/domain/enrolment-campaign.js';
import { createUser } from '../../../server/domain/users-service.js';
import type { Fixture } from '../login/fixture.js';
import {
  beginAndConfirmTotp,
  codeAt,
  signInWithApp,
  startFactorsFixture,
  INSIDE,
  PASSWORD,
} from '../factors/helpers.js';

let f: Fixture;
before(async () => {
  f = await startFactorsFixture();
  for (const username of ['hana', 'ivo', 'jo'])
    await createUser(f.db, f.clock, CLI_ACTOR, { username, password: PASSWORD });
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

test('held: the user sees it waiting, it counts nowhere; approved, it signs in from outside', async () => {
  const hana = await f.signIn('hana');
  const { confirm, secret } = await beginAndConfirmTotp(f, hana);
  assert.equal(confirm.status, 200, JSON.stringify(confirm.body));
  const body = confirm.body as {
    waitingApproval?: boolean;
    factors: unknown[];
    recoveryCodes: string[] | null;
  };
  assert.equal(body.waitingApproval, true);
  assert.equal(body.factors.length, 0, 'not written');
  assert.equal(body.recoveryCodes?.length, 10, 'shown once now; they work once approved');
  const mine = await hana.get('/api/me/factors');
  assert.equal(mine.body.waitingApproval.factor, 'totp');
  assert.deepEqual(await audits('hana', 'enrolment.first_factor'), ['held_for_approval']);

  // It counts nowhere: not outside, not for the campaign (the session stays limited).
  const outside = f.client();
  const pw = await outside.post('/api/login/password', { username: 'hana', password: PASSWORD });
  if (pw.status === 200) {
    const tried = await outside.post('/api/login/code', {
      transaction: pw.body.transaction,
      factor: 'totp',
      code: codeAt(secret, f.clock.now()),
    });
    assert.notEqual(tried.status, 200, 'a held app signs nobody in');
  }
  assert.equal((await hana.get('/api/verify')).status, 401);
  const again = await f.signIn('hana');
  const prompt = await again.post('/api/login/password', { username: 'hana', password: PASSWORD });
  assert.equal(prompt.body.enrol.waiting, true, 'the prompt says it waits');
  // One request waits per user.
  const second = await beginAndConfirmTotp(f, hana);
  assert.equal(second.confirm.status, 409);
  assert.equal(code(second.confirm), 'approval_waiting');

  // Only administrators see and decide.
  assert.equal((await hana.get('/api/admin/enrolment/approvals')).status, 401, 'limited');
  assert.equal((await (await f.signIn('bob')).get('/api/admin/enrolment/approvals')).status, 403);
  const alice = await f.signIn('alice');
  const list = await alice.get('/api/admin/enrolment/approvals');
  assert.equal(list.status, 200);
  const request = (
    list.body.approvals as { id: number; username: string; clientIp: string; requestedAt: string }[]
  ).find((a) => a.username === 'hana')!;
  assert.equal(request.clientIp, INSIDE);
  assert.match(request.requestedAt, /^\d{4}-\d\d-\d\dT/);
  const ok = await alice.post(`/api/admin/enrolment/approvals/${request.id}/approve`, {});
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  const twice = await alice.post(`/api/admin/enrolment/approvals/${request.id}/approve`, {});
  assert.equal(twice.status, 409);
  assert.equal(code(twice), 'approval_decided');
  assert.deepEqual(await audits('hana', 'enrolment.approval'), ['approved']);

  // Now it is hers: listed, freeing the campaign's limit, signing in from outside.
  const after = await hana.get('/api/me/factors');
  assert.equal(after.body.factors.length, 1);
  assert.equal(after.body.waitingApproval, null);
  assert.equal((await hana.get('/api/verify')).status, 200);
  await signInWithApp(f, 'hana', secret);
});

test('rejected: discarded, audited; the user may ask again', async () => {
  const ivo = await f.signIn('ivo');
  assert.equal((await beginAndConfirmTotp(f, ivo)).confirm.status, 200);
  const alice = await f.signIn('alice');
  const list = await alice.get('/api/admin/enrolment/approvals');
  const id = (list.body.approvals as { id: number; username: string }[]).find(
    (a) => a.username === 'ivo',
  )!.id;
  const no = await alice.post(`/api/admin/enrolment/approvals/${id}/reject`, {});
  assert.equal(no.status, 200);
  assert.deepEqual(await audits('ivo', 'enrolment.approval'), ['rejected']);
  const mine = await ivo.get('/api/me/factors');
  assert.deepEqual(mine.body.factors, []);
  assert.equal(mine.body.waitingApproval, null);
  assert.equal((await beginAndConfirmTotp(f, ivo)).confirm.status, 200, 'asked again');
  assert.equal((await alice.post('/api/admin/enrolment/approvals/999999/approve', {})).status, 404);
  assert.equal((await alice.post('/api/admin/enrolment/approvals/x/approve', {})).status, 400);
});

test('switched off, a first factor goes in at once again (trust on first use)', async () => {
  await updateCampaign(f.db, f.clock, CLI_ACTOR, { firstFactorApproval: false });
  const jo = await f.signIn('jo');
  const { confirm } = await beginAndConfirmTotp(f, jo);
  assert.equal((confirm.body as { waitingApproval?: unknown }).waitingApproval, null);
  assert.equal((confirm.body as { factors: unknown[] }).factors.length, 1);
  assert.deepEqual(await audits('jo', 'enrolment.first_factor'), ['trusted_on_first_use']);
});
