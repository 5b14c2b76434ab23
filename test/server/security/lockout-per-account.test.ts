/**
 * Threat (password guessing past the limit): with a directory whose user filter takes the user
 * name *or* the e-mail address, the lock-out counted each typed spelling apart — five wrong
 * passwords locked `frank`, and `frank@example.test` got five more (issue 23, item 10). Now, once
 * the directory has named the account, the attempt counts against the account too: the spellings
 * share one budget. Real app, real slapd.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CLI_ACTOR } from '../../../server/domain/actor.js';
import { addDirectory } from '../../../server/directories/directory-service.js';
import { secretBoxFor } from '../../../server/directories/open-directory.js';
import { LIMITS } from '../../../server/domain/login/rate-limit.js';
import {
  BASE_DN,
  SERVICE_DN,
  SERVICE_PASSWORD,
  startSlapd,
  type Slapd,
} from '../../support/slapd.js';
import { INSIDE, startFixture, type Fixture } from '../login/fixture.js';
import { GROUPS, LDAP_PASSWORD, SEED } from '../directories/ldap-seed.js';

const SECRET_KEY = 'k'.repeat(40);
let f: Fixture;
let ldap: Slapd;

before(async () => {
  ldap = await startSlapd({ seed: SEED, online: GROUPS });
  f = await startFixture({ config: { secretKey: SECRET_KEY } });
  await addDirectory(f.db, f.clock, secretBoxFor({ secretKey: SECRET_KEY }), CLI_ACTOR, 'ldap', {
    name: 'Corporate LDAP',
    url: ldap.url,
    allowPlain: true,
    bindDn: SERVICE_DN,
    bindPassword: SERVICE_PASSWORD,
    baseDn: BASE_DN,
    userFilter: '(&(objectClass=inetOrgPerson)(|(uid={username})(mail={username})))',
    timeoutMs: 2000,
  });
});
after(async () => {
  await f?.close();
  await ldap?.dispose();
});

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
