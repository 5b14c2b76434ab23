/**
 * The people and groups of the test directory, and the directory settings that find them, shared
 * by the LDAP directory tests and the login tests with a directory user.
 */
import type { LdapSettings } from '../../../server/directories/ldap/ldap-settings.js';
import { BASE_DN, SERVICE_DN, SERVICE_PASSWORD, type Slapd } from '../../support/slapd.js';

export const LDAP_PASSWORD = 'ldap password 1';

const person = (ou: string, uid: string, cn: string, extra: string[] = []) =>
  [
    `dn: uid=${uid},ou=${ou},${BASE_DN}`,
    'objectClass: inetOrgPerson',
    `uid: ${uid}`,
    `cn: ${cn}`,
    `sn: ${cn.split(' ').pop()}`,
    `displayName: ${cn}`,
    `mail: ${uid}@example.test`,
    `userPassword: plain:${LDAP_PASSWORD}`,
    ...extra,
    '',
  ].join('\n');

/** Two OUs; "twin" lives in both (a filter on uid matches two entries). */
export const SEED = [
  `dn: ou=people,${BASE_DN}\nobjectClass: organizationalUnit\nou: people\n`,
  `dn: ou=contractors,${BASE_DN}\nobjectClass: organizationalUnit\nou: contractors\n`,
  `dn: ou=groups,${BASE_DN}\nobjectClass: organizationalUnit\nou: groups\n`,
  // employeeNumber stands in for a SecSign ID attribute (inetOrgPerson has no such attribute).
  person('people', 'erin', 'Erin Example', ['employeeNumber: erin.sec']),
  person('people', 'frank', 'Frank Example'),
  person('people', 'twin', 'Twin One'),
  person('contractors', 'twin', 'Twin Two'),
  person('contractors', 'gina', 'Gina Contractor'),
].join('\n');

/** Groups, added once slapd runs so the memberof overlay writes `memberOf` on the members. */
export const GROUPS = [
  `dn: cn=IPSafeZone Admins,ou=groups,${BASE_DN}`,
  'objectClass: groupOfNames',
  'cn: IPSafeZone Admins',
  `member: uid=erin,ou=people,${BASE_DN}`,
  '',
  `dn: cn=Jira Users,ou=groups,${BASE_DN}`,
  'objectClass: groupOfNames',
  'cn: Jira Users',
  `member: uid=erin,ou=people,${BASE_DN}`,
  `member: uid=frank,ou=people,${BASE_DN}`,
  '',
].join('\n');

export function ldapSettings(server: Slapd, overrides: Partial<LdapSettings> = {}): LdapSettings {
  return {
    url: server.url,
    security: 'plain',
    allowPlain: true,
    caPem: '',
    bindDn: SERVICE_DN,
    bindPassword: SERVICE_PASSWORD,
    baseDn: BASE_DN,
    userFilter: '(&(objectClass=inetOrgPerson)(uid={username}))',
    usernameAttribute: 'uid',
    displayNameAttribute: 'displayName',
    emailAttribute: 'mail',
    secSignIdAttribute: '',
    groupSource: 'memberOf',
    groupBaseDn: '',
    groupFilter: '',
    adminGroup: 'IPSafeZone Admins',
    timeoutMs: 2000,
    ...overrides,
  };
}
