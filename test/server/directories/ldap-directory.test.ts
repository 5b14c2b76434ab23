/**
 * The LDAP directory against a real OpenLDAP slapd (Debian's package, started on loopback by
 * test/support/slapd.ts): search-then-bind with the service account, wrong and empty passwords,
 * unknown users, LDAP injection in the user name, a filter that matches two entries, groups and
 * the admin group, the SecSign ID attribute, a server that stops mid-test, and plain LDAP refused
 * unless allowed.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createLdapDirectory } from '../../../server/directories/ldap/ldap-directory.js';
import { BASE_DN } from '../../support/slapd.js';
import { startSlapd, type Slapd } from '../../support/slapd.js';
import { GROUPS, LDAP_PASSWORD, SEED, ldapSettings } from './ldap-seed.js';

let server: Slapd;

before(async () => {
  server = await startSlapd({ seed: SEED, online: GROUPS });
});
after(async () => {
  await server?.dispose();
});

describe('LDAP directory: search, then bind as the entry', () => {
  test('the right password: ok, with names, e-mail, groups and the admin group', async () => {
    const dir = createLdapDirectory('ldap-1', ldapSettings(server));
    const r = await dir.verify('erin', LDAP_PASSWORD);
    assert.equal(r.status, 'ok');
    assert.ok(r.status === 'ok');
    assert.equal(r.user.username, 'erin');
    assert.equal(r.user.displayName, 'Erin Example');
    assert.equal(r.user.email, 'erin@example.test');
    assert.deepEqual([...r.user.groups].sort(), ['IPSafeZone Admins', 'Jira Users']);
    assert.equal(r.user.admin, true);
    assert.equal(r.user.secSignId, undefined, 'no SecSign ID attribute configured');
    assert.equal(r.user.disabled, false);
  });

  test('a member of other groups only is not an administrator', async () => {
    const r = await createLdapDirectory('l', ldapSettings(server)).verify('frank', LDAP_PASSWORD);
    assert.ok(r.status === 'ok');
    assert.deepEqual(r.user.groups, ['Jira Users']);
    assert.equal(r.user.admin, false);
  });

  test('no admin group configured: the directory does not decide the role', async () => {
    const dir = createLdapDirectory('l', ldapSettings(server, { adminGroup: '' }));
    const r = await dir.verify('erin', LDAP_PASSWORD);
    assert.ok(r.status === 'ok');
    assert.equal(r.user.admin, null);
  });

  test('the admin group given as a DN matches too', async () => {
    const adminGroup = `CN=IPSafeZone Admins, OU=groups, ${BASE_DN}`;
    const r = await createLdapDirectory('l', ldapSettings(server, { adminGroup })).verify(
      'erin',
      LDAP_PASSWORD,
    );
    assert.ok(r.status === 'ok');
    assert.equal(r.user.admin, true);
  });

  test('groups from a group search instead of memberOf', async () => {
    const dir = createLdapDirectory(
      'l',
      ldapSettings(server, {
        groupSource: 'search',
        groupBaseDn: `ou=groups,${BASE_DN}`,
        groupFilter: '(&(objectClass=groupOfNames)(member={dn}))',
      }),
    );
    const r = await dir.verify('erin', LDAP_PASSWORD);
    assert.ok(r.status === 'ok');
    assert.deepEqual([...r.user.groups].sort(), ['IPSafeZone Admins', 'Jira Users']);
    assert.equal(r.user.admin, true);
  });

  test('the SecSign ID from a configured attribute (null when the entry has none)', async () => {
    const dir = createLdapDirectory(
      'l',
      ldapSettings(server, { secSignIdAttribute: 'employeeNumber' }),
    );
    const erin = await dir.verify('erin', LDAP_PASSWORD);
    assert.ok(erin.status === 'ok');
    assert.equal(erin.user.secSignId, 'erin.sec');
    const frank = await dir.verify('frank', LDAP_PASSWORD);
    assert.ok(frank.status === 'ok');
    assert.equal(frank.user.secSignId, null);
  });

  test('the user name as the directory spells it, whatever case was typed', async () => {
    const r = await createLdapDirectory('l', ldapSettings(server)).verify('ERIN', LDAP_PASSWORD);
    assert.ok(r.status === 'ok');
    assert.equal(r.user.username, 'erin');
  });
});

describe('LDAP directory: refusals', () => {
  const dir = () => createLdapDirectory('l', ldapSettings(server));

  test('a wrong password: wrong_password', async () => {
    assert.deepEqual(await dir().verify('ERIN', 'not it'), {
      status: 'wrong_password',
      username: 'erin', // the entry's own name: the lock-out counts per account
    });
  });

  test('an unknown user: unknown_user (the next directory may know them)', async () => {
    assert.deepEqual(await dir().verify('nobody', LDAP_PASSWORD), { status: 'unknown_user' });
  });

  test('an empty password is refused before LDAP is asked (it would be an anonymous bind)', async () => {
    // Proven by a directory that cannot be reached: the answer comes without trying.
    const unreachable = createLdapDirectory(
      'l',
      ldapSettings(server, { url: 'ldap://127.0.0.1:1' }),
    );
    assert.deepEqual(await unreachable.verify('erin', ''), { status: 'wrong_password' });
    assert.deepEqual(await dir().verify('erin', ''), { status: 'wrong_password' });
  });

  for (const name of ['*)(uid=*', '*', 'erin)(|(uid=*', 'eri*', '\\2a', 'erin\u0000']) {
    test(`LDAP injection in the user name (${JSON.stringify(name)}) finds nobody`, async () => {
      assert.deepEqual(await dir().verify(name, LDAP_PASSWORD), { status: 'unknown_user' });
    });
  }

  test('a filter that matches two entries: refused as unavailable, never one picked', async () => {
    const r = await dir().verify('twin', LDAP_PASSWORD);
    assert.equal(r.status, 'unavailable');
    assert.match(r.status === 'unavailable' ? r.reason : '', /refuses to pick one/);
    await assert.rejects(dir().lookup('twin'), /refuses to pick one/);
  });

  test('a wrong service-account password: unavailable, with a reason an admin can act on', async () => {
    const bad = createLdapDirectory('l', ldapSettings(server, { bindPassword: 'wrong' }));
    const r = await bad.verify('erin', LDAP_PASSWORD);
    assert.equal(r.status, 'unavailable');
    assert.match(r.status === 'unavailable' ? r.reason : '', /service account/);
    await assert.rejects(bad.testConnection(), /service account/);
  });

  test('plain LDAP is refused unless explicitly allowed', async () => {
    const plain = createLdapDirectory('l', ldapSettings(server, { allowPlain: false }));
    const r = await plain.verify('erin', LDAP_PASSWORD);
    assert.equal(r.status, 'unavailable');
    assert.match(r.status === 'unavailable' ? r.reason : '', /Plain LDAP is not allowed/);
  });
});

describe('LDAP directory: test connection and test a user', () => {
  test('testConnection says where it connected, lookup shows what was found', async () => {
    const dir = createLdapDirectory('l', ldapSettings(server));
    assert.match(await dir.testConnection(), /bound as cn=ipsafezone/);
    const found = await dir.lookup('frank');
    assert.equal(found.found, true);
    assert.equal(found.reference, `uid=frank,ou=people,${BASE_DN}`);
    assert.equal(found.user?.email, 'frank@example.test');
    assert.deepEqual(await dir.lookup('nobody'), { found: false });
  });
});

describe('LDAP directory: the server goes away', () => {
  test('a stopped server: unavailable (then back to ok once it runs again)', async () => {
    const dir = createLdapDirectory('l', ldapSettings(server));
    assert.equal((await dir.verify('frank', LDAP_PASSWORD)).status, 'ok');
    await server.stop();
    try {
      const r = await dir.verify('frank', LDAP_PASSWORD);
      assert.equal(r.status, 'unavailable');
      await assert.rejects(dir.testConnection(), /refused the connection/);
    } finally {
      await server.start();
    }
    assert.equal((await dir.verify('frank', LDAP_PASSWORD)).status, 'ok');
  });
});
