/**
 * Threat: locking someone else's SecSign ID login. Five anonymous `POST /api/login/secsign`
 * naming a victim's SecSign ID used to lock it for ten minutes, for everyone. Now the limit is
 * keyed on (SecSign ID, address) and counts only failures of the person (denied, expired), not
 * requests; an outage of the ID server counts nothing (issue 14, item 5).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { AuthSessionState } from '../../../server/secsign/types.js';
import { LIMITS } from '../../../server/domain/login/rate-limit.js';
import { startFixture, type Fixture } from '../login/fixture.js';

let f: Fixture;
before(async () => {
  f = await startFixture();
});
after(() => f.close());

const ATTACKER = '198.51.100.66';
const VICTIM = '203.0.113.20';

test("requests naming a victim's SecSign ID do not lock the victim", async () => {
  const attacker = f.client(ATTACKER);
  for (let i = 0; i < LIMITS.secsign.maxFailures + 3; i++) {
    const r = await attacker.post('/api/login/secsign', { secSignId: 'bob.sec' });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    f.sim.reset(); // the ID server would freeze the ID after several open requests
    f.sim.registerId('bob.sec');
  }
  const victim = await f.client(VICTIM).post('/api/login/secsign', { secSignId: 'bob.sec' });
  assert.equal(victim.status, 200, JSON.stringify(victim.body));
});

test('denials lock that ID only from the address they came from', async () => {
  const attacker = f.client(ATTACKER);
  for (let i = 0; i < LIMITS.secsign.maxFailures; i++) {
    const start = await attacker.post('/api/login/secsign', { secSignId: 'alice.sec' });
    assert.equal(start.status, 200, JSON.stringify(start.body));
    f.phone('alice.sec', AuthSessionState.DENIED);
    const poll = await attacker.post('/api/login/secsign/status', {
      transaction: start.body.transaction,
    });
    assert.equal(poll.body.error.code, 'secsign_denied');
    f.sim.reset(); // (the ID server would freeze the ID after several requests in a row)
    f.sim.registerId('alice.sec');
  }
  const locked = await attacker.post('/api/login/secsign', { secSignId: 'alice.sec' });
  assert.equal(locked.status, 429);
  const elsewhere = await f.client(VICTIM).post('/api/login/secsign', { secSignId: 'alice.sec' });
  assert.equal(elsewhere.status, 200, JSON.stringify(elsewhere.body));
});
