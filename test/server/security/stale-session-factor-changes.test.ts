/**
 * Threat (issue 23, item 2): second factors changed from any session still alive. An 11-hour-old
 * password session from inside added a first passkey that then signed in alone from outside; an
 * 11-hour-old SecSign session added another passkey. Stopped by: every change of a user's own
 * sign-in methods (authenticator app begun or confirmed, a factor or passkey removed, a passkey
 * added, new recovery codes, the SecSign ID) needs a sign-in or confirmation within
 * `IPSAFEZONE_REAUTH_MINUTES` (default 5) — else `403 reauthentication_required`, audited — and
 * the user confirms on the profile with a factor they have (`/api/me/reauth/…`; the password only
 * when they have none). The user hears of changes: the profile lists them, and the next sign-in's
 * session answer carries those made since the previous sign-in.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { AuthSessionState } from '../../../server/secsign/types.js';
import type { Fixture } from '../login/fixture.js';
import type { JsonResponse, TestClient } from '../../support/client.js';
import {
  PASSWORD,
  codeAt,
  enrolTotp,
  signInWithApp,
  startFactorsFixture,
} from '../factors/helpers.js';
import { authenticator, enrol, newUser } from '../login/passkey-fixture.js';

let f: Fixture;

before(async () => {
  f = await startFactorsFixture();
});
after(() => f.close());

/** Longer than the default window of five minutes (the sessions' idle time is 30). */
const STALE_MS = 6 * 60_000;

const errorCode = (r: JsonResponse) => (r.body as { error?: { code: string } }).error?.code;

function assertRefused(r: JsonResponse, what: string) {
  assert.equal(r.status, 403, `${what}: ${JSON.stringify(r.body)}`);
  assert.equal(errorCode(r), 'reauthentication_required', what);
  assert.equal(r.body.error.details.windowMinutes, 5);
}

async function refusalsAudited(username: string, action: string): Promise<number> {
  const rs = await f.db.execute({
    sql: `SELECT count(*) AS n FROM audit_log WHERE username = ? AND action = ? AND outcome = 'reauthentication_required'`,
    args: [username, action],
  });
  return Number(rs.rows[0]!.n);
}

/** Confirms again on the profile with the authenticator app. */
async function confirmWithApp(c: TestClient, secret: string): Promise<void> {
  const r = await c.post('/api/me/reauth/code', {
    factor: 'totp',
    code: codeAt(secret, f.clock.now()),
  });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.status, 'confirmed');
  f.clock.advance(30_000);
}

test('a first factor from an old password session: refused; after confirming with the password, enrolled', async () => {
  await newUser(f, 'olga');
  const c = await f.signIn('olga');
  f.clock.advance(STALE_MS);
  assertRefused(await c.post('/api/me/factors/totp', {}), 'begin an app');
  assertRefused(await c.post('/api/me/passkeys/options'), 'add a passkey');
  assert.equal(await refusalsAudited('olga', 'factor.enrol'), 1);
  assert.equal(await refusalsAudited('olga', 'passkey.add'), 1);

  const offered = await c.get('/api/me/reauth');
  assert.equal(offered.status, 200);
  assert.deepEqual(offered.body.methods, ['password']);
  assert.equal(offered.body.fresh, false);
  const wrong = await c.post('/api/me/reauth/password', { password: 'not it' });
  assert.equal(wrong.status, 401, JSON.stringify(wrong.body));
  const ok = await c.post('/api/me/reauth/password', { password: PASSWORD });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal((await c.get('/api/me/reauth')).body.fresh, true);
  const res = await enrol(c, authenticator(f));
  assert.equal(res.status, 201, JSON.stringify(res.body));
});

test('an app begun in time but confirmed too late: refused; confirmed again, the same enrolment goes through', async () => {
  await newUser(f, 'petra');
  const c = await f.signIn('petra');
  const begun = await c.post('/api/me/factors/totp', {});
  assert.equal(begun.status, 200, JSON.stringify(begun.body));
  f.clock.advance(STALE_MS);
  const confirm = () =>
    c.post('/api/me/factors/totp/confirm', {
      enrolment: begun.body.enrolment,
      code: codeAt(begun.body.secret, f.clock.now()),
      label: 'Phone',
    });
  assertRefused(await confirm(), 'confirm an app');
  assert.equal((await c.post('/api/me/reauth/password', { password: PASSWORD })).status, 200);
  assert.equal((await confirm()).status, 200);
});

test('removing an app and new recovery codes from an old two-step session: refused; after the app confirms, done', async () => {
  await newUser(f, 'quinn');
  const { secret } = await enrolTotp(f, await f.signIn('quinn'));
  const c = await signInWithApp(f, 'quinn', secret);
  // Fresh: new recovery codes go through at once.
  assert.equal((await c.post('/api/me/recovery-codes')).status, 200);
  f.clock.advance(STALE_MS);
  const id = (await c.get('/api/me/factors')).body.factors[0].id as number;
  assertRefused(await c.post('/api/me/recovery-codes'), 'new recovery codes');
  assertRefused(await c.request('DELETE', `/api/me/factors/${id}`), 'remove an app');
  assert.equal(await refusalsAudited('quinn', 'factor.recovery_codes'), 1);
  assert.equal(await refusalsAudited('quinn', 'factor.remove'), 1);
  // A user with a factor cannot confirm with the password alone.
  const offered = await c.get('/api/me/reauth');
  assert.deepEqual(offered.body.methods, ['totp', 'recovery_code']);
  const pw = await c.post('/api/me/reauth/password', { password: PASSWORD });
  assert.equal(pw.status, 403, JSON.stringify(pw.body));
  assert.equal(errorCode(pw), 'confirm_method_unavailable');
  const wrong = await c.post('/api/me/reauth/code', { factor: 'totp', code: '000000' });
  assert.equal(wrong.status, 401);
  await confirmWithApp(c, secret);
  assert.equal((await c.post('/api/me/recovery-codes')).status, 200);
  assert.equal((await c.request('DELETE', `/api/me/factors/${id}`)).status, 200);
});

test('a recovery code confirms too (and is used up)', async () => {
  await newUser(f, 'rita');
  const { secret, recoveryCodes } = await enrolTotp(f, await f.signIn('rita'));
  const c = await signInWithApp(f, 'rita', secret);
  f.clock.advance(STALE_MS);
  assertRefused(await c.post('/api/me/recovery-codes'), 'new recovery codes');
  const code = recoveryCodes![0]!;
  const ok = await c.post('/api/me/reauth/code', { factor: 'recovery_code', code });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  f.clock.advance(STALE_MS);
  const again = await c.post('/api/me/reauth/code', { factor: 'recovery_code', code });
  assert.equal(again.status, 401);
});

test('a passkey added or removed from an old session: refused; after the passkey confirms, done', async () => {
  await newUser(f, 'sven');
  const c = await f.signIn('sven');
  const auth = authenticator(f);
  assert.equal((await enrol(c, auth, 'Laptop')).status, 201);
  f.clock.advance(STALE_MS);
  const id = (await c.get('/api/me/passkeys')).body.passkeys[0].id as number;
  assertRefused(await enrol(c, authenticator(f), 'Second'), 'add a passkey');
  assertRefused(await c.request('DELETE', `/api/me/passkeys/${id}`), 'remove a passkey');
  assert.equal(await refusalsAudited('sven', 'passkey.remove'), 1);
  // Another user's passkey does not confirm this session.
  await newUser(f, 'tara');
  const other = authenticator(f);
  assert.equal((await enrol(await f.signIn('tara'), other)).status, 201);
  const foreign = await c.post('/api/me/reauth/passkey/options');
  assert.equal(foreign.status, 200, JSON.stringify(foreign.body));
  const refused = await c.post('/api/me/reauth/passkey', {
    transaction: foreign.body.transaction,
    credential: other.get(foreign.body.options),
  });
  assert.equal(refused.status, 401, JSON.stringify(refused.body));

  const opts = await c.post('/api/me/reauth/passkey/options');
  const ok = await c.post('/api/me/reauth/passkey', {
    transaction: opts.body.transaction,
    credential: auth.get(opts.body.options),
  });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  // Confirmed with the passkey, the password session now proves it too: it may remove it.
  assert.equal((await c.request('DELETE', `/api/me/passkeys/${id}`)).status, 200);
});

test('the SecSign ID changed from an old SecSign session: refused; after the phone confirms, changed', async () => {
  const c = f.client();
  const pw = await c.post('/api/login/password', { username: 'alice', password: PASSWORD });
  assert.equal(pw.body.status, 'secsign_pending', JSON.stringify(pw.body));
  f.phone('alice.sec', AuthSessionState.AUTHENTICATED);
  const signed = await c.post('/api/login/secsign/status', { transaction: pw.body.transaction });
  assert.equal(signed.body.status, 'signed_in', JSON.stringify(signed.body));
  f.sim.registerId('alice.new');
  f.clock.advance(STALE_MS);
  const change = () => c.request('PUT', '/api/me/secsign-id', { secSignId: 'alice.new' });
  assertRefused(await change(), 'change the SecSign ID');
  assert.equal(await refusalsAudited('alice', 'user.secsign_id'), 1);
  assert.deepEqual((await c.get('/api/me/reauth')).body.methods, ['secsign']);
  const pending = await c.post('/api/me/reauth/secsign');
  assert.equal(pending.body.status, 'secsign_pending', JSON.stringify(pending.body));
  const waiting = await c.post('/api/me/reauth/secsign/status', {
    transaction: pending.body.transaction,
  });
  assert.equal(waiting.body.status, 'secsign_pending');
  f.phone('alice.sec', AuthSessionState.AUTHENTICATED);
  const ok = await c.post('/api/me/reauth/secsign/status', {
    transaction: pending.body.transaction,
  });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal(ok.body.status, 'confirmed');
  const changed = await change();
  assert.equal(changed.status, 200, JSON.stringify(changed.body));
  assert.equal(changed.body.user.secSignId, 'alice.new');
});

test('the profile lists recent changes; the next sign-in tells those since the previous one', async () => {
  await newUser(f, 'uma');
  const c = await f.signIn('uma');
  assert.deepEqual((await c.get('/api/session')).body.factorChanges, []);
  assert.equal((await enrol(c, authenticator(f), 'Work laptop')).status, 201);
  const listed = await c.get('/api/me/factor-changes');
  assert.equal(listed.status, 200);
  assert.equal(listed.body.changes.length, 1);
  assert.deepEqual(
    { ...listed.body.changes[0], at: undefined },
    {
      change: 'passkey_added',
      at: undefined,
      label: 'Work laptop',
      clientIp: '10.1.2.3',
      byAdmin: false,
    },
  );
  // Refusals are not changes.
  f.clock.advance(STALE_MS);
  assertRefused(await c.post('/api/me/factors/totp', {}), 'begin an app');
  assert.equal((await c.get('/api/me/factor-changes')).body.changes.length, 1);

  const next = await f.signIn('uma', '10.1.9.9');
  const told = (await next.get('/api/session')).body.factorChanges;
  assert.equal(told.length, 1);
  assert.equal(told[0].change, 'passkey_added');
  assert.equal(told[0].clientIp, '10.1.2.3');
  // Told once: the sign-in after that has nothing new to tell.
  f.clock.advance(60_000);
  const later = await f.signIn('uma');
  assert.deepEqual((await later.get('/api/session')).body.factorChanges, []);
});
