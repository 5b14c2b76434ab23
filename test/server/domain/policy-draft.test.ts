/**
 * Report-only mode (issue 27 §3) over real HTTP on the login fixture (Office 10.1.0.0/16,
 * IPSafeZone on, two-step off): a draft runs beside the live policy — its decisions are tallied
 * beside the real sign-ins and grants, the live answers stay exactly what they were without it;
 * one draft at a time; it ends by itself after its days; applying and discarding are audited and
 * applying changes the live policy (after the preview, refused like a save).
 * Runs on PostgreSQL too (test/server/domain is in the PostgreSQL pass).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { INSIDE, OUTSIDE, PASSWORD, startFixture, type Fixture } from '../login/fixture.js';
import { CLI_ACTOR } from '../../../server/domain/actor.js';
import {
  applyDraft,
  discardDraft,
  showDraft,
  startDraft,
  type DraftDeps,
} from '../../../server/domain/policy-draft.js';
import { draftTalliesWritten } from '../../../server/domain/policy-draft-recorder.js';
import { listAudit } from '../../../server/store/audit.js';
import { listZones } from '../../../server/store/zones.js';
import { getSettings } from '../../../server/store/settings.js';
import { AuthSessionState } from '../../../server/secsign/types.js';
import type { JsonResponse } from '../../support/client.js';

let f: Fixture;
let deps: DraftDeps;
before(async () => {
  f = await startFixture();
  deps = {
    db: f.db,
    clock: f.clock,
    clientAddress: {
      trustedProxies: [...f.config.trustedProxies],
      header: f.config.clientIpHeader,
    },
  };
});
after(() => f.close());

const DAY = 86_400_000;
/** The draft: the Office zone goes, a Branch zone covering the outside address comes. */
const DRAFT = { zones: [{ name: 'Branch', ranges: ['203.0.113.0/24'] }] };

/**
 * An answer as the client got it; what is random per request is masked (request ids, cookies,
 * SecSign transactions and access passes — and so the length of the body that carries one).
 */
function answer(res: JsonResponse): string {
  const headers = [...res.headers.entries()]
    .filter(([name]) => !['date', 'x-request-id', 'content-length'].includes(name))
    .map(([name, value]) =>
      name === 'set-cookie' ? `${name}: ${value.replace(/=[^;]*/, '=…')}` : `${name}: ${value}`,
    );
  const body = JSON.stringify(res.body)
    .replace(/"transaction":"[^"]+"/g, '"transaction":"…"')
    .replace(/authsessionid=-?\d+/g, 'authsessionid=…')
    .replace(/"accessPass":"[^"]+"/g, '"accessPass":"…"')
    .replace(/"requestId":"[^"]+"/g, '"requestId":"…"');
  return [String(res.status), ...headers.sort(), body].join('\n');
}

/** The same requests every time: zone answers, sign-ins inside and out, grants, a refusal. */
async function requests(): Promise<string[]> {
  const out: string[] = [];
  out.push(answer(await f.client(INSIDE).get('/api/zone')));
  out.push(answer(await f.client(OUTSIDE).get('/api/zone')));
  const carol = f.client(INSIDE);
  out.push(
    answer(await carol.post('/api/login/password', { username: 'carol', password: PASSWORD })),
  );
  out.push(answer(await carol.get('/api/verify')));
  const bob = f.client(OUTSIDE);
  const pending = await bob.post('/api/login/secsign', { secSignId: 'bob.sec' });
  out.push(answer(pending));
  f.phone('bob.sec', AuthSessionState.AUTHENTICATED);
  out.push(
    answer(await bob.post('/api/login/secsign/status', { transaction: pending.body.transaction })),
  );
  out.push(answer(await bob.get('/api/verify')));
  out.push(
    answer(
      await f.client(INSIDE).post('/api/login/password', { username: 'carol', password: 'wrong' }),
    ),
  );
  await draftTalliesWritten(f.db);
  return out;
}

describe('report-only mode', () => {
  it('tallies the draft beside live decisions and changes no answer', async () => {
    const without = await requests();
    const started = await startDraft(deps, CLI_ACTOR, DRAFT, 7);
    assert.equal(started.status, 'running');
    assert.deepEqual(started.changes, ['zone Branch added', 'zone Office removed']);
    assert.equal(started.totals.signIns, 0);

    const withDraft = await requests();
    assert.deepEqual(withDraft, without, 'the same requests got the same answers');

    const view = (await showDraft(f.db, f.clock))!;
    // carol's sign-in and grant inside (password), bob's sign-in and grant outside (SecSign ID).
    assert.deepEqual(view.totals, {
      signIns: 4,
      liveSecond: 2,
      draftSecond: 2,
      needsMore: 2,
      needsLess: 2,
    });
    assert.deepEqual(
      view.users.map((u) => [u.username, u.signIns, u.needsMore, u.needsLess]),
      [
        ['carol', 2, 2, 0],
        ['bob', 2, 0, 2],
      ],
    );
    assert.equal(view.usersTotal, 2);
    assert.equal(view.perDay.length, 1);
    assert.equal(view.perDay[0]!.signIns, 4);
    // The live policy still decides: nothing was changed.
    assert.deepEqual(
      (await listZones(f.db)).map((z) => z.name),
      ['Office'],
    );
  });

  it('refuses a second draft with 409 draft_running', async () => {
    await assert.rejects(
      startDraft(deps, CLI_ACTOR, { twoStepActive: true }, 3),
      (e: { status: number; code: string }) => e.status === 409 && e.code === 'draft_running',
    );
  });

  it('discards: the live policy stays, the step is audited', async () => {
    const running = (await showDraft(f.db, f.clock))!;
    const ended = await discardDraft(f.db, f.clock, CLI_ACTOR, running.id);
    assert.equal(ended.status, 'discarded');
    assert.equal(ended.endedBy, 'cli');
    const audit = await listAudit(f.db, { action: 'policy_draft.discard' });
    assert.equal(audit.entries.length, 1);
    assert.equal((audit.entries[0]!.details as { draft: number }).draft, running.id);
    // Ended: nothing more is tallied.
    await f.signIn('carol');
    await draftTalliesWritten(f.db);
    assert.equal((await showDraft(f.db, f.clock))!.totals.signIns, 4);
    await assert.rejects(
      discardDraft(f.db, f.clock, CLI_ACTOR, running.id),
      (e: { status: number; code: string }) => e.status === 409 && e.code === 'draft_not_running',
    );
  });

  it('ends by itself after its days, audited once', async () => {
    const draft = await startDraft(deps, CLI_ACTOR, { twoStepActive: true }, 2);
    await f.signIn('carol');
    await draftTalliesWritten(f.db);
    f.clock.advance(2 * DAY + 1);
    await f.signIn('carol');
    await draftTalliesWritten(f.db);
    const view = (await showDraft(f.db, f.clock))!;
    assert.equal(view.id, draft.id);
    assert.equal(view.status, 'expired');
    assert.equal(view.totals.signIns, 1, 'only the sign-in within its days');
    assert.equal(view.perDay.length, 3);
    await showDraft(f.db, f.clock);
    const audit = await listAudit(f.db, { action: 'policy_draft.expire' });
    assert.equal(audit.entries.length, 1);
    await assert.rejects(
      applyDraft(deps, CLI_ACTOR, draft.id),
      (e: { status: number; code: string }) => e.status === 409 && e.code === 'draft_not_running',
    );
  });

  it('applies: the live policy takes the draft, every step audited', async () => {
    const draft = await startDraft(
      deps,
      CLI_ACTOR,
      { zones: [{ name: 'Office', ranges: ['10.1.0.0/16', '10.2.0.0/16'] }], twoStepActive: true },
      5,
    );
    const applied = await applyDraft(deps, CLI_ACTOR, draft.id);
    assert.equal(applied.draft.status, 'applied');
    assert.equal(applied.preview.saveAllowed, true);
    assert.equal(applied.trustedProxies, null);
    assert.deepEqual(
      (await listZones(f.db)).map((z) => z.ranges),
      [['10.1.0.0/16', '10.2.0.0/16']],
    );
    assert.equal((await getSettings(f.db)).twoStepActive, true);
    const actions = (await listAudit(f.db, { limit: 50 })).entries.map((e) => e.action);
    for (const a of ['policy_draft.start', 'policy_draft.apply', 'zone.update', 'settings.update'])
      assert.ok(actions.includes(a), `${a} audited`);
    // A new draft may start once this one has ended.
    const next = await startDraft(deps, CLI_ACTOR, { twoStepActive: false }, 1);
    await discardDraft(f.db, f.clock, CLI_ACTOR, next.id);
  });

  it('refuses to apply a draft that would lock an administrator out', async () => {
    // alice has a SecSign ID but it would not count if only passkeys counted outside — and carol's
    // and alice's sign-ins inside would need a second factor without the Office zone.
    await f.signIn('alice', '10.1.0.4');
    await f.settings({ twoStepActive: false });
    const draft = await startDraft(deps, CLI_ACTOR, { zones: [], outsideFactors: ['passkey'] }, 3);
    await assert.rejects(
      applyDraft(deps, CLI_ACTOR, draft.id),
      (e: { status: number; code: string }) => {
        assert.equal(e.status, 409);
        assert.match(e.code, /admin_locked_out|last_secsign_admin/);
        return true;
      },
    );
    // Still running, still the live policy.
    assert.equal((await showDraft(f.db, f.clock))!.status, 'running');
    assert.deepEqual(
      (await listZones(f.db)).map((z) => z.name),
      ['Office'],
    );
    await discardDraft(f.db, f.clock, CLI_ACTOR, draft.id);
  });
});
