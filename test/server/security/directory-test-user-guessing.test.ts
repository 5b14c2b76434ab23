/**
 * Threat (password guessing through the admin page): "Test a user" with a password (`POST
 * /api/admin/directories/:id/test-user`) checked a directory user's password — their company-wide
 * LDAP or Crowd password — as often as asked, counted nowhere and audited nowhere. An
 * administrator, a second administrator, or whoever holds an administrator's session could guess
 * any directory account's password without limit and without a trace, past the sign-in's
 * lock-out. Now each check is counted as a sign-in attempt would be (the name, the account the
 * directory named, the address: five wrong, then 429 for everyone, the sign-in too) and every test
 * is audited (`directory.test_user`, with the actor, the name and the outcome — never a password).
 * Real app over HTTP, real slapd.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { LIMITS } from '../../../server/domain/login/rate-limit.js';
import { SERVICE_PASSWORD, type Slapd } from '../../support/slapd.js';
import {
  corporateLdap,
  startLdapDirectoryFixture,
  type LdapDirectoryFixture,
} from '../../support/ldap-directory-fixture.js';
import { INSIDE, type Fixture } from '../login/fixture.js';
import { LDAP_PASSWORD } from '../directories/ldap-seed.js';

const SECRET_KEY = 'k'.repeat(40);
let fx: LdapDirectoryFixture;
let f: Fixture;
let ldap: Slapd;

before(async () => {
  fx = await startLdapDirectoryFixture({ secretKey: SECRET_KEY, directory: false });
  ({ f, ldap } = fx);
});
after(() => fx?.close());

test('"Test a user" with a password counts like a sign-in, is locked like one and is audited', async () => {
  const admin = await f.signIn('alice', INSIDE);
  const created = await admin.post(
    '/api/admin/directories/ldap',
    corporateLdap(ldap, { timeoutMs: 2000 }),
  );
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const path = `/api/admin/directories/${created.body.directory.id}/test-user`;

  // A look-up without a password is no guess: answered, audited, counted nowhere.
  const lookup = await admin.post(path, { username: 'erin' });
  assert.equal(lookup.status, 200);
  assert.equal(lookup.body.lookup.found, true);

  const guesses = Array.from({ length: LIMITS.user.maxFailures }, (_, i) => `guess ${i}`);
  for (const password of guesses) {
    const res = await admin.post(path, { username: 'erin', password });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.passwordCheck, 'wrong_password');
  }
  // The next check — the right password included — is refused as a sign-in would be.
  const locked = await admin.post(path, { username: 'erin', password: LDAP_PASSWORD });
  assert.equal(locked.status, 429, JSON.stringify(locked.body));
  assert.equal(locked.body.error.code, 'too_many_attempts');
  assert.equal(locked.body.passwordCheck, undefined);
  // One budget with the sign-in: erin's own sign-in, from elsewhere in the office, waits too.
  const signIn = await f
    .client('10.1.77.7')
    .post('/api/login/password', { username: 'erin', password: LDAP_PASSWORD });
  assert.equal(signIn.status, 429, JSON.stringify(signIn.body));

  const audit = await admin.get('/api/admin/audit?action=directory.test_user&limit=50');
  assert.equal(audit.status, 200);
  const entries = [...audit.body.entries].reverse();
  assert.deepEqual(
    entries.map((e: { outcome: string }) => e.outcome),
    ['found', ...guesses.map(() => 'wrong_password'), 'locked'],
  );
  for (const e of entries) {
    assert.equal(e.actor, 'alice');
    assert.equal(e.username, 'erin');
    assert.equal(e.clientIp, INSIDE);
    assert.equal(e.details.directory, 'Corporate LDAP');
  }
  const everything = JSON.stringify(
    (await f.db.execute('SELECT * FROM audit_log')).rows,
    (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v),
  );
  for (const secret of [LDAP_PASSWORD, SERVICE_PASSWORD, ...guesses]) {
    assert.equal(everything.includes(secret), false, `"${secret}" in the audit log`);
  }

  // A right password after the lock gives the name's count back, as a sign-in does.
  f.clock.advance(16 * 60_000);
  const right = await admin.post(path, { username: 'erin', password: LDAP_PASSWORD });
  assert.equal(right.status, 200);
  assert.equal(right.body.passwordCheck, 'ok');
  const after = await admin.get('/api/admin/audit?action=directory.test_user&limit=1');
  assert.equal(after.body.entries[0].outcome, 'ok');
});
