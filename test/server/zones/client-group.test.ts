/**
 * The client address groups (server/zones/client-group.ts) the rate limiter counts by and the
 * aggregated audit aggregates by: IPv4 per address (an IPv4-mapped IPv6 address is its IPv4
 * address), IPv6 per /64 and, for the audit, per /48; keys stable, labels in RFC 5952 text.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clientGroup, siteGroup } from '../../../server/zones/client-group.js';

test('IPv4 per address, in one spelling', () => {
  assert.deepEqual(clientGroup('10.1.2.3'), {
    key: 'ip:10.1.2.3',
    label: '10.1.2.3',
    prefix: false,
  });
  assert.equal(clientGroup('::ffff:10.1.2.3').key, 'ip:10.1.2.3');
  assert.equal(siteGroup('10.1.2.3'), null);
});

test('IPv6 per /64: every address of it in one group, named by its prefix', () => {
  const a = clientGroup('2001:db8:66:1:1000::1');
  assert.deepEqual(a, {
    key: 'ip6:20010db8:660001::/64',
    label: '2001:db8:66:1::/64',
    prefix: true,
  });
  assert.equal(clientGroup('2001:DB8:66:1:ffff:ffff:ffff:ffff').key, a.key);
  assert.notEqual(clientGroup('2001:db8:66:2::1').key, a.key);
  assert.equal(clientGroup('2001:db8::1').label, '2001:db8::/64');
});

test('IPv6 per /48 for the site', () => {
  assert.deepEqual(siteGroup('2001:db8:7:abcd::1'), {
    key: 'ip6:20010db8:7::/48',
    label: '2001:db8:7::/48',
    prefix: true,
  });
  assert.equal(siteGroup('2001:db8:7:1::1')!.key, siteGroup('2001:db8:7:ffff::2')!.key);
  assert.equal(siteGroup('2001:db8:ffff:1::1')!.label, '2001:db8:ffff::/48');
});

test('unknown addresses share one group', () => {
  assert.equal(clientGroup(null).key, 'ip:unknown');
  assert.equal(clientGroup('not an address').key, 'ip:unknown');
  assert.equal(siteGroup(null), null);
});
