/**
 * Threat (denial of service): one office behind one NAT address. About twenty typos from that
 * address used to lock out every user there for fifteen minutes. Now the address limit still
 * stops one address from spraying many names with many guesses, but a name that has not failed
 * from that address is not locked out by it: the colleague who types the right password gets in
 * (issue 14, item 6). A name that did fail there stays refused while the address is locked.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { LIMITS } from '../../../server/domain/login/rate-limit.js';
import { startFixture, PASSWORD, type Fixture } from '../login/fixture.js';

let f: Fixture;
before(async () => {
  f = await startFixture();
});
after(() => f.close());

const NAT = '10.1.200.1'; // inside the Office zone: everyone there shares this address

test('typos from a shared address do not lock out a colleague with the right password', async () => {
  const office = f.client(NAT);
  const typos = ['alise', 'bobb', 'carl', 'dav', 'bob'];
  for (let i = 0; i < LIMITS.address.maxFailures + 2; i++) {
    const r = await office.post('/api/login/password', {
      username: typos[i % typos.length]!,
      password: `typo ${i}`,
    });
    assert.ok([401, 429].includes(r.status), String(r.status));
  }
  const locked = await office.post('/api/login/password', { username: 'bob', password: PASSWORD });
  assert.equal(locked.status, 429, 'bob failed from here: refused while the address is locked');
  const colleague = await f
    .client(NAT)
    .post('/api/login/password', { username: 'carol', password: PASSWORD });
  assert.equal(colleague.status, 200, JSON.stringify(colleague.body));
  assert.equal(colleague.body.status, 'signed_in');
});
