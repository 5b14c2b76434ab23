// The traps peers fell into (docs: lessons-from-peers.md, items 1-4 and 9), one named test each.
// Each builds the resolver from the environment as the server does, then plays the attack.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ClientAddressConfigError,
  createClientAddressResolver,
  readClientAddressConfig,
  type ClientAddressResolver,
} from '../../../server/client-address/index.js';

function resolverFrom(env: Record<string, string | undefined>): ClientAddressResolver {
  return createClientAddressResolver(readClientAddressConfig(env));
}

function request(peer: string, headers: Record<string, string>) {
  return { peer, header: (name: string) => headers[name.toLowerCase()] };
}

describe('lesson 1: leftmost X-Forwarded-For (authelia#1787, keycloak#13261)', () => {
  const resolve = resolverFrom({ IPSAFEZONE_TRUSTED_PROXIES: '10.0.0.5' });

  test('an inside address the client wrote on the left is not believed behind a trusted proxy', () => {
    const r = resolve(request('10.0.0.5', { 'x-forwarded-for': '10.1.2.3, 203.0.113.7' }));
    assert.equal(r.ip, '203.0.113.7');
  });

  test('an inside address the client sends directly (peer untrusted) is ignored', () => {
    const r = resolve(request('203.0.113.7', { 'x-forwarded-for': '10.1.2.3' }));
    assert.equal(r.ip, '203.0.113.7');
    assert.equal(r.source, 'socket');
  });

  test('with no trusted proxy configured, no header is ever believed', () => {
    const r = resolverFrom({})(request('203.0.113.7', { 'x-forwarded-for': '10.1.2.3' }));
    assert.equal(r.ip, '203.0.113.7');
  });
});

describe('lesson 2: rightmost without trust, ports not parsed (authentik#25393, #25679)', () => {
  const resolve = resolverFrom({ IPSAFEZONE_TRUSTED_PROXIES: '10.0.0.0/24' });

  test('the client behind a trusted proxy is not the proxy', () => {
    const r = resolve(request('::ffff:10.0.0.5', { 'x-forwarded-for': '203.0.113.7' }));
    assert.equal(r.ip, '203.0.113.7');
    assert.notEqual(r.ip, '10.0.0.5');
  });

  test('two clients behind the same proxy get two addresses', () => {
    const a = resolve(request('10.0.0.5', { 'x-forwarded-for': '203.0.113.7' }));
    const b = resolve(request('10.0.0.5', { 'x-forwarded-for': '198.51.100.8' }));
    assert.notEqual(a.ip, b.ip);
  });

  test('ports inside entries are parsed, IPv4 and bracketed IPv6', () => {
    assert.equal(
      resolve(request('10.0.0.5', { 'x-forwarded-for': '203.0.113.7:51234' })).ip,
      '203.0.113.7',
    );
    assert.equal(
      resolve(request('10.0.0.5', { 'x-forwarded-for': '[2001:db8::7]:51234' })).ip,
      '2001:db8::7',
    );
  });
});

describe('lesson 3: two header families (keycloak#23431)', () => {
  const both = {
    'x-forwarded-for': '10.1.2.3',
    forwarded: 'for=203.0.113.7',
    'x-real-ip': '10.1.2.4',
  };

  test('configured Forwarded: the X-Forwarded-For and X-Real-IP a client added are not read', () => {
    const resolve = resolverFrom({
      IPSAFEZONE_TRUSTED_PROXIES: '10.0.0.5',
      IPSAFEZONE_CLIENT_IP_HEADER: 'Forwarded',
    });
    const r = resolve(request('10.0.0.5', both));
    assert.equal(r.ip, '203.0.113.7');
    assert.equal(r.source, 'forwarded');
  });

  test('configured X-Forwarded-For: a forged Forwarded is not read', () => {
    const resolve = resolverFrom({ IPSAFEZONE_TRUSTED_PROXIES: '10.0.0.5' });
    const r = resolve(
      request('10.0.0.5', { 'x-forwarded-for': '203.0.113.7', forwarded: 'for=10.1.2.3' }),
    );
    assert.equal(r.ip, '203.0.113.7');
    assert.equal(r.source, 'x-forwarded-for');
  });

  test('the configured header missing: the peer, not the other family', () => {
    const resolve = resolverFrom({
      IPSAFEZONE_TRUSTED_PROXIES: '10.0.0.5',
      IPSAFEZONE_CLIENT_IP_HEADER: 'x-real-ip',
    });
    const r = resolve(
      request('10.0.0.5', { 'x-forwarded-for': '10.1.2.3', forwarded: 'for=10.1.2.3' }),
    );
    assert.equal(r.ip, '10.0.0.5');
    assert.equal(r.source, 'socket');
  });
});

describe('lesson 4: address formats (duo_unix PR #392, #404)', () => {
  test('IPv6 literals in entries are addresses, not host names', () => {
    const resolve = resolverFrom({ IPSAFEZONE_TRUSTED_PROXIES: '::1' });
    assert.equal(resolve(request('::1', { 'x-forwarded-for': '2001:DB8::0:7' })).ip, '2001:db8::7');
  });

  test('a host name in a trusted-proxy entry is refused at start-up, not silently ignored', () => {
    assert.throws(
      () => readClientAddressConfig({ IPSAFEZONE_TRUSTED_PROXIES: 'proxy.internal' }),
      /IPSAFEZONE_TRUSTED_PROXIES: entry 1 "proxy.internal" is not an IP address or CIDR: host names are refused/,
    );
  });

  test('a host name in a forwarding header is not an address', () => {
    const resolve = resolverFrom({ IPSAFEZONE_TRUSTED_PROXIES: '10.0.0.5' });
    const r = resolve(request('10.0.0.5', { 'x-forwarded-for': 'intranet.example' }));
    assert.equal(r.ip, '10.0.0.5');
    assert.equal(r.stoppedBy, 'malformed_hop');
  });

  test('an IPv4-mapped peer (server bound to ::) is IPv4 and matches an IPv4 trusted proxy', () => {
    const resolve = resolverFrom({ IPSAFEZONE_TRUSTED_PROXIES: '127.0.0.1' });
    const r = resolve(request('::ffff:127.0.0.1', { 'x-forwarded-for': '::ffff:10.1.2.3' }));
    assert.equal(r.ip, '10.1.2.3');
    assert.equal(r.source, 'x-forwarded-for');
  });

  test('an IPv4-mapped trusted-proxy entry matches the IPv4 peer', () => {
    const resolve = resolverFrom({ IPSAFEZONE_TRUSTED_PROXIES: '::ffff:10.0.0.1' });
    assert.equal(
      resolve(request('10.0.0.1', { 'x-forwarded-for': '203.0.113.7' })).ip,
      '203.0.113.7',
    );
  });

  for (const legacy of ['10.1', '012.0.0.1', '0x0a.0.0.1', '167772161'])
    test(`legacy IPv4 form ${legacy} is refused as a trusted proxy`, () => {
      assert.throws(
        () => readClientAddressConfig({ IPSAFEZONE_TRUSTED_PROXIES: legacy }),
        (e: unknown) => e instanceof ClientAddressConfigError && e.entry === legacy,
      );
    });

  for (const legacy of ['10.1', '012.0.0.1', '0x0a.0.0.1'])
    test(`legacy IPv4 form ${legacy} in a header is not an address`, () => {
      const resolve = resolverFrom({ IPSAFEZONE_TRUSTED_PROXIES: '10.0.0.5' });
      assert.equal(resolve(request('10.0.0.5', { 'x-forwarded-for': legacy })).ip, '10.0.0.5');
    });
});

describe('lesson 9: configuration friction (authentik#9720)', () => {
  test('the one format: comma-separated addresses and CIDRs, spaces allowed', () => {
    const config = readClientAddressConfig({
      IPSAFEZONE_TRUSTED_PROXIES: ' 10.0.0.0/8 ,127.0.0.1, ::1,fd00::/8, ::ffff:10.0.0.1 ',
    });
    assert.deepEqual(config.trustedProxies, [
      '10.0.0.0/8',
      '127.0.0.1',
      '::1',
      'fd00::/8',
      '::ffff:10.0.0.1',
    ]);
    assert.equal(config.header, 'x-forwarded-for');
  });

  test('a bad entry stops start-up with the variable, the entry number and the entry', () => {
    assert.throws(
      () => readClientAddressConfig({ IPSAFEZONE_TRUSTED_PROXIES: '10.0.0.1, 10.0.0.300' }),
      {
        name: 'ClientAddressConfigError',
        message: 'IPSAFEZONE_TRUSTED_PROXIES: entry 2 "10.0.0.300" is not an IP address or CIDR.',
      },
    );
  });

  test('a header setting without trusted proxies is refused: it would do nothing', () => {
    assert.throws(
      () => readClientAddressConfig({ IPSAFEZONE_CLIENT_IP_HEADER: 'forwarded' }),
      /IPSAFEZONE_CLIENT_IP_HEADER: is set to "forwarded" but IPSAFEZONE_TRUSTED_PROXIES is empty/,
    );
  });

  test('the resolved address comes with a sentence saying why, for the admin page', () => {
    const resolve = resolverFrom({ IPSAFEZONE_TRUSTED_PROXIES: '10.0.0.0/8' });
    const r = resolve(
      request('10.0.0.5', { 'x-forwarded-for': '198.51.100.1, 203.0.113.7, 10.0.0.4' }),
    );
    assert.equal(
      r.reason,
      'peer 10.0.0.5 is a trusted proxy; x-forwarded-for hop 2 of 3 (203.0.113.7) is the first untrusted hop',
    );
  });
});
