/**
 * Threat (denial of service behind a NAT): outside in 2FA, one password+code attempt
 * (server/domain/login/steps/password-with-code.ts) was counted twice against the address — once by the
 * password's counter, once by the code's, both keyed `ip:<address>` — so the address locked after
 * 10 attempts where the README promises 20; and the code's address lock, unlike the password's,
 * refused user names that never failed there. Ten mistyped attempts from a hotel's or a carrier's
 * NAT locked everyone's code sign-in at that address for 15 minutes (issue 23, item 11). Now one
 * attempt counts once, and a user who never failed from the address gets in.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { addressKey } from '../../../server/domain/login/rate-limit.js';
import type { Fixture } from '../login/fixture.js';
import { enrolTotp, PASSWORD, startFactorsFixture } from '../factors/helpers.js';

const NAT = '198.51.100.77'; // outside: a hotel's address, shared by many guests

let f: Fixture;
let recoveryCodes: string[];
before(async () => {
  f = await startFactorsFixture({ twoStep: false });
  ({ recoveryCodes } = (await enrolTotp(f, await f.signIn('carol'))) as {
    recoveryCodes: string[];
  });
});
after(() => f.close());

test('ten attempts with made-up names do not lock out a real user at the same address', async () => {
  for (let i = 0; i < 10; i++) {
    const res = await f.client(NAT).post('/api/login/password', {
      username: `guest${i}`,
      password: 'made up',
      second: { factor: 'recovery_code', code: 'aaaaa-aaaaa' },
    });
    assert.equal(res.status, 401, `attempt ${i + 1}: ${JSON.stringify(res.body)}`);
  }
  const carol = await f.client(NAT).post('/api/login/password', {
    username: 'carol',
    password: PASSWORD,
    second: { factor: 'recovery_code', code: recoveryCodes[0] },
  });
  assert.equal(carol.status, 200, JSON.stringify(carol.body));
  assert.equal((carol.body as { status: string }).status, 'signed_in');
  const rs = await f.db.execute({
    sql: 'SELECT failures FROM rate_limits WHERE key = ?',
    args: [addressKey(NAT)],
  });
  // Carol's right password and code gave her attempt back: the ten made-up ones remain.
  assert.equal(Number(rs.rows[0]?.failures), 10, 'one attempt, one count against the address');
});
