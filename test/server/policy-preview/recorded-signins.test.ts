/**
 * Issue 27, part 1: the audit log records what the policy preview replays beside every sign-in and
 * forward-auth grant — the proven factors, the client address as a sortable key (none when it was
 * doubtful), the socket peer and the forwarding header as received — and nothing of it beside any
 * other decision. Real app, real libSQL, real HTTP through the loopback proxy the test trusts.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AuthSessionState } from '../../../server/secsign/types.js';
import { addressKey } from '../../../server/zones/address-key.js';
import { INSIDE, OUTSIDE, startFixture, type Fixture } from '../login/fixture.js';

let f: Fixture;
before(async () => {
  f = await startFixture();
});
after(async () => {
  await f.close();
});

interface ReplayRow {
  action: string;
  outcome: string;
  username: string | null;
  client_ip: string | null;
  factors: string | null;
  address_key: string | null;
  peer_ip: string | null;
  forwarded: string | null;
}

async function lastRow(where: string): Promise<ReplayRow> {
  const rs = await f.db.execute(
    `SELECT action, outcome, username, client_ip, factors, address_key, peer_ip, forwarded
     FROM audit_log WHERE ${where} ORDER BY id DESC LIMIT 1`,
  );
  assert.ok(rs.rows[0], `no audit row where ${where}`);
  return { ...(rs.rows[0] as unknown as ReplayRow) };
}

describe('what a sign-in records for the replay', () => {
  it('a password sign-in inside: factors, the address key, the peer and the header', async () => {
    await f.signIn('carol', INSIDE);
    const row = await lastRow("action = 'login.success' AND username = 'carol'");
    assert.deepEqual(row, {
      action: 'login.success',
      outcome: 'signed_in',
      username: 'carol',
      client_ip: INSIDE,
      factors: 'password',
      address_key: '40a010203',
      peer_ip: '127.0.0.1',
      forwarded: INSIDE,
    });
  });

  it('a SecSign ID sign-in outside records `secsign` and the outside address', async () => {
    const c = f.client(OUTSIDE);
    const pending = (await c.post('/api/login/secsign', { secSignId: 'bob.sec' })).body;
    f.phone('bob.sec', AuthSessionState.AUTHENTICATED);
    const done = await c.post('/api/login/secsign/status', { transaction: pending.transaction });
    assert.equal(done.body.status, 'signed_in');
    const row = await lastRow("action = 'login.success' AND username = 'bob'");
    assert.equal(row.factors, 'secsign');
    assert.equal(row.address_key, addressKey(OUTSIDE));
    assert.equal(row.forwarded, OUTSIDE);
  });

  it('a forward-auth grant records the session’s factors', async () => {
    const c = await f.signIn('carol', INSIDE);
    const res = await c.get('/api/verify');
    assert.equal(res.status, 200);
    const row = await lastRow("action = 'verify' AND outcome = 'granted'");
    assert.equal(row.factors, 'password');
    assert.equal(row.address_key, '40a010203');
  });

  it('a doubtful address (a chain cut short) has no address key: outside whatever the zones', async () => {
    const c = f.client(null);
    // Loopback is a trusted proxy; an obfuscated hop stops the walk there.
    const chain = { 'x-forwarded-for': `${INSIDE}, _hidden` };
    const start = await c.post('/api/login/secsign', { secSignId: 'bob.sec' }, chain);
    assert.equal(start.status, 200, JSON.stringify(start.body));
    f.phone('bob.sec', AuthSessionState.AUTHENTICATED);
    const done = await c.post(
      '/api/login/secsign/status',
      { transaction: start.body.transaction },
      chain,
    );
    assert.equal(done.body.status, 'signed_in');
    const row = await lastRow("action = 'login.success' AND username = 'bob'");
    assert.equal(row.factors, 'secsign');
    assert.equal(row.client_ip, '127.0.0.1');
    assert.equal(row.address_key, null);
    assert.equal(row.forwarded, `${INSIDE}, _hidden`);
  });

  it('a refusal records no replay columns', async () => {
    const res = await f
      .client(INSIDE)
      .post('/api/login/password', { username: 'carol', password: 'wrong password' });
    assert.equal(res.status, 401);
    const row = await lastRow("username = 'carol' AND action = 'login.password'");
    assert.equal(row.outcome === 'signed_in', false);
    assert.equal(row.factors, null);
    assert.equal(row.address_key, null);
  });
});
