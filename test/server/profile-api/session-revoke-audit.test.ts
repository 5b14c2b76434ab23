/**
 * Ending a session from the profile (`DELETE /api/me/sessions/:id`) is audited — who ended which
 * session (its address and start), from where — as signing out and an administrator's revocation
 * are: a user who finds a session they do not know and ends it leaves the trace an administrator
 * needs, and so does a thief with a stolen session ending the owner's. A refused attempt (another
 * user's session) changes nothing and names nobody's session. Real app over HTTP.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { listAudit } from '../../../server/store/audit.js';
import { startFixture, INSIDE, type Fixture } from '../login/fixture.js';

let f: Fixture;
before(async () => {
  f = await startFixture();
});
after(() => f.close());

test('ending one of my sessions is audited with who, which session and from where', async () => {
  const laptop = await f.signIn('bob', INSIDE);
  const phone = await f.signIn('bob', '10.1.44.4');
  const sessions = (await laptop.get('/api/me/sessions')).body.sessions as {
    id: string;
    current: boolean;
    clientIp: string;
    createdAt: string;
  }[];
  const other = sessions.find((s) => !s.current && s.clientIp === '10.1.44.4')!;
  const ended = await laptop.request('DELETE', `/api/me/sessions/${other.id}`);
  assert.equal(ended.status, 200);
  assert.equal((await phone.get('/api/me')).status, 401);

  const { entries } = await listAudit(f.db, { action: 'session.revoke' });
  assert.equal(entries.length, 1);
  const e = entries[0]!;
  assert.equal(e.actor, 'bob');
  assert.equal(e.username, 'bob');
  assert.equal(e.clientIp, INSIDE);
  assert.equal(e.outcome, 'ended');
  assert.deepEqual(e.details, {
    session: { clientIp: '10.1.44.4', createdAt: other.createdAt },
    current: false,
  });
  assert.equal(JSON.stringify(e).includes(other.id), false, 'not the session id');

  // Another user's session: refused, nothing ended, nothing written.
  const carol = await f.signIn('carol', INSIDE);
  const carols = (await carol.get('/api/me/sessions')).body.sessions[0].id as string;
  const refused = await laptop.request('DELETE', `/api/me/sessions/${carols}`);
  assert.equal(refused.status, 404);
  assert.equal((await carol.get('/api/me')).status, 200);
  assert.equal((await listAudit(f.db, { action: 'session.revoke' })).entries.length, 1);
});
