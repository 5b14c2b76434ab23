// Checks zone range parsing as administrators type ranges: every accepted form with its canonical
// bounds and size, every refused form with its stable problem code, warnings on huge zones, and the
// whole-zone helpers (problems by index, addresses counted once).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  countAddresses,
  MAX_RANGE_LENGTH,
  parseRange,
  parseZoneRanges,
} from '../../../server/zones/index.js';

const V6_ALL = 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff';

describe('parseRange accepts', () => {
  // [input, family, start, end, size]
  const table: [string, 4 | 6, string, string, bigint][] = [
    ['10.0.0.0 – 10.255.255.255', 4, '10.0.0.0', '10.255.255.255', 16777216n],
    ['10.0.0.0–10.0.0.9', 4, '10.0.0.0', '10.0.0.9', 10n],
    ['10.0.0.0 –10.0.0.9', 4, '10.0.0.0', '10.0.0.9', 10n],
    ['10.0.0.0 - 10.0.0.9', 4, '10.0.0.0', '10.0.0.9', 10n],
    ['10.0.0.0-10.0.0.9', 4, '10.0.0.0', '10.0.0.9', 10n],
    ['10.0.0.0\u00a0–\u00a010.0.0.9', 4, '10.0.0.0', '10.0.0.9', 10n],
    ['  10.0.0.0-10.0.0.9  ', 4, '10.0.0.0', '10.0.0.9', 10n],
    ['10.0.0.7 - 10.0.0.7', 4, '10.0.0.7', '10.0.0.7', 1n],
    ['10.0.0.0/8', 4, '10.0.0.0', '10.255.255.255', 16777216n],
    ['192.168.1.0/24', 4, '192.168.1.0', '192.168.1.255', 256n],
    ['192.0.2.7/32', 4, '192.0.2.7', '192.0.2.7', 1n],
    ['192.0.2.7', 4, '192.0.2.7', '192.0.2.7', 1n],
    ['0.0.0.0', 4, '0.0.0.0', '0.0.0.0', 1n],
    ['255.255.255.255', 4, '255.255.255.255', '255.255.255.255', 1n],
    ['255.255.255.255/32', 4, '255.255.255.255', '255.255.255.255', 1n],
    ['128.0.0.0/1', 4, '128.0.0.0', '255.255.255.255', 2147483648n],
    ['::ffff:10.1.2.3', 4, '10.1.2.3', '10.1.2.3', 1n],
    ['::ffff:10.1.2.3 - ::ffff:10.1.2.9', 4, '10.1.2.3', '10.1.2.9', 7n],
    ['10.1.2.3 – ::ffff:10.1.2.9', 4, '10.1.2.3', '10.1.2.9', 7n],
    ['::ffff:10.0.0.0/104', 4, '10.0.0.0', '10.255.255.255', 16777216n],
    ['::ffff:10.1.2.3/128', 4, '10.1.2.3', '10.1.2.3', 1n],
    ['2001:db8::/32', 6, '2001:db8::', '2001:db8:ffff:ffff:ffff:ffff:ffff:ffff', 1n << 96n],
    ['2001:DB8:0:0::/64', 6, '2001:db8::', '2001:db8::ffff:ffff:ffff:ffff', 1n << 64n],
    ['2001:db8::1 - 2001:db8::ff', 6, '2001:db8::1', '2001:db8::ff', 255n],
    ['2001:db8::1–2001:db8::ff', 6, '2001:db8::1', '2001:db8::ff', 255n],
    ['2001:db8::1', 6, '2001:db8::1', '2001:db8::1', 1n],
    ['2001:0db8:0000:0000:0000:0000:0000:0001/128', 6, '2001:db8::1', '2001:db8::1', 1n],
    ['::', 6, '::', '::', 1n],
    ['::/128', 6, '::', '::', 1n],
    [V6_ALL, 6, V6_ALL, V6_ALL, 1n],
    ['fe80::/10', 6, 'fe80::', 'febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 1n << 118n],
  ];
  for (const [input, family, start, end, size] of table) {
    it(`${JSON.stringify(input)} → ${start} … ${end}`, () => {
      const r = parseRange(input);
      assert.ok(r.ok, r.ok ? '' : r.problem.message);
      assert.equal(r.range.family, family);
      assert.equal(r.range.start, start);
      assert.equal(r.range.end, end);
      assert.equal(r.range.size, size);
    });
  }
});

describe('parseRange refuses, with a code', () => {
  const table: [string, string][] = [
    ['', 'empty'],
    ['   ', 'empty'],
    ['10.0.0.9 - 10.0.0.1', 'start_above_end'],
    ['2001:db8::ff - 2001:db8::1', 'start_above_end'],
    ['10.0.0.1 - 2001:db8::1', 'mixed_families'],
    ['2001:db8::1 – 10.0.0.1', 'mixed_families'],
    ['10.1', 'legacy_ipv4'],
    ['012.0.0.1', 'legacy_ipv4'],
    ['0x0a.0.0.1', 'legacy_ipv4'],
    ['3325256711', 'legacy_ipv4'],
    ['10.1 - 10.2', 'legacy_ipv4'],
    ['10.0.0.1 - 012.0.0.1', 'legacy_ipv4'],
    ['012.0.0.0/8', 'legacy_ipv4'],
    ['intranet.example.com', 'hostname'],
    ['localhost', 'hostname'],
    ['vpn-gw.example.com', 'hostname'],
    ['vpn-gw-2.example.com', 'hostname'],
    ['example.com/24', 'hostname'],
    ['fe80::1%eth0', 'zone_id'],
    ['fe80::%eth0/64', 'zone_id'],
    ['fe80::1%eth0 - fe80::9', 'zone_id'],
    ['0.0.0.0/0', 'everything'],
    ['::/0', 'everything'],
    ['0.0.0.0 - 255.255.255.255', 'everything'],
    [`:: - ${V6_ALL}`, 'everything'],
    ['::ffff:0.0.0.0/96', 'everything'],
    ['10.0.0.0/33', 'bad_prefix'],
    ['10.0.0.0/-1', 'bad_prefix'],
    ['10.0.0.0/08', 'bad_prefix'],
    ['10.0.0.0/', 'bad_prefix'],
    ['10.0.0.0/8.0', 'bad_prefix'],
    ['10.0.0.0/255.0.0.0', 'bad_prefix'],
    ['2001:db8::/129', 'bad_prefix'],
    ['::ffff:10.0.0.0/8', 'bad_prefix'],
    ['10.0.0.5/8', 'host_bits_set'],
    ['192.168.1.1/24', 'host_bits_set'],
    ['2001:db8::1/32', 'host_bits_set'],
    ['10.0.0.0/8/8', 'syntax'],
    ['10.0.0.1 - 10.0.0.2 - 10.0.0.3', 'syntax'],
    ['10.0.0.1 -', 'syntax'],
    ['- 10.0.0.1', 'syntax'],
    ['10.0.0.1 - 10.0.0.0/24', 'syntax'],
    ['10.0.0.1 — 10.0.0.9', 'syntax'],
    ['256.0.0.1', 'syntax'],
    ['10.0.0.1 10.0.0.9', 'syntax'],
    ['[2001:db8::1]', 'syntax'],
    ['1::2::3', 'syntax'],
    ['1'.repeat(MAX_RANGE_LENGTH + 1), 'too_long'],
    [' '.repeat(MAX_RANGE_LENGTH + 1), 'too_long'],
  ];
  for (const [input, code] of table) {
    it(`${JSON.stringify(input.length > 40 ? input.slice(0, 40) + '…' : input)} → ${code}`, () => {
      const r = parseRange(input);
      assert.equal(r.ok, false, `${input} should be refused`);
      if (r.ok) return;
      assert.equal(r.problem.code, code, r.problem.message);
      assert.ok(r.problem.message.length > 10);
    });
  }

  it('names the network to write when host bits are set', () => {
    const r = parseRange('10.0.0.5/8');
    assert.ok(!r.ok);
    assert.match(r.problem.message, /10\.0\.0\.0\/8/);
    const r6 = parseRange('2001:db8::1/32');
    assert.ok(!r6.ok);
    assert.match(r6.problem.message, /2001:db8::\/32/);
  });

  it('says which bound is wrong', () => {
    const r = parseRange('10.0.0.1 - 10.0.0.256');
    assert.ok(!r.ok);
    assert.match(r.problem.message, /10\.0\.0\.256/);
    assert.match(r.problem.message, /the end/);
  });
});

describe('parseRange with force', () => {
  for (const input of ['0.0.0.0/0', '::/0', '0.0.0.0 - 255.255.255.255']) {
    it(`accepts ${input} and warns`, () => {
      const r = parseRange(input, { force: true });
      assert.ok(r.ok);
      assert.ok(r.range.warnings.some((w) => /every IPv[46] address/.test(w)));
    });
  }

  it('still refuses other problems', () => {
    const r = parseRange('0.0.0.5/0', { force: true });
    assert.ok(!r.ok);
    assert.equal(r.problem.code, 'host_bits_set');
  });
});

describe('parseRange warns about very large zones', () => {
  const table: [string, boolean][] = [
    ['10.0.0.0/8', false],
    ['10.0.0.0/7', true],
    ['10.0.0.0 - 11.0.0.0', true],
    ['2001:db8::/32', false],
    ['2000::/31', true],
    ['192.168.0.0/16', false],
  ];
  for (const [input, warned] of table) {
    it(`${input}: ${warned ? 'a warning' : 'no warning'}`, () => {
      const r = parseRange(input);
      assert.ok(r.ok);
      assert.equal(r.range.warnings.length > 0, warned);
    });
  }

  it('warns that an IPv6 range over ::ffff:0:0/96 does not catch IPv4 clients', () => {
    const r = parseRange('::/64');
    assert.ok(r.ok);
    assert.ok(r.range.warnings.some((w) => w.includes('IPv4-mapped')));
  });
});

describe('parseZoneRanges', () => {
  it('keeps the good ranges and points at each bad one by index', () => {
    const r = parseZoneRanges(['10.0.0.0/8', '10.1', '192.168.0.1 – 192.168.0.9', '10.0.0.5/8']);
    assert.deepEqual(
      r.ranges.map((x) => `${x.start}-${x.end}`),
      ['10.0.0.0-10.255.255.255', '192.168.0.1-192.168.0.9'],
    );
    assert.deepEqual(
      r.problems.map((p) => [p.index, p.text, p.code]),
      [
        [1, '10.1', 'legacy_ipv4'],
        [3, '10.0.0.5/8', 'host_bits_set'],
      ],
    );
  });

  it('passes force on', () => {
    assert.equal(parseZoneRanges(['0.0.0.0/0']).problems.length, 1);
    assert.equal(parseZoneRanges(['0.0.0.0/0'], { force: true }).problems.length, 0);
  });
});

describe('countAddresses', () => {
  const table: [string[], bigint][] = [
    [[], 0n],
    [['10.0.0.0/8'], 16777216n],
    [['10.0.0.0/8', '10.1.0.0/16'], 16777216n],
    [['10.0.0.0/24', '10.0.1.0/24'], 512n],
    [['10.0.0.0 - 10.0.0.9', '10.0.0.5 - 10.0.0.19'], 20n],
    [['10.0.0.1', '::ffff:10.0.0.1'], 1n],
    [['10.0.0.0/24', '2001:db8::/120'], 512n],
    [['2001:db8::/32', '2001:db8:1::/48'], 1n << 96n],
  ];
  for (const [ranges, count] of table) {
    it(`${JSON.stringify(ranges)} → ${count}`, () => {
      const parsed = parseZoneRanges(ranges);
      assert.equal(parsed.problems.length, 0);
      assert.equal(countAddresses(parsed.ranges), count);
    });
  }

  it('counts everything when forced', () => {
    const parsed = parseZoneRanges(['0.0.0.0/0', '::/0', '10.0.0.0/8'], { force: true });
    assert.equal(countAddresses(parsed.ranges), (1n << 32n) + (1n << 128n));
  });
});
