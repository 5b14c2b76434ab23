/**
 * The whole outside sign-in with SecSign ID once over each API, server-level over real HTTP: the
 * app (wired as main.ts wires it: the API choice with the form and REST v2 clients) asks the
 * embedded ID server, which records which API created each session. `auto` picks REST when the ID
 * server answers ServerInfo and the form protocol when it does not (an older server); /readyz
 * says which is in use and why. The session id reaches the deep link digit for digit (a REST id is
 * a Java long, nearly always beyond 2^53).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AuthSessionState } from '../../../server/secsign/types.js';
import type { SecSignApiMode } from '../../../server/config/settings.js';
import { startFixture, OUTSIDE, type Fixture } from './fixture.js';

const CASES: { title: string; mode: SecSignApiMode; rest: boolean; api: 'rest' | 'form' }[] = [
  {
    title: 'auto, the ID server answers ServerInfo → REST v2',
    mode: 'auto',
    rest: true,
    api: 'rest',
  },
  { title: 'auto, an older ID server → the form protocol', mode: 'auto', rest: false, api: 'form' },
  { title: 'SECSIGN_API=form → the form protocol', mode: 'form', rest: true, api: 'form' },
];

for (const c of CASES) {
  describe(`outside sign-in with SecSign ID: ${c.title}`, () => {
    let f: Fixture;
    before(async () => {
      f = await startFixture({ secsignApi: c.mode, simSpeaksRest: c.rest });
    });
    after(() => f.close());

    it('/readyz says which API is in use and why', async () => {
      const res = await f.client(null).get('/readyz');
      assert.equal(res.status, 200);
      assert.equal(res.body.secsign.api, c.api);
      assert.equal(res.body.secsign.mode, c.mode);
      assert.match(res.body.secsign.reason, c.mode === 'form' ? /SECSIGN_API=form/ : /ServerInfo/);
      assert.equal(res.body.secsign.version, c.api === 'rest' ? '10.7.5' : null);
    });

    it('access pass, waiting, the phone confirms, signed in — over that API', async () => {
      const client = f.client(OUTSIDE);
      const pending = (await client.post('/api/login/secsign', { secSignId: 'Bob.Sec' })).body;
      assert.equal(pending.status, 'secsign_pending', JSON.stringify(pending));
      assert.match(pending.accessPass, /^data:image\/png;base64,iVBORw0KGgo/);
      const held = f.simSession('bob.sec');
      assert.equal(held.api, c.api);
      assert.ok(
        pending.deepLink.includes(`&authsessionid=${encodeURIComponent(held.authSessionId)}&`),
        `${pending.deepLink} names ${held.authSessionId}`,
      );
      const waiting = await client.post('/api/login/secsign/status', {
        transaction: pending.transaction,
      });
      assert.equal(waiting.body.status, 'secsign_pending');
      f.phone('bob.sec', AuthSessionState.AUTHENTICATED);
      const done = await client.post('/api/login/secsign/status', {
        transaction: pending.transaction,
      });
      assert.equal(done.body.status, 'signed_in', JSON.stringify(done.body));
      assert.equal(done.body.user.username, 'bob');
    });

    it('a denial fails the sign-in; cancel reaches the ID server', async () => {
      const client = f.client(OUTSIDE);
      let pending = (await client.post('/api/login/secsign', { secSignId: 'alice.sec' })).body;
      f.phone('alice.sec', AuthSessionState.DENIED);
      const denied = await client.post('/api/login/secsign/status', {
        transaction: pending.transaction,
      });
      assert.equal(denied.body.error.code, 'secsign_denied');
      pending = (await client.post('/api/login/secsign', { secSignId: 'alice.sec' })).body;
      await client.post('/api/login/secsign/cancel', { transaction: pending.transaction });
      assert.equal(f.simSession('alice.sec').state, AuthSessionState.CANCELED);
    });

    it('assigning an ID: a typo refused over REST; with the form protocol "not checked"', async () => {
      const admin = await f.signIn('alice');
      const list = await admin.get('/api/admin/users?q=carol');
      const carol = list.body.users.find((u: { username: string }) => u.username === 'carol').id;
      const typo = await admin.request('PUT', `/api/admin/users/${carol}/secsign-id`, {
        secSignId: 'Carol.Sc',
      });
      if (c.api === 'rest') {
        assert.equal(typo.status, 422, JSON.stringify(typo.body));
        assert.equal(typo.body.error.code, 'secsign_id_unknown');
        const unchanged = await admin.get(`/api/admin/users/${carol}`);
        assert.equal(unchanged.body.user.secSignId, null);
      } else {
        assert.equal(typo.status, 200, JSON.stringify(typo.body));
        assert.equal(typo.body.secSignIdCheck.checked, false);
        assert.match(typo.body.secSignIdCheck.message, /form protocol/);
      }
      f.sim.registerId('carol.sec');
      const right = await admin.request('PUT', `/api/admin/users/${carol}/secsign-id`, {
        secSignId: 'carol.sec',
      });
      assert.equal(right.status, 200, JSON.stringify(right.body));
      assert.equal(right.body.user.secSignId, 'carol.sec');
      assert.equal(right.body.secSignIdCheck.checked, c.api === 'rest');
    });

    it('a user changing their own ID: checked only once they may change it', async () => {
      const admin = await f.signIn('alice');
      const list = await admin.get('/api/admin/users?q=carol');
      const carol = list.body.users.find((u: { username: string }) => u.username === 'carol').id;
      await admin.request('DELETE', `/api/admin/users/${carol}/secsign-id`);
      await admin.request('PATCH', '/api/admin/settings', { usersChangeOwnId: false });
      const user = await f.signIn('carol');
      const notAllowed = await user.request('PUT', '/api/me/secsign-id', { secSignId: 'carl.sec' });
      assert.equal(notAllowed.body.error.code, 'secsign_id_change_not_allowed');
      await admin.request('PATCH', '/api/admin/settings', { usersChangeOwnId: true });
      const typo = await user.request('PUT', '/api/me/secsign-id', { secSignId: 'carl.sec' });
      if (c.api === 'rest') assert.equal(typo.body.error.code, 'secsign_id_unknown');
      else assert.equal(typo.body.secSignIdCheck.checked, false, JSON.stringify(typo.body));
    });

    it('an unknown SecSign ID and a frozen one are told apart', async () => {
      const unknown = await f.client(OUTSIDE).post('/api/login/secsign', { secSignId: 'typo.sec' });
      assert.equal(unknown.body.error.code, 'secsign_no_such_id');
      f.sim.registerId('erin.sec');
      f.sim.freeze('erin.sec');
      const frozen = await f.client(OUTSIDE).post('/api/login/secsign', { secSignId: 'erin.sec' });
      assert.equal(frozen.status, 409);
      assert.equal(frozen.body.error.code, 'secsign_id_frozen');
    });
  });
}
