// The trusted-proxy list: entries normalise to networks, and membership is exact at the edges of
// each network, for IPv4, IPv6 and IPv4-mapped addresses.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAddress } from '../../../server/zones/address.js';
import {
  compileTrustedProxies,
  parseProxyEntry,
  type ProxyNetwork,
} from '../../../server/client-address/trusted-proxies.js';

function network(entry: string): ProxyNetwork {
  const r = parseProxyEntry(entry);
  assert.ok(r.ok, `${entry}: ${r.ok ? '' : r.problem}`);
  return r.network;
}

describe('parseProxyEntry normalises entries to networks', () => {
  const rows: [entry: string, text: string, family: 4 | 6][] = [
    ['127.0.0.1', '127.0.0.1/32', 4],
    ['10.0.0.0/8', '10.0.0.0/8', 4],
    [' 192.168.1.0/24 ', '192.168.1.0/24', 4],
    ['10.0.0.7/32', '10.0.0.7/32', 4],
    ['::1', '::1/128', 6],
    ['fd00::/8', 'fd00::/8', 6],
    ['2001:DB8:0:0:0:0:0:0/32', '2001:db8::/32', 6],
    ['::ffff:10.0.0.1', '10.0.0.1/32', 4],
    ['::ffff:10.0.0.0/104', '10.0.0.0/8', 4],
    ['::ffff:10.0.0.1/128', '10.0.0.1/32', 4],
    ['0.0.0.0/1', '0.0.0.0/1', 4],
  ];
  for (const [entry, text, family] of rows)
    test(entry, () => {
      const n = network(entry);
      assert.equal(n.text, text);
      assert.equal(n.family, family);
    });
});

describe('membership', () => {
  const trusted = compileTrustedProxies(
    [
      '10.0.0.0/8',
      '127.0.0.1',
      '::1',
      'fd00::/8',
      '::ffff:192.168.1.0/120',
      '2001:db8::/127',
      '2001:db8:8000::/33',
    ].map(network),
  );
  const rows: [address: string, inside: boolean][] = [
    ['10.0.0.0', true],
    ['10.255.255.255', true],
    ['9.255.255.255', false],
    ['11.0.0.0', false],
    ['::ffff:10.1.2.3', true],
    ['127.0.0.1', true],
    ['127.0.0.2', false],
    ['::1', true],
    ['::2', false],
    ['::', false],
    ['fd00::', true],
    ['fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', true],
    ['fe00::', false],
    ['fc00::1', false],
    ['192.168.1.0', true],
    ['192.168.1.255', true],
    ['192.168.2.0', false],
    ['2001:db8::', true],
    ['2001:db8::1', true],
    ['2001:db8::2', false],
    ['2001:db8:8000::', true],
    ['2001:db8:ffff:ffff::1', true],
    ['2001:db8:7fff:ffff::', false],
    ['2001:db9::', false],
    ['::ffff:0a00:0001', true],
    ['::a00:1', false], // IPv4-compatible (deprecated), not mapped: an IPv6 address
  ];
  for (const [text, inside] of rows)
    test(`${text} ${inside ? 'is' : 'is not'} trusted`, () => {
      const a = parseAddress(text);
      assert.ok(a, text);
      assert.equal(trusted.has(a), inside);
    });

  test('an empty list trusts nothing', () => {
    const none = compileTrustedProxies([]);
    assert.equal(none.size, 0);
    assert.equal(none.has(parseAddress('127.0.0.1')!), false);
  });

  test('/1 networks split the space exactly in half', () => {
    const low = compileTrustedProxies([network('0.0.0.0/1'), network('::/1')]);
    assert.equal(low.has(parseAddress('127.255.255.255')!), true);
    assert.equal(low.has(parseAddress('128.0.0.0')!), false);
    assert.equal(low.has(parseAddress('7fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff')!), true);
    assert.equal(low.has(parseAddress('8000::')!), false);
  });
});
