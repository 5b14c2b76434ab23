/**
 * The LDAP directory over TLS against a real slapd with a test CA made by openssl: StartTLS and
 * LDAPS with the configured CA work; a server certificate from an unknown CA, or made out to
 * another host name, is refused (unavailable, nobody signs in) — including after StartTLS, where
 * the host name must be checked against the URL's host, not a default.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createLdapDirectory } from '../../../server/directories/ldap/ldap-directory.js';
import { startSlapd, type Slapd } from '../../support/slapd.js';
import { GROUPS, LDAP_PASSWORD, SEED, ldapSettings } from './ldap-seed.js';

let server: Slapd;

before(async () => {
  server = await startSlapd({ seed: SEED, online: GROUPS, tls: true });
});
after(async () => {
  await server?.dispose();
});

const reasonOf = (r: { status: string; reason?: string }) => r.reason ?? '';

describe('LDAP directory over TLS', () => {
  test('StartTLS with the test CA: the right password signs in', async () => {
    const dir = createLdapDirectory(
      'l',
      ldapSettings(server, {
        url: server.localhostUrl,
        security: 'starttls',
        allowPlain: false,
        caPem: server.caPem!,
      }),
    );
    const r = await dir.verify('erin', LDAP_PASSWORD);
    assert.equal(r.status, 'ok');
    assert.match(await dir.testConnection(), /StartTLS/);
  });

  test('LDAPS with the test CA: the right password signs in, a wrong one does not', async () => {
    const dir = createLdapDirectory(
      'l',
      ldapSettings(server, {
        url: server.ldapsUrl!,
        security: 'ldaps',
        allowPlain: false,
        caPem: server.caPem!,
      }),
    );
    assert.equal((await dir.verify('erin', LDAP_PASSWORD)).status, 'ok');
    assert.equal((await dir.verify('erin', 'wrong')).status, 'wrong_password');
  });

  test('a certificate from a CA that is not configured: unavailable', async () => {
    for (const [security, url] of [
      ['starttls', server.localhostUrl],
      ['ldaps', server.ldapsUrl!],
    ] as const) {
      const dir = createLdapDirectory('l', ldapSettings(server, { url, security, caPem: '' }));
      const r = await dir.verify('erin', LDAP_PASSWORD);
      assert.equal(r.status, 'unavailable', security);
      assert.match(reasonOf(r), /certificate/i, security);
    }
  });

  test('StartTLS to a host the certificate is not made out to: unavailable', async () => {
    // The certificate names "localhost" only; the URL says 127.0.0.1.
    const dir = createLdapDirectory(
      'l',
      ldapSettings(server, { url: server.url, security: 'starttls', caPem: server.caPem! }),
    );
    const r = await dir.verify('erin', LDAP_PASSWORD);
    assert.equal(r.status, 'unavailable');
    assert.match(reasonOf(r), /certificate|altnames|IP/i);
  });
});
