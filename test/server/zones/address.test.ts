// Checks the strict single-address parser: what counts as an address, what is refused and why,
// IPv4-mapped IPv6 becoming IPv4, and canonical formatting. Cross-checked against ipaddr.js.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ipaddr from 'ipaddr.js';
import fc from 'fast-check';
import {
  normalizeAddress,
  parseAddressDetailed,
  parseAddressInto,
  formatIPv6,
} from '../../../server/zones/index.js';

describe('parseAddressDetailed accepts strict forms and canonicalises them', () => {
  const table: [string, string][] = [
    ['10.1.2.3', '10.1.2.3'],
    ['0.0.0.0', '0.0.0.0'],
    ['255.255.255.255', '255.255.255.255'],
    ['  192.0.2.7 ', '192.0.2.7'],
    ['::', '::'],
    ['::1', '::1'],
    ['1::', '1::'],
    ['2001:DB8::1', '2001:db8::1'],
    ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'],
    ['::ffff:10.1.2.3', '10.1.2.3'],
    ['::FFFF:10.1.2.3', '10.1.2.3'],
    ['::ffff:a01:203', '10.1.2.3'],
    ['0:0:0:0:0:ffff:10.1.2.3', '10.1.2.3'],
    ['64:ff9b::192.0.2.33', '64:ff9b::c000:221'],
    ['1:2:3:4:5:6:7::', '1:2:3:4:5:6:7:0'],
    ['::2:3:4:5:6:7:8', '0:2:3:4:5:6:7:8'],
  ];
  for (const [input, canonical] of table) {
    it(`${JSON.stringify(input)} → ${canonical}`, () => {
      assert.equal(normalizeAddress(input), canonical);
    });
  }
});

describe('parseAddressDetailed refuses and says why', () => {
  const table: [string, string][] = [
    ['', 'empty'],
    ['   ', 'empty'],
    ['10.1', 'legacy_ipv4'],
    ['10.1.2', 'legacy_ipv4'],
    ['012.0.0.1', 'legacy_ipv4'],
    ['0x0a.0.0.1', 'legacy_ipv4'],
    ['3325256711', 'legacy_ipv4'],
    ['256.0.0.1', 'syntax'],
    ['1.2.3.4.5', 'syntax'],
    ['1.2.3.', 'syntax'],
    ['localhost', 'hostname'],
    ['intranet.example.com', 'hostname'],
    ['fe80::1%eth0', 'zone_id'],
    ['[::1]', 'syntax'],
    [':1', 'syntax'],
    ['1:', 'syntax'],
    ['1::2::3', 'syntax'],
    [':::', 'syntax'],
    ['1:2:3:4:5:6:7:8:9', 'syntax'],
    ['1:2:3:4:5:6:7:8::', 'syntax'],
    ['1:2:3:4:5:6:7', 'syntax'],
    ['12345::', 'syntax'],
    ['g::1', 'syntax'],
    ['1:2:3:4:5:6:7:1.2.3.4', 'syntax'],
    ['::1.2.3', 'syntax'],
    ['::ffff:010.1.2.3', 'syntax'],
    ['1.2.3.4::', 'syntax'],
    ['1'.repeat(70), 'syntax'],
  ];
  for (const [input, problem] of table) {
    it(`${JSON.stringify(input)} → ${problem}`, () => {
      const r = parseAddressDetailed(input);
      assert.equal(r.ok, false);
      if (!r.ok) assert.equal(r.problem, problem);
    });
  }
});

describe('parseAddressInto (the hot path)', () => {
  it('does not trim: white space is for the slow path', () => {
    assert.equal(parseAddressInto(' 10.0.0.1', new Uint32Array(4)), 0);
  });

  it('writes a mapped address as IPv4 into word 0', () => {
    const out = new Uint32Array(4);
    assert.equal(parseAddressInto('::ffff:255.255.255.255', out), 4);
    assert.equal(out[0], 0xffffffff);
  });

  it('agrees with ipaddr.js on random IPv6 addresses in every textual form', () => {
    const words = fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 8, maxLength: 8 });
    fc.assert(
      fc.property(words, fc.boolean(), (groups, full) => {
        const text = full ? groups.map((g) => g.toString(16).padStart(4, '0')).join(':') : '';
        const ip = new ipaddr.IPv6(groups);
        const input = full ? text : ip.toString();
        const out = new Uint32Array(4);
        const family = parseAddressInto(input, out);
        if (ip.isIPv4MappedAddress()) {
          assert.equal(family, 4);
          assert.equal(
            out[0],
            ip
              .toIPv4Address()
              .toByteArray()
              .reduce((a, b) => a * 256 + b, 0),
          );
        } else {
          assert.equal(family, 6);
          assert.equal(formatIPv6(out), ip.toRFC5952String());
        }
      }),
      { numRuns: 300 },
    );
  });
});
