// One hop's syntax: X-Forwarded-For entries and RFC 7239 Forwarded elements, read strictly — an
// address only when the strict parser says so, ports stripped, obfuscated identifiers recognised.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseForwardedElement,
  parseForwardedForEntry,
  type Hop,
} from '../../../server/client-address/hop-syntax.js';

/** The hop as a short string: the canonical address, 'obfuscated' or 'malformed'. */
const show = (h: Hop): string => (h.kind === 'address' ? h.ip : h.kind);

describe('X-Forwarded-For entries', () => {
  const rows: [entry: string, expected: string][] = [
    ['203.0.113.7', '203.0.113.7'],
    ['  203.0.113.7\t', '203.0.113.7'],
    ['203.0.113.7:0', '203.0.113.7'],
    ['203.0.113.7:65535', '203.0.113.7'],
    ['203.0.113.7:65536', 'malformed'],
    ['203.0.113.7:123456', 'malformed'],
    ['203.0.113.7:http', 'malformed'],
    ['203.0.113.7:_p', 'malformed'],
    ['2001:db8::7', '2001:db8::7'],
    ['[2001:db8::7]', '2001:db8::7'],
    ['[2001:db8::7]:8443', '2001:db8::7'],
    ['[2001:db8::7]8443', 'malformed'],
    ['[2001:db8::7]:', 'malformed'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['[::ffff:203.0.113.7]:80', '203.0.113.7'],
    ['::', '::'],
    ['unknown', 'obfuscated'],
    ['UNKNOWN', 'obfuscated'],
    ['_hidden', 'malformed'],
    ['', 'malformed'],
    ['10.1', 'malformed'],
    ['010.0.0.1', 'malformed'],
    ['fe80::1%25eth0', 'malformed'],
    ['host.example', 'malformed'],
    ['1.2.3.4.5', 'malformed'],
    ['1.2.3.4 5.6.7.8', 'malformed'],
    ['2001:db8::7:80:90:1:2:3:4', 'malformed'],
    [`${'1'.repeat(100)}`, 'malformed'],
  ];
  for (const [entry, expected] of rows)
    test(JSON.stringify(entry), () => assert.equal(show(parseForwardedForEntry(entry)), expected));
});

describe('Forwarded elements', () => {
  const rows: [element: string, expected: string][] = [
    ['for=192.0.2.60', '192.0.2.60'],
    ['for=192.0.2.60;proto=http;by=203.0.113.43', '192.0.2.60'],
    ['proto=http;FOR=192.0.2.60', '192.0.2.60'],
    ['for="192.0.2.60"', '192.0.2.60'],
    ['for="192.0.2.60:47011"', '192.0.2.60'],
    ['for="192.0.2.60:_port"', '192.0.2.60'],
    ['For="[2001:db8:cafe::17]:4711"', '2001:db8:cafe::17'],
    ['for="[2001:db8:cafe::17]"', '2001:db8:cafe::17'],
    ['for="\\[2001:db8::1\\]"', '2001:db8::1'],
    ['  for=192.0.2.60 ; proto=https ', '192.0.2.60'],
    ['for=192.0.2.60;;', '192.0.2.60'],
    ['for=_hidden', 'obfuscated'],
    ['for="_SEVKISEK"', 'obfuscated'],
    ['for=unknown', 'obfuscated'],
    ['for="unknown"', 'obfuscated'],
    ['for="_hidden:80"', 'malformed'],
    ['for=_', 'malformed'],
    ['for=_a b', 'malformed'],
    ['by=203.0.113.43', 'malformed'],
    ['', 'malformed'],
    ['for', 'malformed'],
    ['for=', 'malformed'],
    ['for=""', 'malformed'],
    ['=192.0.2.60', 'malformed'],
    ['for =192.0.2.60', 'malformed'],
    ['for=192.0.2.60;for=192.0.2.61', 'malformed'],
    ['for="192.0.2.60', 'malformed'],
    ['for="192.0.2.60\\', 'malformed'],
    ['for="192.0.2.60"x', 'malformed'],
    ['for=192.0.2.60 proto=http', 'malformed'],
    ['for=[2001:db8::1', 'malformed'],
    ['for="[192.0.2.60]"', 'malformed'],
    ['for=host.example', 'malformed'],
    ['for="fe80::1%eth0"', 'malformed'],
    ['for="[fe80::1%25eth0]"', 'malformed'],
  ];
  for (const [element, expected] of rows)
    test(JSON.stringify(element), () =>
      assert.equal(show(parseForwardedElement(element)), expected),
    );
});
