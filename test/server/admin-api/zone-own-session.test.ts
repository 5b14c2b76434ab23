/**
 * A zone change or a draft's Apply that would end the acting administrator's own session is
 * refused with `409 ends_own_session` — nothing changed, nothing audited as a change — and goes
 * through when confirmed (`"confirm": true` in the body; `?confirm=true` for DELETE), as a
 * settings change already did (test/server/security/settings-self-lockout.test.ts). Before, the
 * change answered 200 and the administrator's next request was 401. A change that leaves the
 * session counting (a zone elsewhere; a session proven with a second factor) is not refused.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AuthSessionState } from '../../../server/secsign/types.js';
import { CLI_ACTOR } from '../../../server/domain/actor.js';
import { createZone, deleteZone, updateZone } from '../../../server/domain/zones-service.js';
import { discardDraft, showDraft } from '../../../server/domain/policy-draft.js';
import { listZones } from '../../../server/store/zones.js';
import { listAudit } from '../../../server/store/audit.js';
import { OUTSIDE, PASSWORD, startFixture, type Fixture } from '../login/fixture.js';
import type { TestClient } from '../../support/client.js';

let f: Fixture;
before(async () => {
  f = await startFixture();
});
after(() => f.close());

/** The administrator's address: inside Office (10.1.0.0/16) only. */
const ADMIN_AT = '10.1.0.4';

/** Each test starts from Office alone, as the fixture made it, and no running draft. */
beforeEach(async () => {
  const draft = await showDraft(f.db, f.clock);
  if (draft?.status === 'running') await discardDraft(f.db, f.clock, CLI_ACTOR, draft.id);
  const office = { name: 'Office', ranges: ['10.1.0.0/16'], enabled: true };
  const kept = (await listZones(f.db)).find((z) => z.name === 'Office');
  if (!kept) await createZone(f.db, f.clock, CLI_ACTOR, office);
  else await updateZone(f.db, f.clock, CLI_ACTOR, kept.id, office);
  for (const z of await listZones(f.db))
    if (z.name !== 'Office') await deleteZone(f.db, f.clock, CLI_ACTOR, z.id);
  await f.settings({ ipSafeZoneActive: true, twoStepActive: false });
});

const zonesNow = async () =>
  (await listZones(f.db)).map((z) => `${z.name} ${z.enabled ? 'on' : 'off'} ${z.ranges.join(',')}`);
const changeRows = async (action: string) =>
  (await listAudit(f.db, { limit: 500 })).entries.filter((e) => e.action === action).length;
const officeId = async () => (await listZones(f.db)).find((z) => z.name === 'Office')!.id;

/**
 * Asserts that `send()` (the change without confirmation) is refused as ending the session, with
 * nothing changed and no `action` audited; then that `confirmed()` goes through and the session
 * then ends, as warned.
 */
async function warnedThenConfirmed(
  admin: TestClient,
  action: string,
  send: () => Promise<{ status: number; body: any }>,
  confirmed: () => Promise<{ status: number; body: any }>,
) {
  const zones = await zonesNow();
  const rows = await changeRows(action);
  const warned = await send();
  assert.equal(warned.status, 409, JSON.stringify(warned.body));
  assert.equal(warned.body.error.code, 'ends_own_session');
  assert.match(warned.body.error.message, /a second factor/);
  assert.match(warned.body.error.message, /10\.1\.0\.4/);
  assert.deepEqual(await zonesNow(), zones, 'zones unchanged');
  assert.equal(await changeRows(action), rows, 'no change audited');
  assert.equal((await admin.get('/api/me')).status, 200, 'the session still counts');

  const done = await confirmed();
  assert.ok(done.status === 200 || done.status === 201, JSON.stringify(done.body));
  assert.notDeepEqual(await zonesNow(), zones, 'changed');
  assert.equal(await changeRows(action), rows + 1, 'audited');
  assert.equal((await admin.get('/api/me')).status, 401, 'as warned, the session no longer counts');
}

describe('a zone change that would end my own password session', () => {
  const zoneChanges: {
    name: string;
    action: string;
    method: 'PATCH' | 'DELETE';
    body?: object;
    confirmed: { query?: string; body?: object };
  }[] = [
    {
      name: 'PATCH ranges: 409 ends_own_session, then done with "confirm": true',
      action: 'zone.update',
      method: 'PATCH',
      body: { ranges: ['10.2.0.0/16'] },
      confirmed: { body: { ranges: ['10.2.0.0/16'], confirm: true } },
    },
    {
      name: 'PATCH enabled false: the same',
      action: 'zone.update',
      method: 'PATCH',
      body: { enabled: false },
      confirmed: { body: { enabled: false, confirm: true } },
    },
    {
      name: 'DELETE: 409 ends_own_session, then done with ?confirm=true',
      action: 'zone.delete',
      method: 'DELETE',
      confirmed: { query: '?confirm=true' },
    },
  ];
  for (const change of zoneChanges) {
    it(change.name, async () => {
      const admin = await f.signIn('alice', ADMIN_AT);
      const path = `/api/admin/zones/${await officeId()}`;
      const { query = '', body } = change.confirmed;
      await warnedThenConfirmed(
        admin,
        change.action,
        () => admin.request(change.method, path, change.body),
        () => admin.request(change.method, path + query, body),
      );
    });
  }

  it("a draft's Apply: 409 ends_own_session, the draft still running; then done when confirmed", async () => {
    const admin = await f.signIn('alice', ADMIN_AT);
    const started = await admin.post('/api/admin/policy/draft', { zones: [], reportDays: 3 });
    assert.equal(started.status, 201, JSON.stringify(started.body));
    const id = started.body.draft.id;
    await warnedThenConfirmed(
      admin,
      'zone.delete',
      async () => {
        const res = await admin.post('/api/admin/policy/draft/apply', { id });
        assert.equal((await showDraft(f.db, f.clock))?.status, 'running', 'still running');
        return res;
      },
      () => admin.post('/api/admin/policy/draft/apply', { id, confirm: true }),
    );
    assert.equal((await showDraft(f.db, f.clock))?.status, 'applied');
  });

  it("a draft's Apply that switches IPSafeZone off: the same check", async () => {
    const admin = await f.signIn('alice', ADMIN_AT);
    const started = await admin.post('/api/admin/policy/draft', {
      ipSafeZoneActive: false,
      reportDays: 3,
    });
    assert.equal(started.status, 201, JSON.stringify(started.body));
    const id = started.body.draft.id;
    const warned = await admin.post('/api/admin/policy/draft/apply', { id });
    assert.equal(warned.status, 409, JSON.stringify(warned.body));
    assert.equal(warned.body.error.code, 'ends_own_session');
    assert.equal(warned.body.error.details.requirement, 'second-factor');
    assert.equal((await showDraft(f.db, f.clock))?.status, 'running');
    assert.equal((await admin.get('/api/admin/settings')).body.ipSafeZoneActive, true);
  });
});

describe('a zone change that leaves my session counting is not refused', () => {
  it('creating a zone, and changing or deleting a zone elsewhere', async () => {
    const admin = await f.signIn('alice', ADMIN_AT);
    const made = await admin.post('/api/admin/zones', { name: 'Lab', ranges: ['10.5.0.0/16'] });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    const id = made.body.zone.id;
    const off = await admin.request('PATCH', `/api/admin/zones/${id}`, { enabled: false });
    assert.equal(off.status, 200, JSON.stringify(off.body));
    const gone = await admin.request('DELETE', `/api/admin/zones/${id}`);
    assert.equal(gone.status, 200, JSON.stringify(gone.body));
    assert.equal((await admin.get('/api/me')).status, 200);
  });

  it('another zone still holding my address', async () => {
    const admin = await f.signIn('alice', ADMIN_AT);
    await createZone(f.db, f.clock, CLI_ACTOR, { name: 'Floor 2', ranges: ['10.1.0.0/24'] });
    const gone = await admin.request('DELETE', `/api/admin/zones/${await officeId()}`);
    assert.equal(gone.status, 200, JSON.stringify(gone.body));
    assert.equal((await admin.get('/api/me')).status, 200);
  });

  it('a session proven with a second factor', async () => {
    await f.settings({ twoStepActive: true });
    const admin = f.client(OUTSIDE);
    const pw = await admin.post('/api/login/password', { username: 'alice', password: PASSWORD });
    assert.equal(pw.body.status, 'secsign_pending', JSON.stringify(pw.body));
    f.phone('alice.sec', AuthSessionState.AUTHENTICATED);
    const done = await admin.post('/api/login/secsign/status', {
      transaction: pw.body.transaction,
    });
    assert.equal(done.body.status, 'signed_in');
    admin.setAddress(ADMIN_AT);
    const id = await officeId();
    const off = await admin.request('PATCH', `/api/admin/zones/${id}`, { enabled: false });
    assert.equal(off.status, 200, JSON.stringify(off.body));
    assert.equal((await admin.get('/api/me')).status, 200, 'the session still counts');
  });
});

describe('confirm as bad input', () => {
  it('refuses a confirmation that is not one, or one with nothing to change, changing nothing', async () => {
    const admin = await f.signIn('alice', ADMIN_AT);
    const id = await officeId();
    const zones = await zonesNow();
    for (const query of ['confirm=yes', 'confirm=1', 'confirm=true&confirm=true']) {
      const res = await admin.request('DELETE', `/api/admin/zones/${id}?${query}`);
      assert.equal(res.status, 400, query);
      assert.equal(res.body.error.code, 'invalid_input');
    }
    for (const body of [{ confirm: true }, { enabled: false, confirm: 'true' }]) {
      const res = await admin.request('PATCH', `/api/admin/zones/${id}`, body);
      assert.equal(res.status, 400, JSON.stringify(body));
    }
    const apply = await admin.post('/api/admin/policy/draft/apply', { id: 1, confirm: 1 });
    assert.equal(apply.status, 400);
    assert.deepEqual(await zonesNow(), zones);
    const warned = await admin.request('DELETE', `/api/admin/zones/${id}?confirm=false`);
    assert.equal(warned.status, 409, 'confirm=false is no confirmation');
    assert.equal((await admin.get('/api/me')).status, 200);
  });
});
