/**
 * Who may enrol and change second factors, from where (server/domain/enrolment-rules.ts), through
 * the profile API: a first factor from a password session inside (unless switched off), not from
 * outside with the password alone; replacing or removing needs a second-factor session; every
 * change ends the user's other sessions.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CLI_ACTOR } from '../../../server/domain/actor.js';
import { updateSettings } from '../../../server/domain/settings-service.js';
import { factorChangeRefusal } from '../../../server/domain/enrolment-rules.js';
import type { Fixture } from '../login/fixture.js';
import { codeAt, enrolTotp, passwordFirst, startFactorsFixture, OUTSIDE } from './helpers.js';

let f: Fixture;

before(async () => {
  f = await startFactorsFixture();
});
after(() => f.close());

const code = (r: { body: unknown }) => (r.body as { error?: { code: string } }).error?.code;

test('inside, a password session may enrol a first factor; switched off, it may not', async () => {
  await updateSettings(f.db, f.clock, CLI_ACTOR, { firstFactorInside: false });
  const off = await (await f.signIn('carol')).post('/api/me/factors/totp', {});
  assert.equal(off.status, 403);
  assert.equal(code(off), 'first_factor_inside_off');
  await updateSettings(f.db, f.clock, CLI_ACTOR, { firstFactorInside: true });
  const on = await (await f.signIn('carol')).post('/api/me/factors/totp', {});
  assert.equal(on.status, 200);
  assert.match((on.body as { uri: string }).uri, /^otpauth:\/\/totp\/IPSafeZone:carol\?/);
  assert.match((on.body as { qrSvg: string }).qrSvg, /^<svg[^>]*>/);
});

test('outside, a password-only session does not count, so it cannot enrol a first factor', async () => {
  const inside = await f.signIn('carol');
  const res = await inside.request(
    'POST',
    '/api/me/factors/totp',
    {},
    { 'x-forwarded-for': OUTSIDE },
  );
  assert.equal(res.status, 401);
  // And the rule itself says so for a session that reached it anyway.
  const refusal = factorChangeRefusal({
    actor: { id: 3, role: 'user', factors: ['password'] },
    targetUserId: 3,
    zoneDecision: { inside: false, requirement: 'password' },
    settings: { firstFactorInside: true },
    hasSecondFactor: false,
    change: 'enrol',
  });
  assert.equal(refusal?.code, 'second_factor_required');
});

test('with a factor, a password session may not add, remove or renew; a second-factor session may, and the other sessions end', async () => {
  const first = await f.signIn('carol');
  const { secret } = await enrolTotp(f, first);
  const passwordOnly = await f.signIn('carol');
  const add = await passwordOnly.post('/api/me/factors/totp', {});
  assert.equal(add.status, 403);
  assert.equal(code(add), 'second_factor_required');
  const list = await passwordOnly.get('/api/me/factors');
  const id = (list.body as { factors: { id: number }[] }).factors[0]!.id;
  const del = await passwordOnly.request('DELETE', `/api/me/factors/${id}`);
  assert.equal(del.status, 403);

  const strong = await passwordFirst(f, 'carol');
  const ok = await strong.browser.post('/api/login/code', {
    transaction: strong.transaction,
    factor: 'totp',
    code: codeAt(secret, f.clock.now()),
  });
  assert.equal(ok.status, 200);
  const removed = await strong.browser.request('DELETE', `/api/me/factors/${id}`);
  assert.equal(removed.status, 200, JSON.stringify(removed.body));
  assert.deepEqual((removed.body as { factors: unknown[] }).factors, []);
  // The password-only session inside was ended; the one that made the change goes on.
  assert.equal((await passwordOnly.get('/api/me')).status, 401);
  assert.equal((await strong.browser.get('/api/me')).status, 200);
  const audit = await f.db.execute(
    "SELECT action, outcome FROM audit_log WHERE action LIKE 'factor.%' ORDER BY id",
  );
  assert.deepEqual(
    audit.rows.map((r) => `${String(r.action)}:${String(r.outcome)}`),
    ['factor.enrol:enrolled', 'factor.remove:removed'],
  );
});

test('a wrong first code does not enrol; an enrolment of someone else is refused', async () => {
  const carol = await f.signIn('carol');
  const begin = await carol.post('/api/me/factors/totp', {});
  const { enrolment, secret } = begin.body as { enrolment: string; secret: string };
  const bad = await carol.post('/api/me/factors/totp/confirm', {
    enrolment,
    code: String((Number(codeAt(secret, f.clock.now())) + 1) % 1_000_000).padStart(6, '0'),
  });
  assert.equal(bad.status, 422);
  const audit = await f.db.execute(
    "SELECT outcome FROM audit_log WHERE action = 'factor.enrol' ORDER BY id DESC LIMIT 1",
  );
  assert.equal(audit.rows[0]?.outcome, 'invalid_code', 'a wrong first code is audited');
  const alice = await f.signIn('alice');
  const stolen = await alice.post('/api/me/factors/totp/confirm', {
    enrolment,
    code: codeAt(secret, f.clock.now()),
  });
  assert.equal(stolen.status, 400);
  assert.equal(code(stolen), 'enrolment_invalid');
});
