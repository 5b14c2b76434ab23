/**
 * Issue 27, the impact preview against a seeded history with known answers: a real libSQL
 * database, users, zones and settings made through the domain services, and a month of recorded
 * sign-ins written as the doors write them (`auditStatement` with the replay columns). Each draft
 * — a zone removed or added, two-step on, another outside policy, another list of trusted proxies —
 * must name exactly the users who change, those who would be stopped, the administrator guard, the
 * days, and what it cannot know; and it must change nothing.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Database } from '../../../server/db/database.js';
import { ManualClock } from '../../../server/platform/clock.js';
import { AppError, toAppError } from '../../../server/platform/errors.js';
import { openTestDatabase } from '../../support/test-database.js';
import { CLI_ACTOR } from '../../../server/domain/actor.js';
import { createUser, deleteUser } from '../../../server/domain/users-service.js';
import { createZone } from '../../../server/domain/zones-service.js';
import { updateSettings } from '../../../server/domain/settings-service.js';
import { previewPolicy, type PolicyDraft } from '../../../server/domain/policy-preview.js';
import { insertUserFactorStatement } from '../../../server/store/user-factors.js';
import { recordedSignIn } from '../../support/recorded-signin.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 6, 12);
const clock = new ManualClock(NOW);
const PW = 'long enough password';
const LIVE_PROXIES = { trustedProxies: [] as string[], header: 'x-forwarded-for' as const };
const OFFICE = { name: 'Office', ranges: ['10.1.0.0/16'] };
const BRANCH = { name: 'Branch', ranges: ['10.2.0.0/16'] };

let db: Database;
const preview = (draft: PolicyDraft, days?: number) =>
  previewPolicy({ db, clock, clientAddress: LIVE_PROXIES }, draft, { days });

/** One recorded sign-in, `daysAgo` days before now (an hour before the time of day). */
const signIn = (
  username: string,
  address: string,
  factors: string,
  daysAgo: number,
  via?: { peer: string; forwarded: string },
) => recordedSignIn(NOW - daysAgo * DAY - 3_600_000, username, address, factors, via);

after(() => db.close());

before(async () => {
  db = await openTestDatabase();
  const user = (username: string, extra: object = {}) =>
    createUser(db, clock, CLI_ACTOR, { username, password: PW, ...extra });
  await user('alice', { role: 'admin', secSignId: 'alice.id', displayName: 'Alice Admin' });
  await user('bob', { secSignId: 'bob.id' });
  await user('carol');
  const erin = await user('erin');
  await user('frank', { role: 'admin' });
  const gina = await user('gina');
  await user('hal', { secSignId: 'hal.id' });
  await db.execute(
    insertUserFactorStatement({
      userId: erin.id,
      factor: 'totp',
      label: 'phone',
      data: {},
      at: NOW,
    }),
  );
  await createZone(db, clock, CLI_ACTOR, OFFICE);
  await createZone(db, clock, CLI_ACTOR, BRANCH);
  await updateSettings(db, clock, CLI_ACTOR, { ipSafeZoneActive: true, twoStepActive: false });

  const rows = [
    // carol: five password sign-ins in the branch, one a day (days 1–5 ago); one long before.
    ...[1, 2, 3, 4, 5].map((d) => signIn('carol', '10.2.0.5', 'password', d)),
    signIn('carol', '10.2.0.5', 'password', 40),
    // bob: three in the branch, two with SecSign ID from home.
    ...[1, 2, 3].map((d) => signIn('bob', '10.2.0.6', 'password', d)),
    ...[1, 2].map((d) => signIn('bob', '203.0.113.9', 'secsign', d)),
    ...[2, 3].map((d) => signIn('erin', '10.2.0.7', 'password', d)),
    signIn('frank', '10.2.0.8', 'password', 6),
    ...[1, 2, 3, 4].map((d) => signIn('alice', '10.1.0.4', 'password', d)),
    signIn('gina', '10.2.0.9', 'password', 7),
    // hal: through a proxy inside the office that nobody configured as trusted.
    ...[1, 2].map((d) =>
      signIn('hal', '10.1.0.1', 'password', d, { peer: '10.1.0.1', forwarded: '198.51.100.7' }),
    ),
  ];
  await db.batch(rows, 'write');
  await deleteUser(db, clock, CLI_ACTOR, gina.id);
});

const byName = (users: { username: string; change: string }[]) =>
  Object.fromEntries(users.map((u) => [u.username, u.change]));

describe('removing a zone', () => {
  it('names who would need a second factor, who would be stopped, and refuses for an admin', async () => {
    const p = await preview({ zones: [OFFICE] });
    assert.deepEqual(p.changes, ['zone Branch removed']);
    assert.deepEqual(byName(p.users), {
      carol: 'stopped',
      frank: 'stopped',
      bob: 'needs_second_factor',
      erin: 'needs_second_factor',
      gina: 'needs_second_factor',
    });
    assert.deepEqual(p.totals, {
      stopped: { signIns: 6, users: 2 },
      needs_second_factor: { signIns: 6, users: 3 },
      no_longer_needs: { signIns: 0, users: 0 },
    });
    // The administrator first among the stopped, then by sign-ins.
    assert.deepEqual(
      p.users.map((u) => u.username),
      ['frank', 'carol', 'bob', 'erin', 'gina'],
    );
    const bob = p.users.find((u) => u.username === 'bob')!;
    assert.deepEqual(bob.usable, ['secsign']);
    assert.deepEqual(bob.addresses, ['10.2.0.6']);
    assert.deepEqual([bob.zonesLive, bob.zonesDraft], [['Branch'], [null]]);
    assert.deepEqual(p.users.find((u) => u.username === 'erin')!.usable, ['totp']);
    assert.equal(p.users.find((u) => u.username === 'gina')!.deleted, true);
    assert.deepEqual(p.administrators.stopped, ['frank']);
    assert.equal(p.saveAllowed, false);
    assert.equal(p.refusal?.code, 'admin_locked_out');
    assert.match(p.refusal!.message, /frank/);
    assert.ok(p.unknowns.some((u) => /1 user has been deleted/.test(u)));
    assert.equal(p.addresses[0]!.address, '10.2.0.5');
    assert.deepEqual(
      { ...p.addresses[0], users: p.addresses[0]!.users },
      {
        address: '10.2.0.5',
        zoneLive: 'Branch',
        zoneDraft: null,
        change: 'needs_second_factor',
        signIns: 5,
        users: 1,
      },
    );
  });

  it('counts per day, every day of the period; the sign-in 40 days ago is outside it', async () => {
    const p = await preview({ zones: [OFFICE] });
    assert.equal(p.days.length, 31);
    const day = (ago: number) =>
      p.days.find(
        (d) => d.day === new Date(NOW - ago * DAY - 3_600_000).toISOString().slice(0, 10),
      )!;
    // One day ago: carol, bob in the branch.
    assert.equal(day(1).needsSecondFactor, 2);
    // Two days ago: carol, bob, erin.
    assert.equal(day(2).needsSecondFactor, 3);
    assert.equal(day(6).needsSecondFactor, 1);
    assert.equal(
      p.days.reduce((n, d) => n + d.needsSecondFactor, 0),
      12,
    );
    const longer = await preview({ zones: [OFFICE] }, 60);
    assert.equal(longer.totals.stopped.signIns, 7, 'carol’s sign-in 40 days ago is in 60 days');
  });

  it('with the user’s factor the administrator would not be stopped: saving is allowed', async () => {
    const p = await preview({ zones: [OFFICE, { name: 'Frank', ranges: ['10.2.0.8'] }] });
    assert.equal(byName(p.users).frank, undefined);
    assert.equal(p.saveAllowed, true);
    assert.equal(p.refusal, null);
  });
});

describe('other drafts', () => {
  it('a new zone: the sign-ins from there no longer need a second factor', async () => {
    const p = await preview({
      zones: [OFFICE, BRANCH, { name: 'Home', ranges: ['203.0.113.0/24'] }],
    });
    assert.deepEqual(byName(p.users), { bob: 'no_longer_needs' });
    assert.deepEqual(p.totals.no_longer_needs, { signIns: 2, users: 1 });
    assert.equal(p.addresses[0]!.zoneDraft, 'Home');
    assert.equal(p.saveAllowed, true);
  });

  it('two-step on: SecSign ID alone from outside would need the password too', async () => {
    const p = await preview({ twoStepActive: true });
    assert.deepEqual(p.changes, ['two-step on']);
    assert.deepEqual(byName(p.users), { bob: 'needs_second_factor' });
    assert.deepEqual(p.totals.needs_second_factor, { signIns: 2, users: 1 });
  });

  it('IPSafeZone off: every password sign-in would need a second factor', async () => {
    const p = await preview({ ipSafeZoneActive: false });
    assert.deepEqual(byName(p.users), {
      alice: 'needs_second_factor',
      bob: 'needs_second_factor',
      carol: 'stopped',
      erin: 'needs_second_factor',
      frank: 'stopped',
      gina: 'needs_second_factor',
      hal: 'needs_second_factor',
    });
    assert.equal(p.saveAllowed, false);
  });

  it('only passkeys count outside: SecSign ID sign-ins stop counting; no admin is left outside', async () => {
    const p = await preview({ outsideFactors: ['passkey'] });
    assert.deepEqual(byName(p.users), { bob: 'stopped' });
    assert.equal(p.administrators.outsideCapable, 0);
    assert.equal(p.refusal?.code, 'last_secsign_admin');
  });

  it('trusting the proxy in the office moves its users outside', async () => {
    const p = await preview({ trustedProxies: ['10.1.0.1'] });
    assert.deepEqual(byName(p.users), { hal: 'needs_second_factor' });
    const hal = p.users[0]!;
    assert.deepEqual(hal.addresses, ['198.51.100.7']);
    assert.deepEqual([hal.zonesLive, hal.zonesDraft], [['Office'], [null]]);
    assert.ok(p.unknowns.some((u) => /IPSAFEZONE_CLIENT_IP_HEADER/.test(u)));
  });

  it('no change: nothing changes, saving is allowed', async () => {
    const p = await preview({ zones: [OFFICE, BRANCH], twoStepActive: false });
    assert.deepEqual(p.changes, []);
    assert.deepEqual(p.users, []);
    assert.equal(p.signIns.replayed, 20);
    assert.equal(p.saveAllowed, true);
  });
});

describe('bad drafts and periods', () => {
  it('a bad range is refused as the zone editor refuses it (422)', async () => {
    await assert.rejects(
      preview({ zones: [{ name: 'Bad', ranges: ['10.1'] }] }),
      (e: unknown) => toAppError(e)?.status === 422 && toAppError(e)?.code === 'invalid_zone_range',
    );
  });

  it('a period of 0 or 400 days is refused', async () => {
    for (const days of [0, 400, 1.5])
      await assert.rejects(
        preview({}, days),
        (e: unknown) => e instanceof AppError && e.status === 422,
      );
  });

  it('the preview writes nothing', async () => {
    const count = async () =>
      Number((await db.execute('SELECT count(*) AS n FROM audit_log')).rows[0]!.n);
    const before = await count();
    await preview({ zones: [OFFICE] });
    assert.equal(await count(), before);
  });
});
