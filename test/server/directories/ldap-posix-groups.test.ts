/**
 * Against a real slapd with POSIX groups (`posixGroup`, `memberUid={username}`: what Jira's
 * "OpenLDAP (Read Only Posix Schema)" uses) and a user filter that takes the user name or the
 * e-mail address:
 * - the group filter gets the directory's own user name (the entry's user-name attribute), not the
 *   name as typed: `Erin` and `erin@example.test` used to find erin (uid matching ignores case, the
 *   filter takes the e-mail) but no groups — `memberUid` is case-sensitive — so an administrator
 *   who typed her name in another case signed in as a plain user (issue 23, item 9);
 * - a wrong password and an unknown name cost the same LDAP binds, so the round trips do not tell
 *   which names exist (issue 23, "also to settle"). The binds are counted on ldapts' client.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from 'ldapts';
import { createLdapDirectory } from '../../../server/directories/ldap/ldap-directory.js';
import { BASE_DN, startSlapd, type Slapd } from '../../support/slapd.js';
import { GROUPS, LDAP_PASSWORD, SEED, ldapSettings } from './ldap-seed.js';

const POSIX_GROUPS = [
  `dn: cn=jira-administrators,ou=groups,${BASE_DN}`,
  'objectClass: posixGroup',
  'cn: jira-administrators',
  'gidNumber: 5001',
  'memberUid: erin',
  '',
  `dn: cn=jira-software-users,ou=groups,${BASE_DN}`,
  'objectClass: posixGroup',
  'cn: jira-software-users',
  'gidNumber: 5002',
  'memberUid: erin',
  'memberUid: frank',
  '',
].join('\n');

let server: Slapd;
before(async () => {
  server = await startSlapd({ seed: SEED, online: `${GROUPS}\n${POSIX_GROUPS}` });
});
after(async () => {
  await server?.dispose();
});

const posix = () =>
  createLdapDirectory(
    'posix',
    ldapSettings(server, {
      userFilter: '(&(objectClass=inetOrgPerson)(|(uid={username})(mail={username})))',
      groupSource: 'search',
      groupBaseDn: `ou=groups,${BASE_DN}`,
      groupFilter: '(&(objectClass=posixGroup)(memberUid={username}))',
      adminGroup: 'jira-administrators',
    }),
  );

for (const typed of ['erin', 'Erin', 'ERIN', 'erin@example.test', 'Erin@Example.test']) {
  test(`"${typed}" gets erin's POSIX groups and the admin role`, async () => {
    const r = await posix().verify(typed, LDAP_PASSWORD);
    assert.ok(r.status === 'ok', JSON.stringify(r));
    assert.equal(r.user.username, 'erin');
    assert.deepEqual([...r.user.groups].sort(), ['jira-administrators', 'jira-software-users']);
    assert.equal(r.user.admin, true);
  });
}

test('a wrong password costs the same binds as an unknown name', async (t) => {
  let binds = 0;
  // ldapts' own bind, counted (the library's method; nothing of ours is replaced).
  const bind = Object.getOwnPropertyDescriptor(Client.prototype, 'bind')!.value as (
    this: Client,
    ...args: Parameters<Client['bind']>
  ) => ReturnType<Client['bind']>;
  t.mock.method(
    Client.prototype,
    'bind',
    function (this: Client, ...args: Parameters<Client['bind']>) {
      binds += 1;
      return bind.apply(this, args);
    },
  );
  const count = async (name: string) => {
    binds = 0;
    const r = await posix().verify(name, 'not the password');
    return { status: r.status, binds };
  };
  const wrong = await count('erin');
  const unknown = await count('nobody-here');
  assert.equal(wrong.status, 'wrong_password');
  assert.equal(unknown.status, 'unknown_user');
  assert.equal(wrong.binds, unknown.binds, JSON.stringify({ wrong, unknown }));
});
