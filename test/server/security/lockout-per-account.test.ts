/**
 * Threat (password guessing past the limit): with a directory whose user filter takes the user
 * name *or* the e-mail address, the lock-out counted each typed spelling apart — five wrong
 * passwords locked `frank`, and `frank@example.test` got five more (issue 23, item 10). Now, once
 * the directory has named the account, the attempt counts against the account too: the spellings
 * share one budget. Real app, real slapd.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { LIMITS } from '../../../server/domain/login/rate-limit.js';
import {
  startLdapDirectoryFixture,
  type LdapDirectoryFixture,
} from '../../support/ldap-directory-fixture.js';
import { INSIDE, type Fixture } from '../login/fixture.js';
import { LDAP_PASSWORD } from '../directories/ldap-seed.js';

const SECRET_KEY = 'k'.repeat(40);
let fx: LdapDirectoryFixture;
let f: Fixture;

before(async () => {
  fx = await startLdapDirectoryFixture({
    secretKey: SECRET_KEY,
    directory: {
      userFilter: '(&(objectClass=inetOrgPerson)(|(uid={username})(mail={username})))',
      timeoutMs: 2000,
    },
  });
  f = fx.f;
});
after(() => fx?.close());

test('the user name and the e-mail share one lock-out budget', async () => {
  // Each attempt from an address of its own: only the per-user limit is at work.
  let n = 0;
  const attempt = (username: string, password: string) =>
    f.client(`10.1.9.${++n}`).post('/api/login/password', { username, password });
  const spellings = ['frank', 'frank@example.test', 'Frank', 'FRANK@example.test'];
  const statuses: number[] = [];
  for (let i = 0; i < LIMITS.user.maxFailures; i++) {
    statuses.push((await attempt(spellings[i % spellings.length]!, `wrong ${i}`)).status);
  }
  assert.deepEqual(statuses, Array(LIMITS.user.maxFailures).fill(401));
  for (const spelling of spellings) {
    const res = await attempt(spelling, LDAP_PASSWORD);
    assert.equal(res.status, 429, `${spelling}: the account is locked`);
  }
  // After the lock, the account signs in by either spelling.
  f.clock.advance(16 * 60_000);
  const ok = await f.client(INSIDE).post('/api/login/password', {
    username: 'frank@example.test',
    password: LDAP_PASSWORD,
  });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
});
