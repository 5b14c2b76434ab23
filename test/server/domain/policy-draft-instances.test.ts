/**
 * A policy draft started or ended on one instance is seen by another (report-only mode, issue 27
 * §3): two database handles to one database, the second with the compiled draft the doors'
 * audits read (server/domain/policy-draft-source.ts). On PostgreSQL the second instance's check is
 * set to an hour, so only the database's notification (the change counter's NOTIFY, migration 018)
 * can tell it; on libSQL the check (a short interval) does, the fallback on both.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { CLI_ACTOR } from '../../../server/domain/actor.js';
import { discardDraft, startDraft } from '../../../server/domain/policy-draft.js';
import { createDraftSource } from '../../../server/domain/policy-draft-source.js';
import { ManualClock } from '../../../server/platform/clock.js';
import { TEST_BACKEND } from '../../support/test-database.js';
import { twoInstances } from '../../support/two-instances.js';
import { eventually } from '../../support/eventually.js';

const notified = TEST_BACKEND === 'postgres';
const CHECK_MS = notified ? 3_600_000 : 50;

test('a draft started and discarded on one instance is seen by the other', async (t) => {
  const { a, b } = await twoInstances(t);
  const clock = new ManualClock();
  const draftOfB = createDraftSource(b, clock, { checkIntervalMs: CHECK_MS });
  assert.equal(await draftOfB.get(), null);
  if (notified) await sleep(200); // its connection listens once the first read was made

  const deps = {
    db: a,
    clock,
    clientAddress: { trustedProxies: [], header: 'x-forwarded-for' as const },
  };
  const started = await startDraft(deps, CLI_ACTOR, { twoStepActive: true }, 3);
  assert.ok(
    await eventually(async () => (await draftOfB.get())?.id === started.id),
    'the second instance holds the draft',
  );
  const held = (await draftOfB.get())!;
  assert.equal(held.policy.twoStepActive, true);
  assert.equal(held.endsAt, Date.parse(started.endsAt));

  await discardDraft(a, clock, CLI_ACTOR, started.id);
  assert.ok(
    await eventually(async () => (await draftOfB.get()) === null),
    'and lets go of it once discarded',
  );
});
