/**
 * How often a policy save is tried when other saves keep overtaking it (issue 27,
 * server/domain/policy-save.ts): a save whose batch finds the zones' or settings' counter moved
 * since its guard read them is judged and tried again, at most `POLICY_SAVE_ATTEMPTS` times, then
 * answers 409 `policy_changed` with nothing of it written. Here each attempt is overtaken for
 * real: another instance (a second database handle) saves a zone between the attempt's reads and
 * its batch. First `savePolicy` itself with a settings change as its attempt, then the public door
 * (`updateSettings`) on instance A's handle, on which instance B's zone save lands just before
 * each of A's write batches. Overtaken one time fewer, the save goes through on its last attempt.
 * Real libSQL, and PostgreSQL in the second pass (`npm run test:server:postgres`).
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import type { Database } from '../../../server/db/database.js';
import { CLI_ACTOR } from '../../../server/domain/actor.js';
import { applyChange } from '../../../server/domain/apply-change.js';
import { POLICY_SAVE_ATTEMPTS, savePolicy } from '../../../server/domain/policy-save.js';
import { planSettingsChange, updateSettings } from '../../../server/domain/settings-service.js';
import { createZone } from '../../../server/domain/zones-service.js';
import { ManualClock } from '../../../server/platform/clock.js';
import { AppError } from '../../../server/platform/errors.js';
import { getSettings } from '../../../server/store/settings.js';
import { listZones } from '../../../server/store/zones.js';
import { twoInstances } from '../../support/two-instances.js';

const clock = new ManualClock(Date.UTC(2026, 11, 6, 12));
/** More overtakes than a save has attempts (finite: a save that never gave up ends, and fails). */
const EVERY_TIME = POLICY_SAVE_ATTEMPTS + 5;

/** Instance B saves a new zone each time it is called, the first `times` times; answers whether. */
function otherInstanceSaves(b: Database, times: number): () => Promise<boolean> {
  let saved = 0;
  return async () => {
    if (saved >= times) return false;
    saved++;
    await createZone(b, clock, CLI_ACTOR, {
      name: `Other ${saved}`,
      ranges: [`10.${saved}.0.0/16`],
    });
    return true;
  };
}

/** What the database holds of the policy: settings, zones, the audited actions. */
async function policyOf(db: Database) {
  const audit = await db.execute('SELECT action FROM audit_log ORDER BY id');
  return {
    settings: await getSettings(db),
    zones: (await listZones(db)).map((z) => z.name),
    audited: audit.rows.map((r) => String(r['action'])),
  };
}

/**
 * A settings save (two-step on) run through `savePolicy`, each attempt overtaken by `overtake`
 * after its reads. Answers its outcome (the settings or the error) and how often it was tried.
 */
async function saveOvertaken(a: Database, overtake: () => Promise<boolean>) {
  let attempts = 0;
  const outcome = await savePolicy(a, async (unchanged) => {
    attempts++;
    const plan = await planSettingsChange(a, CLI_ACTOR, { twoStepActive: true }, clock.now());
    assert.ok(plan, 'two-step is off before the save');
    await overtake();
    await applyChange(a, [unchanged, ...plan.statements], plan.seedRule);
    return plan.after;
  }).catch((err: unknown) => err);
  return { outcome, attempts };
}

function assertPolicyChanged(outcome: unknown) {
  assert.ok(
    outcome instanceof AppError && outcome.status === 409 && outcome.code === 'policy_changed',
    `a save overtaken every time must give up, got ${String(outcome)}`,
  );
}

const otherZones = (n: number) => Array.from({ length: n }, (_, i) => `Other ${i + 1}`);

async function instances(t: TestContext) {
  const { a, b } = await twoInstances(t);
  return { a, b, before: await policyOf(a) };
}

test(`savePolicy overtaken on every attempt answers 409 policy_changed after ${POLICY_SAVE_ATTEMPTS} tries`, async (t) => {
  const { a, b, before } = await instances(t);
  const { outcome, attempts } = await saveOvertaken(a, otherInstanceSaves(b, EVERY_TIME));
  assertPolicyChanged(outcome);
  assert.equal(attempts, POLICY_SAVE_ATTEMPTS, 'tried exactly POLICY_SAVE_ATTEMPTS times');
  assert.deepEqual(await policyOf(a), {
    settings: before.settings,
    zones: otherZones(POLICY_SAVE_ATTEMPTS),
    audited: [...before.audited, ...otherZones(POLICY_SAVE_ATTEMPTS).map(() => 'zone.create')],
  });
});

test('savePolicy overtaken on every attempt but the last goes through on the last', async (t) => {
  const { a, b, before } = await instances(t);
  const { outcome, attempts } = await saveOvertaken(
    a,
    otherInstanceSaves(b, POLICY_SAVE_ATTEMPTS - 1),
  );
  assert.ok(!(outcome instanceof Error), `the save goes through, got ${String(outcome)}`);
  assert.equal(attempts, POLICY_SAVE_ATTEMPTS);
  const after = await policyOf(a);
  assert.deepEqual(after.settings, { ...before.settings, twoStepActive: true });
  assert.deepEqual(after.zones, otherZones(POLICY_SAVE_ATTEMPTS - 1));
  assert.equal(after.audited.at(-1), 'settings.update');
});

/**
 * Instance A's handle on which `overtake` (instance B's save) runs just before each of A's write
 * batches; `batches` counts those batches. Everything else is A's handle as it is.
 */
function overtakenHandle(a: Database, overtake: () => Promise<boolean>) {
  const counted = { batches: 0 };
  const batch: Database['batch'] = async (stmts, mode) => {
    if (mode === 'write') {
      counted.batches++;
      await overtake();
    }
    return a.batch(stmts, mode);
  };
  const handle = new Proxy(a, {
    get(target, prop) {
      if (prop === 'batch') return batch;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
    },
  });
  return { handle, counted };
}

test('a settings save overtaken on every attempt answers 409 policy_changed, writing nothing', async (t) => {
  const { a, b, before } = await instances(t);
  const { handle, counted } = overtakenHandle(a, otherInstanceSaves(b, EVERY_TIME));
  const outcome = await updateSettings(handle, clock, CLI_ACTOR, { twoStepActive: true }).catch(
    (err: unknown) => err,
  );
  assertPolicyChanged(outcome);
  assert.equal(counted.batches, POLICY_SAVE_ATTEMPTS, 'one batch per attempt');
  assert.deepEqual((await policyOf(a)).settings, before.settings, 'two-step still off');
  assert.ok(!(await policyOf(a)).audited.includes('settings.update'), 'no settings change audited');
});

test('a settings save overtaken on every attempt but the last is saved', async (t) => {
  const { a, b, before } = await instances(t);
  const { handle, counted } = overtakenHandle(a, otherInstanceSaves(b, POLICY_SAVE_ATTEMPTS - 1));
  const saved = await updateSettings(handle, clock, CLI_ACTOR, { twoStepActive: true });
  assert.equal(saved.twoStepActive, true);
  assert.equal(counted.batches, POLICY_SAVE_ATTEMPTS);
  assert.deepEqual((await policyOf(a)).settings, { ...before.settings, twoStepActive: true });
});
