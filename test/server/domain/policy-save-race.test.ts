/**
 * The administrator guard of a policy save (409 `admin_locked_out`, issue 27) is atomic with the
 * write, across instances. frank, an administrator with nothing but his password, signs in from
 * the Office and from the Branch: removing either zone alone leaves him a way in, removing both
 * does not. Instance A removes the Office — its batch, as every change's batch sends it
 * (apply-change.ts), runs inside a transaction held open; instance B removes (or disables) the
 * Branch meanwhile: its guard still sees the Office, so it passes. Then A commits. B must not go
 * through: its batch asserts that the zones it judged are still the live ones, so it is judged again
 * and refused. On PostgreSQL B's batch waits for A's advisory lock; on libSQL (a shared file) for
 * the one writer. Before the fix both saves went through and frank was locked out. Played
 * deterministically on two database handles, as test/server/domain/seed-rule-write-skew.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Database } from '../../../server/db/database.js';
import { CLI_ACTOR } from '../../../server/domain/actor.js';
import { changeStatements } from '../../../server/domain/apply-change.js';
import { updateSettings } from '../../../server/domain/settings-service.js';
import { createUser } from '../../../server/domain/users-service.js';
import { createZone, deleteZone, updateZone } from '../../../server/domain/zones-service.js';
import { ManualClock } from '../../../server/platform/clock.js';
import { AppError } from '../../../server/platform/errors.js';
import {
  bumpZonesVersionStatement,
  deleteZoneStatement,
  listZones,
} from '../../../server/store/zones.js';
import { recordedSignIn } from '../../support/recorded-signin.js';
import { commitWhileWaiting, holdOpen } from '../../support/held-transaction.js';
import { twoInstances } from '../../support/two-instances.js';

const NOW = Date.UTC(2026, 11, 6, 12);
const DAY = 86_400_000;
const clock = new ManualClock(NOW);
const PW = 'long enough password';

const races: [string, (b: Database, branch: number) => Promise<unknown>][] = [
  ['removes', (b, branch) => deleteZone(b, clock, CLI_ACTOR, branch)],
  ['disables', (b, branch) => updateZone(b, clock, CLI_ACTOR, branch, { enabled: false })],
];

for (const [what, save] of races) {
  test(`one instance removes the Office while another ${what} the Branch: the second is refused`, async (t) => {
    const { a, b, url } = await twoInstances(t);
    // alice keeps the seed's rule (a SecSign ID); frank has only his password and two places.
    await createUser(a, clock, CLI_ACTOR, {
      username: 'alice',
      password: PW,
      role: 'admin',
      secSignId: 'alice.id',
    });
    await createUser(a, clock, CLI_ACTOR, { username: 'frank', password: PW, role: 'admin' });
    const office = await createZone(a, clock, CLI_ACTOR, {
      name: 'Office',
      ranges: ['10.1.0.0/16'],
    });
    const branch = await createZone(a, clock, CLI_ACTOR, {
      name: 'Branch',
      ranges: ['10.2.0.0/16'],
    });
    await updateSettings(a, clock, CLI_ACTOR, { ipSafeZoneActive: true });
    await a.batch(
      [
        recordedSignIn(NOW - DAY, 'frank', '10.1.0.8', 'password'),
        recordedSignIn(NOW - 2 * DAY, 'frank', '10.2.0.8', 'password'),
      ],
      'write',
    );

    // Instance A: the Office goes (allowed: frank still has the Branch); its batch is open.
    const held = await holdOpen(
      url,
      changeStatements(a, [deleteZoneStatement(office.id), bumpZonesVersionStatement()]),
    );
    let heldDone = false;
    t.after(() => (heldDone ? undefined : held.rollback()));

    // Instance B: the Branch goes too. Its guard reads the Office, which A has not removed yet.
    const result = await commitWhileWaiting(a, held, save(b, branch.id));
    heldDone = true;
    assert.ok(
      result instanceof AppError && result.code === 'admin_locked_out',
      `the Branch must stay once the Office is gone, got ${String(result)}`,
    );
    assert.match(result.message, /frank/);
    const left = (await listZones(a)).map((z) => `${z.name}:${z.enabled}`);
    assert.deepEqual(left, ['Branch:true'], 'frank keeps his way in');
  });
}
