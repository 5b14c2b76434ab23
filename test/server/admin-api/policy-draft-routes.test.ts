/**
 * `/api/admin/policy/draft` over real HTTP on the login fixture: start, show with the tally of real
 * sign-ins, one draft only (409), apply and discard of the draft shown; administrators only, CSRF
 * checked, bad input refused in the one error shape without changing anything.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { INSIDE, startFixture, type Fixture } from '../login/fixture.js';
import { draftTalliesWritten } from '../../../server/domain/policy-draft-recorder.js';
import { listAudit } from '../../../server/store/audit.js';

let f: Fixture;
before(async () => {
  f = await startFixture();
});
after(() => f.close());

const ADMIN_AT = '10.1.0.4';

describe('/api/admin/policy/draft', () => {
  it('starts a draft, tallies real sign-ins beside it, refuses a second', async () => {
    const admin = await f.signIn('alice', ADMIN_AT);
    assert.deepEqual((await admin.get('/api/admin/policy/draft')).body, { draft: null });
    const res = await admin.post('/api/admin/policy/draft', { zones: [], reportDays: 14 });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.draft.status, 'running');
    assert.equal(res.body.draft.startedBy, 'alice');
    assert.deepEqual(res.body.draft.changes, ['zone Office removed']);

    await f.signIn('carol', INSIDE);
    await draftTalliesWritten(f.db);
    const shown = await admin.get('/api/admin/policy/draft');
    assert.equal(shown.status, 200);
    assert.equal(shown.body.draft.totals.needsMore, 1);
    assert.deepEqual(
      shown.body.draft.users.map((u: { username: string }) => u.username),
      ['carol'],
    );

    const second = await admin.post('/api/admin/policy/draft', {
      twoStepActive: true,
      reportDays: 1,
    });
    assert.equal(second.status, 409);
    assert.equal(second.body.error.code, 'draft_running');
    assert.equal(typeof second.body.error.message, 'string');
  });

  it('refuses bad input in the one error shape, changing nothing', async () => {
    const admin = await f.signIn('alice', ADMIN_AT);
    const before = (await admin.get('/api/admin/policy/draft')).body;
    for (const body of [
      { zones: [] },
      { zones: [], reportDays: 0 },
      { zones: [], reportDays: 91 },
      { zones: [], reportDays: 3, extra: 1 },
      { outsideFactors: ['password'], reportDays: 3 },
    ]) {
      const res = await admin.post('/api/admin/policy/draft', body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.body.error.code, 'invalid_input');
    }
    for (const body of [{}, { id: 'x' }, { id: -1 }]) {
      const res = await admin.post('/api/admin/policy/draft/apply', body);
      assert.equal(res.status, 400, JSON.stringify(body));
    }
    const wrong = await admin.post('/api/admin/policy/draft/apply', { id: 999_999 });
    assert.equal(wrong.status, 409);
    assert.equal(wrong.body.error.code, 'draft_not_running');
    assert.deepEqual((await admin.get('/api/admin/policy/draft')).body, before);
  });

  it('is closed to plain users, to nobody, and to another site', async () => {
    const bob = await f.signIn('bob');
    assert.equal((await bob.get('/api/admin/policy/draft')).status, 403);
    assert.equal((await f.client(INSIDE).get('/api/admin/policy/draft')).status, 401);
    const admin = await f.signIn('alice', ADMIN_AT);
    const id = (await admin.get('/api/admin/policy/draft')).body.draft.id;
    const forged = await admin.post(
      '/api/admin/policy/draft/discard',
      { id },
      { origin: 'https://evil.example.net' },
    );
    assert.equal(forged.status, 403);
    assert.equal((await admin.get('/api/admin/policy/draft')).body.draft.status, 'running');
  });

  it('discards the draft shown; then another may start and be applied', async () => {
    const admin = await f.signIn('alice', ADMIN_AT);
    const id = (await admin.get('/api/admin/policy/draft')).body.draft.id;
    const discarded = await admin.post('/api/admin/policy/draft/discard', { id });
    assert.equal(discarded.status, 200, JSON.stringify(discarded.body));
    assert.equal(discarded.body.draft.status, 'discarded');

    const started = await admin.post('/api/admin/policy/draft', {
      zones: [{ name: 'Office', ranges: ['10.1.0.0/16', '10.3.0.0/16'] }],
      reportDays: 7,
    });
    assert.equal(started.status, 201, JSON.stringify(started.body));
    const applied = await admin.post('/api/admin/policy/draft/apply', {
      id: started.body.draft.id,
    });
    assert.equal(applied.status, 200, JSON.stringify(applied.body));
    assert.equal(applied.body.draft.status, 'applied');
    assert.equal(applied.body.preview.saveAllowed, true);
    const zones = await admin.get('/api/admin/zones');
    assert.deepEqual(zones.body.zones[0].ranges, ['10.1.0.0/16', '10.3.0.0/16']);
    const audit = await listAudit(f.db, { limit: 100 });
    const steps = audit.entries
      .filter((e) => e.action.startsWith('policy_draft.'))
      .map((e) => `${e.action} ${e.actor}`);
    assert.deepEqual(steps.reverse(), [
      'policy_draft.start alice',
      'policy_draft.discard alice',
      'policy_draft.start alice',
      'policy_draft.apply alice',
    ]);
  });
});
