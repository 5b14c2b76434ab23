// Checks the compiled zone matcher: inclusive edges, first zone wins on overlap, disabled zones,
// IPv4-mapped client addresses matching IPv4 zones, garbage addresses outside (fail closed), and
// the ZoneDefinitionError a bad range raises at compile time.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compileZones, ZoneDefinitionError } from '../../../server/zones/index.js';
import type { ZoneDefinition } from '../../../server/zones/index.js';
import { AppError } from '../../../server/platform/errors.js';

const zones: ZoneDefinition[] = [
  { name: 'office', ranges: ['10.1.0.0 – 10.1.255.255', '192.168.10.0/24', '2001:db8:1::/48'] },
  { name: 'vpn', ranges: ['10.0.0.0/8', '2001:db8::/32'] },
  { name: 'lab', ranges: ['172.16.0.5-172.16.0.9'], enabled: false },
  {
    name: 'edges',
    ranges: ['0.0.0.0', '255.255.255.255', '::', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'],
  },
  { name: 'host', ranges: ['::ffff:203.0.113.7', '198.51.100.0/31'] },
];

describe('compileZones(...).match', () => {
  const m = compileZones(zones);
  // [client address, zone or null, canonical address or null]
  const table: [string, string | null, string | null][] = [
    ['10.1.0.0', 'office', '10.1.0.0'],
    ['10.1.255.255', 'office', '10.1.255.255'],
    ['10.0.255.255', 'vpn', '10.0.255.255'],
    ['10.2.0.0', 'vpn', '10.2.0.0'],
    ['10.0.0.0', 'vpn', '10.0.0.0'],
    ['10.255.255.255', 'vpn', '10.255.255.255'],
    ['9.255.255.255', null, '9.255.255.255'],
    ['11.0.0.0', null, '11.0.0.0'],
    ['192.168.10.0', 'office', '192.168.10.0'],
    ['192.168.10.255', 'office', '192.168.10.255'],
    ['192.168.11.0', null, '192.168.11.0'],
    ['192.168.9.255', null, '192.168.9.255'],
    ['::ffff:10.1.2.3', 'office', '10.1.2.3'],
    ['::FFFF:10.2.2.3', 'vpn', '10.2.2.3'],
    ['0:0:0:0:0:ffff:192.168.10.7', 'office', '192.168.10.7'],
    ['::ffff:c0a8:a07', 'office', '192.168.10.7'],
    ['::ffff:192.168.11.1', null, '192.168.11.1'],
    ['203.0.113.7', 'host', '203.0.113.7'],
    ['203.0.113.8', null, '203.0.113.8'],
    ['198.51.100.1', 'host', '198.51.100.1'],
    ['198.51.100.2', null, '198.51.100.2'],
    ['172.16.0.7', null, '172.16.0.7'],
    ['0.0.0.0', 'edges', '0.0.0.0'],
    ['0.0.0.1', null, '0.0.0.1'],
    ['255.255.255.255', 'edges', '255.255.255.255'],
    ['255.255.255.254', null, '255.255.255.254'],
    ['::', 'edges', '::'],
    ['::1', null, '::1'],
    ['ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'edges', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'],
    ['ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe', null, 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe'],
    ['2001:db8:1::', 'office', '2001:db8:1::'],
    ['2001:db8:1:ffff:ffff:ffff:ffff:ffff', 'office', '2001:db8:1:ffff:ffff:ffff:ffff:ffff'],
    ['2001:db8:2::1', 'vpn', '2001:db8:2::1'],
    ['2001:DB8:0000::1', 'vpn', '2001:db8::1'],
    ['2001:db8:ffff:ffff:ffff:ffff:ffff:ffff', 'vpn', '2001:db8:ffff:ffff:ffff:ffff:ffff:ffff'],
    ['2001:db9::', null, '2001:db9::'],
    ['2001:db7:ffff:ffff:ffff:ffff:ffff:ffff', null, '2001:db7:ffff:ffff:ffff:ffff:ffff:ffff'],
    [' 10.1.2.3 ', 'office', '10.1.2.3'],
    ['\t2001:db8::1\n', 'vpn', '2001:db8::1'],
  ];
  for (const [input, zone, address] of table) {
    it(`${JSON.stringify(input)} → ${zone ?? 'outside'}`, () => {
      assert.deepEqual(m.match(input), { inside: zone !== null, zone, address });
    });
  }

  const garbage = [
    '',
    ' ',
    'garbage',
    'localhost',
    '10.1',
    '010.1.2.3',
    '0x0a.1.2.3',
    '167837955',
    '10.1.2.3.4',
    '10.1.2.256',
    'fe80::1%eth0',
    '[2001:db8::1]',
    '10.1.2.3:443',
    '2001:db8::1::',
    'unknown',
    '10.1.2.3, 10.1.2.4',
    'x'.repeat(10000),
  ];
  for (const input of garbage) {
    it(`${JSON.stringify(input.slice(0, 30))} is outside, address null`, () => {
      assert.deepEqual(m.match(input), { inside: false, zone: null, address: null });
    });
  }

  it('fails closed on values that are not strings at all', () => {
    for (const v of [undefined, null, 42, {}]) {
      assert.deepEqual(m.match(v as unknown as string), {
        inside: false,
        zone: null,
        address: null,
      });
    }
  });

  it('counts enabled zones and merged intervals', () => {
    assert.equal(m.zoneCount, 4);
    // IPv4: office 10.1/16 splits vpn 10/8 in three; 192.168.10/24; 0.0.0.0; 255.255.255.255;
    // 203.0.113.7; 198.51.100.0/31. IPv6: vpn split in two around office; ::; ffff…ffff.
    assert.equal(m.intervalCount, 3 + 1 + 2 + 2 + 3 + 2);
  });
});

describe('overlaps and order', () => {
  it('the first zone in array order wins, whichever is smaller', () => {
    const a = compileZones([
      { name: 'big', ranges: ['10.0.0.0/8'] },
      { name: 'small', ranges: ['10.1.0.0/16'] },
    ]);
    assert.equal(a.match('10.1.2.3').zone, 'big');
    const b = compileZones([
      { name: 'small', ranges: ['10.1.0.0/16'] },
      { name: 'big', ranges: ['10.0.0.0/8'] },
    ]);
    assert.equal(b.match('10.1.2.3').zone, 'small');
    assert.equal(b.match('10.2.0.0').zone, 'big');
  });

  it('a disabled zone neither matches nor shadows a later zone', () => {
    const m = compileZones([
      { name: 'off', ranges: ['10.0.0.0/8'], enabled: false },
      { name: 'on', ranges: ['10.1.0.0/16'] },
    ]);
    assert.equal(m.match('10.1.0.1').zone, 'on');
    assert.equal(m.match('10.2.0.1').inside, false);
  });

  it('adjacent ranges of one zone merge into one interval', () => {
    const m = compileZones([
      { name: 'z', ranges: ['10.0.0.0/25', '10.0.0.128/25', '10.0.1.0 - 10.0.1.9'] },
    ]);
    assert.equal(m.intervalCount, 1);
    assert.equal(m.match('10.0.1.9').zone, 'z');
    assert.equal(m.match('10.0.1.10').zone, null);
  });

  it('with no zones everything is outside', () => {
    const m = compileZones([]);
    assert.deepEqual(m.match('10.0.0.1'), { inside: false, zone: null, address: '10.0.0.1' });
    assert.deepEqual(m.match('::1'), { inside: false, zone: null, address: '::1' });
    assert.equal(m.intervalCount, 0);
  });

  it('a forced zone covering everything matches every address of its family', () => {
    const m = compileZones([{ name: 'all', ranges: ['0.0.0.0/0'], force: true }]);
    assert.equal(m.match('0.0.0.0').zone, 'all');
    assert.equal(m.match('255.255.255.255').zone, 'all');
    assert.equal(m.match('::ffff:1.2.3.4').zone, 'all');
    assert.equal(m.match('2001:db8::1').zone, null);
  });
});

describe('compile errors', () => {
  it('throws ZoneDefinitionError naming the zone, the index and the problem', () => {
    assert.throws(
      () =>
        compileZones([
          { name: 'ok', ranges: ['10.0.0.0/8'] },
          { name: 'bad', ranges: ['192.168.0.0/16', '10.1'] },
        ]),
      (e: unknown) => {
        assert.ok(e instanceof ZoneDefinitionError);
        assert.ok(!(e instanceof AppError), 'the pure core throws no HTTP error');
        assert.equal(e.zone, 'bad');
        assert.equal(e.index, 1);
        assert.equal(e.range, '10.1');
        assert.equal(e.problem.code, 'legacy_ipv4');
        assert.equal(e.code, 'invalid_zone_range');
        assert.match(e.message, /bad/);
        return true;
      },
    );
  });

  it('refuses 0.0.0.0/0 unless the zone is forced', () => {
    assert.throws(
      () => compileZones([{ name: 'all', ranges: ['0.0.0.0/0'] }]),
      (e: unknown) => e instanceof ZoneDefinitionError && e.problem.code === 'everything',
    );
  });

  it('ignores the ranges of disabled zones', () => {
    const m = compileZones([{ name: 'old', ranges: ['10.1'], enabled: false }]);
    assert.equal(m.zoneCount, 0);
  });
});
