/**
 * A directory user signs in through the real app with a real slapd behind it: inside the zone with
 * the LDAP password (created in ipsafezone at that first sign-in, admin from the group, SecSign ID
 * from the attribute), outside with the SecSign ID alone (the embedded SecSign simulator), a wrong
 * password or an unknown name answer like local ones, the limits run before LDAP is asked, and a
 * stopped directory means 503 for everyone who needs it — no fallback. The local users table is
 * asked first; a Crowd directory after LDAP is reached for names LDAP does not know.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Client as LdapClient } from 'ldapts';
import { CLI_ACTOR } from '../../../server/domain/actor.js';
import { addDirectory } from '../../../server/directories/directory-service.js';
import { secretBoxFor } from '../../../server/directories/open-directory.js';
import { AuthSessionState } from '../../../server/secsign/types.js';
import { findUserByUsername } from '../../../server/store/users.js';
import { listAudit } from '../../../server/store/audit.js';
import { BASE_DN, ROOT_DN, ROOT_PASSWORD, type Slapd } from '../../support/slapd.js';
import {
  startLdapDirectoryFixture,
  type LdapDirectoryFixture,
} from '../../support/ldap-directory-fixture.js';
import { INSIDE, OUTSIDE, PASSWORD, type Fixture } from '../login/fixture.js';
import { startCrowdStandIn, type CrowdStandIn } from './crowd-stand-in.js';
import { LDAP_PASSWORD } from './ldap-seed.js';

const SECRET_KEY = 's'.repeat(40);
let fx: LdapDirectoryFixture;
let f: Fixture;
let ldap: Slapd;
let crowd: CrowdStandIn;

before(async () => {
  fx = await startLdapDirectoryFixture({
    secretKey: SECRET_KEY,
    directory: {
      secSignIdAttribute: 'employeeNumber',
      adminGroup: 'IPSafeZone Admins',
      timeoutMs: 1000,
    },
  });
  ({ f, ldap } = fx);
  crowd = await startCrowdStandIn([
    {
      name: 'hank',
      password: 'crowd password 1',
      displayName: 'Hank Crowd',
      email: 'hank@example.test',
      active: true,
      groups: ['jira-users'],
    },
  ]);
  await addDirectory(f.db, f.clock, secretBoxFor({ secretKey: SECRET_KEY }), CLI_ACTOR, 'crowd', {
    name: 'Crowd',
    url: crowd.url,
    allowPlain: true,
    applicationName: 'ipsafezone',
    applicationPassword: 'app secret',
  });
  f.sim.registerId('erin.sec');
});
after(async () => {
  await fx?.close();
  await crowd?.close();
});

describe('a directory user signs in', () => {
  it('inside, with the LDAP password: created here at the first sign-in', async () => {
    const c = f.client(INSIDE);
    const res = await c.post('/api/login/password', { username: 'erin', password: LDAP_PASSWORD });
    assert.equal(res.body.status, 'signed_in', JSON.stringify(res.body));
    assert.deepEqual(res.body.user, {
      username: 'erin',
      displayName: 'Erin Example',
      email: 'erin@example.test',
      role: 'admin',
      secSignId: 'erin.sec',
    });
    const session = await c.get('/api/session');
    assert.equal(session.body.session.factors, 'password');
    const stored = await findUserByUsername(f.db, 'erin');
    assert.equal(stored?.passwordHash, null);
    assert.notEqual(stored?.directory, 'local');
  });

  it('outside, with the SecSign ID from the directory attribute alone', async () => {
    const c = f.client(OUTSIDE);
    const pending = await c.post('/api/login/secsign', { secSignId: 'erin.sec' });
    assert.equal(pending.body.status, 'secsign_pending', JSON.stringify(pending.body));
    f.phone('erin.sec', AuthSessionState.AUTHENTICATED);
    const done = await c.post('/api/login/secsign/status', {
      transaction: pending.body.transaction,
    });
    assert.equal(done.body.status, 'signed_in', JSON.stringify(done.body));
    assert.equal(done.body.user.username, 'erin');
  });

  it('a wrong LDAP password or an unknown name: 401, the same answer as for local users', async () => {
    const wrong = await f
      .client(INSIDE)
      .post('/api/login/password', { username: 'frank', password: 'nope nope' });
    const unknown = await f
      .client(INSIDE)
      .post('/api/login/password', { username: 'nobody', password: 'nope nope' });
    const local = await f
      .client(INSIDE)
      .post('/api/login/password', { username: 'bob', password: 'nope nope' });
    // The same answer except the request's own id.
    const answer = (r: { status: number; body: { error: { code: string; message: string } } }) => [
      r.status,
      r.body.error.code,
      r.body.error.message,
    ];
    assert.equal(wrong.status, 401);
    assert.deepEqual(answer(wrong), answer(local));
    assert.deepEqual(answer(unknown), answer(local));
    assert.equal(await findUserByUsername(f.db, 'frank'), null, 'no user made without a password');
  });

  it('local users are asked first: their own password still works', async () => {
    const res = await f
      .client(INSIDE)
      .post('/api/login/password', { username: 'bob', password: PASSWORD });
    assert.equal(res.body.status, 'signed_in');
  });

  it('a name LDAP does not know reaches Crowd, the next directory', async () => {
    const res = await f
      .client(INSIDE)
      .post('/api/login/password', { username: 'hank', password: 'crowd password 1' });
    assert.equal(res.body.status, 'signed_in', JSON.stringify(res.body));
    assert.equal(res.body.user.displayName, 'Hank Crowd');
  });

  it('our limits run before LDAP is asked: a locked name is refused without a directory', async () => {
    const c = f.client('10.1.9.9');
    for (let i = 0; i < 5; i++)
      await c.post('/api/login/password', { username: 'frank', password: `wrong ${i} wrong` });
    await ldap.stop();
    try {
      // With LDAP down a request that reached it would be a 503; the lock answers first.
      const res = await c.post('/api/login/password', {
        username: 'frank',
        password: LDAP_PASSWORD,
      });
      assert.equal(res.status, 429, JSON.stringify(res.body));
    } finally {
      await ldap.start();
    }
  });

  it('a stopped directory: 503, nobody signs in with a password, no fallback', async () => {
    await ldap.stop();
    try {
      const res = await f
        .client(INSIDE)
        .post('/api/login/password', { username: 'erin', password: LDAP_PASSWORD });
      assert.equal(res.status, 503);
      assert.equal(res.body.error.code, 'directory_unavailable');
      // Crowd (after LDAP) knows "hank", but LDAP must answer first: no skipping a silent directory.
      const hank = await f
        .client(INSIDE)
        .post('/api/login/password', { username: 'hank', password: 'crowd password 1' });
      assert.equal(hank.status, 503);
      const { entries } = await listAudit(f.db, { outcome: 'directory_unavailable' });
      assert.ok(entries.length >= 2);
    } finally {
      await ldap.start();
    }
    const again = await f
      .client(INSIDE)
      .post('/api/login/password', { username: 'erin', password: LDAP_PASSWORD });
    assert.equal(again.body.status, 'signed_in');
  });

  /** A SecSign-ID-alone sign-in of erin from outside; returns the status poll's answer. */
  async function secSignAlone() {
    const c = f.client(OUTSIDE);
    const pending = await c.post('/api/login/secsign', { secSignId: 'erin.sec' });
    assert.equal(pending.body.status, 'secsign_pending', JSON.stringify(pending.body));
    f.phone('erin.sec', AuthSessionState.AUTHENTICATED);
    return c.post('/api/login/secsign/status', { transaction: pending.body.transaction });
  }

  it('the SecSign ID alone still asks the directory: stopped → 503, nobody signed in', async () => {
    await ldap.stop();
    try {
      const done = await secSignAlone();
      assert.equal(done.status, 503, JSON.stringify(done.body));
      assert.equal(done.body.error.code, 'directory_unavailable');
    } finally {
      await ldap.start();
    }
  });

  it('a user deleted in the directory can no longer sign in with the SecSign ID alone', async () => {
    const admin = new LdapClient({ url: ldap.url });
    await admin.bind(ROOT_DN, ROOT_PASSWORD);
    await admin.del(`uid=erin,ou=people,${BASE_DN}`);
    await admin.unbind();
    const done = await secSignAlone();
    assert.equal(done.status, 403, JSON.stringify(done.body));
    assert.equal(done.body.error.code, 'user_disabled');
    const { entries } = await listAudit(f.db, { outcome: 'directory_user_gone' });
    assert.equal(entries.length, 1);
  });
});
