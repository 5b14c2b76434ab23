/**
 * The enrolment campaign (issue 27 §4) over real HTTP on a real database, with the app's manual
 * clock (no sleeps): the setting (admin API and domain), the prompt in the sign-in answer inside,
 * "Later" until the deadline and the session limited to enrolling after it — refused at every door
 * to Jira and Confluence (forward-auth, the guard, OIDC) and at the admin API, let through on the
 * profile — freed by a factor that counts outside (a first factor audited as trust on first use)
 * or by switching the campaign off; the admin overview's list.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { CLI_ACTOR } from '../../../server/domain/actor.js';
import { createUser } from '../../../server/domain/users-service.js';
import {
  DAY_MS,
  clockStartsAt,
  countsOutside,
  enrolDeadline,
  isEnrolmentLimited,
  updateCampaign,
} from '../../../server/domain/enrolment-campaign.js';
import { decideGuard } from '../../../server/policy/guard-rule.js';
import { factorSet } from '../../../server/factors/proof.js';
import {
  browse,
  jiraAuthorizationUrl,
  startOidcFixture,
  type OidcFixture,
} from '../oidc/oidc-fixture.js';
import { enrolTotp, INSIDE, OUTSIDE, PASSWORD } from '../factors/helpers.js';
import type { TestClient } from '../../support/client.js';

let f: OidcFixture;

before(async () => {
  f = await startOidcFixture();
});
after(() => f.close());
beforeEach(async () => {
  await updateCampaign(f.db, f.clock, CLI_ACTOR, { withinDays: null, firstFactorApproval: false });
});

interface Enrol {
  by: string;
  required: boolean;
  waiting: boolean;
  url: string;
}

async function signIn(username: string): Promise<{ browser: TestClient; enrol?: Enrol }> {
  const browser = f.client(INSIDE);
  const res = await browser.post('/api/login/password', { username, password: PASSWORD });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const body = res.body as { status: string; enrol?: Enrol };
  assert.equal(body.status, 'signed_in');
  return { browser, enrol: body.enrol };
}

let n = 0;
/** A new user without a second factor, created now (on the manual clock). */
async function newUser(): Promise<string> {
  const username = `erin${++n}`;
  await createUser(f.db, f.clock, CLI_ACTOR, {
    username,
    password: PASSWORD,
    displayName: username,
  });
  return username;
}

async function guardRefusals(reason: string): Promise<number> {
  const m = (await f.app.metrics.registry.getMetricsAsJSON()).find(
    (x) => x.name === 'ipsafezone_guard_decisions_total',
  );
  return (m?.values ?? [])
    .filter((v) => v.labels.reason === reason)
    .reduce((sum, v) => sum + v.value, 0);
}

const errorCode = (r: { body: unknown }) => (r.body as { error?: { code: string } }).error?.code;

test('pure: each clock starts at the later of the campaign start and the creation', () => {
  const c = { withinDays: 10, startedAt: 1_000 * DAY_MS };
  assert.equal(clockStartsAt(c, 900 * DAY_MS), 1_000 * DAY_MS);
  assert.equal(clockStartsAt(c, 1_005 * DAY_MS), 1_005 * DAY_MS);
  assert.equal(enrolDeadline(c, 900 * DAY_MS), 1_010 * DAY_MS);
  assert.equal(enrolDeadline(c, 1_005 * DAY_MS), 1_015 * DAY_MS);
  assert.equal(enrolDeadline({ withinDays: null, startedAt: null }, 0), null);
  assert.equal(isEnrolmentLimited({ enrolBy: 5 }, 4), false);
  assert.equal(isEnrolmentLimited({ enrolBy: 5 }, 5), true, 'the deadline itself is past');
  assert.equal(isEnrolmentLimited({ enrolBy: null }, 5), false);
});

test('pure: what counts outside follows the policy; recovery codes never count', () => {
  const app = { hasPassword: true, secSignId: null, enrolled: ['totp'], recoveryCodesLeft: 10 };
  assert.equal(countsOutside(app, factorSet('secsign', 'passkey', 'totp', 'recovery_code')), true);
  assert.equal(countsOutside(app, factorSet('secsign', 'recovery_code')), false);
  assert.equal(
    countsOutside({ ...app, hasPassword: false }, factorSet('totp')),
    false,
    'an app needs the password beside it',
  );
  const codes = { hasPassword: true, secSignId: null, enrolled: [], recoveryCodesLeft: 10 };
  assert.equal(countsOutside(codes, factorSet('recovery_code', 'totp')), false);
  assert.equal(countsOutside({ ...codes, secSignId: 'x' }, factorSet('secsign')), true);
  assert.deepEqual(
    decideGuard({
      passwordEnough: true,
      sessionEnough: false,
      tokensOutside: true,
      enrolmentRequired: true,
      shape: {} as never,
    }),
    { pass: false, reason: 'enrolment_required' },
    'inside the zone too',
  );
});

test('off by default: no prompt; the admin API switches it on and the clock starts then', async () => {
  const username = await newUser();
  assert.equal((await signIn(username)).enrol, undefined);
  const alice = await f.signIn('alice');
  const bad = await alice.request('PATCH', '/api/admin/enrolment', { withinDays: 0 });
  assert.equal(bad.status, 400);
  const on = await alice.request('PATCH', '/api/admin/enrolment', { withinDays: 14 });
  assert.equal(on.status, 200, JSON.stringify(on.body));
  const body = on.body as { withinDays: number; startedAt: string; users: { username: string }[] };
  assert.equal(body.withinDays, 14);
  assert.equal(body.startedAt, new Date(f.clock.now()).toISOString());
  const audit = await f.db.execute(
    "SELECT actor, details FROM audit_log WHERE action = 'settings.enrolment_campaign' ORDER BY id DESC LIMIT 1",
  );
  assert.equal(audit.rows[0]?.actor, 'alice');
  assert.match(String(audit.rows[0]?.details), /"withinDays":14/);
});

test('inside, a password sign-in without a factor is asked to enrol; "Later" until the deadline', async () => {
  const username = await newUser();
  await updateCampaign(f.db, f.clock, CLI_ACTOR, { withinDays: 14 });
  const deadline = f.clock.now() + 14 * DAY_MS;
  const { browser, enrol } = await signIn(username);
  assert.deepEqual(enrol, {
    by: new Date(deadline).toISOString(),
    required: false,
    waiting: false,
    url: `${f.publicOrigin}/profile#second-factors`,
  });
  assert.equal((await browser.get('/api/verify')).status, 200, 'before the deadline: Later');
  // A user with a SecSign ID is not asked.
  assert.equal((await signIn('bob')).enrol, undefined);

  // Signed in ten minutes before the deadline; the session lives on past it.
  f.clock.set(deadline - 600_000);
  const late = await signIn(username);
  assert.equal(late.enrol?.required, false);
  assert.equal((await late.browser.get('/api/verify')).status, 200);
  f.clock.advance(600_000);
  const refused = await late.browser.get('/api/verify');
  assert.equal(refused.status, 401);
  assert.equal(errorCode(refused), 'enrolment_required');
});

test('after the deadline the session may only enrol: every door refuses it, the profile lets it', async () => {
  const username = await newUser();
  await updateCampaign(f.db, f.clock, CLI_ACTOR, { withinDays: 3 });
  f.clock.advance(3 * DAY_MS);
  const { browser, enrol } = await signIn(username);
  assert.equal(enrol?.required, true);

  // Forward-auth (the chain and its fast path: both decide through sessionVerdict).
  const verify = await browser.get('/api/verify');
  assert.equal(verify.status, 401);
  assert.equal(errorCode(verify), 'enrolment_required');
  const redirect = await browser.get('/api/verify?redirect=1', { accept: 'text/html' });
  assert.equal(redirect.status, 302);
  // The guard: refused inside the zone too, where the password alone would pass.
  const guard = await browser.get('/api/guard', {
    'x-original-method': 'GET',
    'x-original-uri': '/secure/Dashboard.jspa',
  });
  assert.notEqual(guard.status, 200);
  assert.equal(await guardRefusals('enrolment_required'), 1);
  // Without the session the guard passes inside, as before (the campaign limits sessions).
  assert.equal(
    (
      await f.client(INSIDE).get('/api/guard', {
        'x-original-method': 'GET',
        'x-original-uri': '/secure/Dashboard.jspa',
      })
    ).status,
    200,
  );
  // OpenID Connect: back to the login page, audited as sign-in needed.
  const req = jiraAuthorizationUrl(f.rp);
  const toLogin = await browse(browser, req.url);
  assert.match(toLogin.location, /\/login\?return_to=/);
  const oidc = await f.db.execute({
    sql: "SELECT details FROM audit_log WHERE action = 'oidc.authorize' AND username = ? ORDER BY id DESC LIMIT 1",
    args: [username],
  });
  assert.match(String(oidc.rows[0]?.details), /set up a second factor first/);
  // The admin page's API (as an administrator's limited session would be).
  assert.equal((await browser.get('/api/admin/settings')).status, 401);

  // The profile and /api/session: yes, so the user can enrol.
  assert.equal((await browser.get('/api/me')).status, 200);
  assert.equal((await browser.get('/api/me/factors')).status, 200);
  assert.equal((await browser.get('/profile', { accept: 'text/html' })).status, 200);
  const session = await browser.get('/api/session');
  assert.equal((session.body as { enrolmentRequired?: boolean }).enrolmentRequired, true);

  // Enrolling a first factor (an app, which counts outside) frees the session at once.
  await enrolTotp(f, browser);
  assert.equal((await browser.get('/api/verify')).status, 200);
  const tofu = await f.db.execute({
    sql: "SELECT outcome, client_ip, details FROM audit_log WHERE action = 'enrolment.first_factor' AND username = ?",
    args: [username],
  });
  assert.equal(tofu.rows.length, 1);
  assert.equal(tofu.rows[0]?.outcome, 'trusted_on_first_use');
  assert.equal(tofu.rows[0]?.client_ip, INSIDE);
  assert.match(String(tofu.rows[0]?.details), /"factor":"totp"/);
  // And the next sign-in is not asked any more.
  f.clock.advance(60_000);
  assert.equal((await signIn(username)).enrol, undefined);
});

test('a factor that does not count outside does not free the session; switching off does', async () => {
  const username = await newUser();
  await f.settings({});
  await updateCampaign(f.db, f.clock, CLI_ACTOR, { withinDays: 1 });
  f.clock.advance(DAY_MS);
  const { browser } = await signIn(username);
  // The policy counts SecSign ID and passkeys only: an app is no way in from outside.
  const { updateSettings } = await import('../../../server/domain/settings-service.js');
  await updateSettings(f.db, f.clock, CLI_ACTOR, {
    outsideFactors: factorSet('secsign', 'passkey'),
  });
  try {
    await enrolTotp(f, browser);
    assert.equal((await browser.get('/api/verify')).status, 401, 'still limited');
    await updateCampaign(f.db, f.clock, CLI_ACTOR, { withinDays: null });
    assert.equal((await browser.get('/api/verify')).status, 200, 'off: free');
  } finally {
    await updateSettings(f.db, f.clock, CLI_ACTOR, {
      outsideFactors: factorSet('secsign', 'passkey', 'totp', 'recovery_code'),
    });
  }
});

test('changing the days moves the limits of sessions already signed in', async () => {
  const username = await newUser();
  await updateCampaign(f.db, f.clock, CLI_ACTOR, { withinDays: 10 });
  f.clock.advance(5 * DAY_MS);
  const { browser, enrol } = await signIn(username);
  assert.equal(enrol?.required, false);
  assert.equal((await browser.get('/api/verify')).status, 200);
  await updateCampaign(f.db, f.clock, CLI_ACTOR, { withinDays: 5 });
  assert.equal((await browser.get('/api/verify')).status, 401, 'five days: past it now');
  await updateCampaign(f.db, f.clock, CLI_ACTOR, { withinDays: 6 });
  assert.equal((await browser.get('/api/verify')).status, 200, 'six days: one left');
});

test('the admin overview lists who has no factor that counts outside, since when, days left', async () => {
  await updateCampaign(f.db, f.clock, CLI_ACTOR, { withinDays: 30 });
  const start = f.clock.now();
  f.clock.advance(10 * DAY_MS);
  const later = await newUser();
  const alice = await f.signIn('alice');
  const res = await alice.get('/api/admin/enrolment');
  assert.equal(res.status, 200);
  const o = res.body as {
    without: number;
    users: {
      username: string;
      since: string;
      deadline: string;
      daysLeft: number;
      overdue: boolean;
    }[];
  };
  const names = o.users.map((u) => u.username);
  assert.ok(names.includes('carol'), 'carol has no second factor');
  assert.ok(!names.includes('alice') && !names.includes('bob'), 'SecSign IDs count');
  assert.ok(!names.includes('dave'), 'disabled users are not listed');
  assert.equal(o.without, o.users.length);
  const carol = o.users.find((u) => u.username === 'carol')!;
  assert.equal(carol.since, new Date(start).toISOString(), 'created before: the campaign start');
  assert.equal(carol.daysLeft, 20);
  const newcomer = o.users.find((u) => u.username === later)!;
  assert.equal(newcomer.since, new Date(f.clock.now()).toISOString(), 'created after: creation');
  assert.equal(newcomer.daysLeft, 30);
  // Only administrators.
  const { browser } = await signIn('carol');
  assert.equal((await browser.get('/api/admin/enrolment')).status, 403);
  // Outside, a limited session is not even a password session.
  assert.equal((await f.client(OUTSIDE).get('/api/admin/enrolment')).status, 401);
});
