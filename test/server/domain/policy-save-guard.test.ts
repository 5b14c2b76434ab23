/**
 * Issue 27 §1: the server refuses a save that would take an enabled administrator's way in, as the
 * impact preview says (409 `admin_locked_out`), for each kind of change that moves the policy — a
 * zone removed, disabled or narrowed, IPSafeZone off, the outside factors (two-step on asks more
 * only outside, so it takes no way in from an administrator who has a password) — judged on
 * the last 30 days' recorded sign-ins; and it allows the change once the administrator keeps a way
 * in (another zone they sign in from, or a second factor enrolled), for a disabled administrator,
 * and for plain users (the preview lists them; they do not block). Real libSQL (or PostgreSQL), the domain
 * services the admin API and the CLI call; the history written as the doors write it. Runs on
 * PostgreSQL too (the second pass: `npm run test:server:postgres`).
 */
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Database } from '../../../server/db/database.js';
import { ManualClock } from '../../../server/platform/clock.js';
import { AppError } from '../../../server/platform/errors.js';
import { openTestDatabase } from '../../support/test-database.js';
import { CLI_ACTOR } from '../../../server/domain/actor.js';
import { changeSecSignId, createUser, updateUser } from '../../../server/domain/users-service.js';
import { createZone, deleteZone, updateZone } from '../../../server/domain/zones-service.js';
import { updateSettings } from '../../../server/domain/settings-service.js';
import { previewPolicy, type PolicyDraft } from '../../../server/domain/policy-preview.js';
import { getSettings } from '../../../server/store/settings.js';
import { listZones } from '../../../server/store/zones.js';
import { insertUserFactorStatement } from '../../../server/store/user-factors.js';
import { recordedSignIn } from '../../support/recorded-signin.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 6, 12);
const clock = new ManualClock(NOW);
const PW = 'long enough password';
const OFFICE = { name: 'Office', ranges: ['10.1.0.0/16'] };
const BRANCH = { name: 'Branch', ranges: ['10.2.0.0/16'] };

let db: Database;
let ids: Record<string, number>;
let zoneIds: Record<string, number>;

const lockedOut = (names: string[]) => (e: unknown) => {
  assert.ok(e instanceof AppError, String(e));
  assert.equal(e.status, 409);
  assert.equal(e.code, 'admin_locked_out');
  for (const n of names) assert.match(e.message, new RegExp(n));
  return true;
};
const signIns = (username: string, address: string, factors: string, days: number[]) =>
  db.batch(
    days.map((d) => recordedSignIn(NOW - d * DAY - 3_600_000, username, address, factors)),
    'write',
  );
const preview = (draft: PolicyDraft) =>
  previewPolicy(
    { db, clock, clientAddress: { trustedProxies: [], header: 'x-forwarded-for' } },
    draft,
  );
const zoneNames = async () => (await listZones(db)).map((z) => `${z.name}:${z.enabled}`);

afterEach(() => db.close());

beforeEach(async () => {
  db = await openTestDatabase();
  const user = (username: string, extra: object = {}) =>
    createUser(db, clock, CLI_ACTOR, { username, password: PW, ...extra });
  ids = {};
  // alice: the administrator with a SecSign ID (the seed's rule); frank: an administrator with
  // nothing but his password, who works in the branch; carol: a user like him.
  ids.alice = (await user('alice', { role: 'admin', secSignId: 'alice.id' })).id;
  ids.frank = (await user('frank', { role: 'admin' })).id;
  ids.carol = (await user('carol')).id;
  zoneIds = {};
  zoneIds.Office = (await createZone(db, clock, CLI_ACTOR, OFFICE)).id;
  zoneIds.Branch = (await createZone(db, clock, CLI_ACTOR, BRANCH)).id;
  await updateSettings(db, clock, CLI_ACTOR, { ipSafeZoneActive: true });
  await signIns('alice', '10.1.0.4', 'password', [1, 2]);
  await signIns('frank', '10.2.0.8', 'password', [1, 3, 5]);
  await signIns('carol', '10.2.0.5', 'password', [1, 2]);
});

describe('zone changes that would take an administrator’s way in', () => {
  it('removing the only zone he signs in from is refused, as the preview says', async () => {
    const p = await preview({ zones: [OFFICE] });
    assert.equal(p.saveAllowed, false);
    assert.deepEqual(p.administrators.stopped, ['frank']);
    assert.equal(p.refusal?.code, 'admin_locked_out');
    await assert.rejects(deleteZone(db, clock, CLI_ACTOR, zoneIds.Branch!), lockedOut(['frank']));
    assert.deepEqual(await zoneNames(), ['Office:true', 'Branch:true'], 'nothing changed');
  });

  it('disabling it, or narrowing it so his address falls out, is refused', async () => {
    await assert.rejects(
      updateZone(db, clock, CLI_ACTOR, zoneIds.Branch!, { enabled: false }),
      lockedOut(['frank']),
    );
    await assert.rejects(
      updateZone(db, clock, CLI_ACTOR, zoneIds.Branch!, { ranges: ['10.2.1.0/24'] }),
      lockedOut(['frank']),
    );
    assert.deepEqual((await listZones(db)).find((z) => z.name === 'Branch')!.ranges, [
      '10.2.0.0/16',
    ]);
    // A change that keeps his address inside goes through.
    await updateZone(db, clock, CLI_ACTOR, zoneIds.Branch!, { ranges: ['10.2.0.0/24'] });
  });

  it('is allowed when he keeps a way in: another zone he signed in from', async () => {
    await signIns('frank', '10.1.0.8', 'password', [2]);
    const p = await preview({ zones: [OFFICE] });
    assert.equal(p.saveAllowed, true);
    assert.deepEqual(p.administrators.stopped, []);
    assert.equal(p.users.find((u) => u.username === 'frank')?.change, 'stopped', 'still listed');
    await deleteZone(db, clock, CLI_ACTOR, zoneIds.Branch!);
    assert.deepEqual(await zoneNames(), ['Office:true']);
  });

  it('is allowed once he has a second factor that counts outside', async () => {
    await changeSecSignId(db, clock, CLI_ACTOR, ids.frank!, 'frank.id');
    assert.equal((await preview({ zones: [OFFICE] })).saveAllowed, true);
    await deleteZone(db, clock, CLI_ACTOR, zoneIds.Branch!);
  });

  it('a user who would be stopped does not block it, nor a disabled administrator', async () => {
    await updateUser(db, clock, CLI_ACTOR, ids.frank!, { disabled: true });
    const p = await preview({ zones: [OFFICE] });
    assert.equal(p.totals.stopped.users, 2, 'carol and frank are still shown');
    assert.equal(p.saveAllowed, true);
    await deleteZone(db, clock, CLI_ACTOR, zoneIds.Branch!);
  });

  it('adding a zone moves addresses inside: never refused', async () => {
    await createZone(db, clock, CLI_ACTOR, { name: 'Lab', ranges: ['192.168.0.0/24'] });
  });
});

describe('settings that would take an administrator’s way in', () => {
  it('IPSafeZone off is refused: he would need a second factor everywhere', async () => {
    const p = await preview({ ipSafeZoneActive: false });
    assert.equal(p.refusal?.code, 'admin_locked_out');
    await assert.rejects(
      updateSettings(db, clock, CLI_ACTOR, { ipSafeZoneActive: false }),
      lockedOut(['frank']),
    );
    assert.equal((await getSettings(db)).ipSafeZoneActive, true, 'nothing changed');
  });

  it('two-step on asks more only outside: his branch still lets him in, so it is saved', async () => {
    assert.equal((await preview({ twoStepActive: true })).saveAllowed, true);
    await updateSettings(db, clock, CLI_ACTOR, { twoStepActive: true });
  });

  it('the outside factors: an administrator who signs in from outside with an app code', async () => {
    await db.execute(
      insertUserFactorStatement({
        userId: ids.frank!,
        factor: 'totp',
        label: 'phone',
        data: {},
        at: NOW,
      }),
    );
    await signIns('frank', '198.51.100.7', 'password+totp', [2]);
    // frank keeps the branch: not refused.
    await updateSettings(db, clock, CLI_ACTOR, { outsideFactors: ['secsign', 'passkey'] });
    await updateSettings(db, clock, CLI_ACTOR, {
      outsideFactors: ['secsign', 'passkey', 'totp', 'recovery_code'],
    });
    // Without the branch, the app code is his only way in: taking it from the policy is refused.
    await deleteZone(db, clock, CLI_ACTOR, zoneIds.Branch!);
    const p = await preview({ outsideFactors: ['secsign', 'passkey'] });
    assert.deepEqual(p.administrators.stopped, ['frank']);
    await assert.rejects(
      updateSettings(db, clock, CLI_ACTOR, { outsideFactors: ['secsign', 'passkey'] }),
      lockedOut(['frank']),
    );
    assert.ok((await getSettings(db)).outsideFactors.includes('totp'));
  });

  it('a setting that moves no policy is never judged', async () => {
    await updateSettings(db, clock, CLI_ACTOR, { usersChangeOwnId: true });
  });
});
