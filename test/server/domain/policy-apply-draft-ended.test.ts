/**
 * A report-only draft ended by another administrator or instance while Apply runs (issue 27 §3):
 * Apply read the draft as running, then — before its batch commits — another instance discards
 * it, its days run out there, or it applies it. Apply must answer 409 `draft_not_running` and
 * change nothing: settings, zones, the draft's end, the audit. Played deterministically on two
 * database handles (as policy-save-race.test.ts): the ending batch — the very statements
 * `discardDraft` and the expiry send (`discardStatements`, `expireStatements`), or an Apply's —
 * runs in a transaction held open (held-transaction.ts), Apply runs into it, then the held one
 * commits. On PostgreSQL the discard and the expiry did not take the changes' lock: Apply's
 * assertion read the draft as running, its batch went through beside the discard (settings and
 * zones changed, the draft discarded). Real libSQL, and PostgreSQL in the second pass
 * (`npm run test:server:postgres`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Database, Statement } from '../../../server/db/database.js';
import { CLI_ACTOR, type DomainActor } from '../../../server/domain/actor.js';
import { changeStatements } from '../../../server/domain/apply-change.js';
import {
  applyDraft,
  discardStatements,
  draftEndStatements,
  showDraft,
  startDraft,
} from '../../../server/domain/policy-draft.js';
import { expireStatements } from '../../../server/domain/policy-draft-source.js';
import { ManualClock } from '../../../server/platform/clock.js';
import { AppError } from '../../../server/platform/errors.js';
import { draftRunningAssertion } from '../../../server/store/policy-drafts.js';
import { getSettings } from '../../../server/store/settings.js';
import { listZones } from '../../../server/store/zones.js';
import { liveOfficeAndBranch, RESHAPING_DRAFT } from '../../support/draft-policy.js';
import { commitWhileWaiting, holdOpen } from '../../support/held-transaction.js';
import { twoInstances } from '../../support/two-instances.js';

const NOW = Date.UTC(2026, 11, 6, 12);
const clock = new ManualClock(NOW);
const clientAddress = { trustedProxies: [], header: 'x-forwarded-for' as const };
/** The other administrator, on the other instance. */
const BOB: DomainActor = { ...CLI_ACTOR, username: 'bob' };

/** The other instance's batch that ends draft `id` (held open by the test). */
const endings: [string, (db: Database, id: number) => Statement[]][] = [
  // What `discardDraft` sends (policy-draft.ts).
  ['discards', (db, id) => discardStatements(db, BOB, { id, changes: [] }, NOW)],
  // What the draft's end by time sends (policy-draft-source.ts, `expireIfDue`).
  ['expires', (db, id) => expireStatements(db, id, NOW)],
  [
    // An Apply of the same draft on the other instance: a change's batch (the changes' lock on
    // PostgreSQL first), its assertion, the draft's end and its audit (its settings and zones
    // left out: they do not matter here).
    'applies',
    (db, id) =>
      changeStatements(db, [
        draftRunningAssertion(id),
        ...draftEndStatements(BOB, id, 'applied', NOW, {}),
      ]),
  ],
];

/** What each ending leaves: the draft's status, who ended it, its audit (the expiry's comes after). */
const after: Record<string, { status: string; by: string; audited: string[] }> = {
  discards: { status: 'discarded', by: 'bob', audited: ['bob policy_draft.discard'] },
  expires: { status: 'expired', by: 'system', audited: [] },
  applies: { status: 'applied', by: 'bob', audited: ['bob policy_draft.apply'] },
};

for (const [how, ending] of endings) {
  test(`another instance ${how} the draft while Apply runs: 409 draft_not_running, nothing changed`, async (t) => {
    const { a, b, url } = await twoInstances(t);
    await liveOfficeAndBranch(a, clock);
    const draft = await startDraft({ db: a, clock, clientAddress }, CLI_ACTOR, RESHAPING_DRAFT, 7);
    const settingsBefore = await getSettings(a);
    const zonesBefore = await listZones(a);
    const lastAudit = Number((await a.execute('SELECT max(id) AS n FROM audit_log')).rows[0]!['n']);

    // The other instance ends the draft; its batch is open, not committed.
    const held = await holdOpen(url, ending(a, draft.id));
    let heldDone = false;
    t.after(() => (heldDone ? undefined : held.rollback()));

    // Apply on instance B reads the draft as running (the end is not committed), then runs into
    // the held batch; the held one commits.
    const result = await commitWhileWaiting(
      a,
      held,
      applyDraft({ db: b, clock, clientAddress }, CLI_ACTOR, draft.id),
    );
    heldDone = true;
    assert.ok(
      result instanceof AppError && result.status === 409 && result.code === 'draft_not_running',
      `Apply must be refused as the draft ended meanwhile, got ${String(result)}`,
    );

    assert.deepEqual(await getSettings(a), settingsBefore, 'the settings as they were');
    assert.deepEqual(await listZones(a), zonesBefore, 'the zones as they were');
    const ended = await showDraft(a, clock);
    assert.equal(
      ended?.status,
      after[how]!.status,
      'the draft ended as the other instance ended it',
    );
    assert.equal(ended?.endedBy, after[how]!.by);
    const audited = await a.execute({
      sql: 'SELECT actor, action FROM audit_log WHERE id > ? ORDER BY id',
      args: [lastAudit],
    });
    assert.deepEqual(
      audited.rows.map((r) => `${String(r['actor'])} ${String(r['action'])}`),
      after[how]!.audited,
      'only the other instance’s end is audited',
    );
  });
}
