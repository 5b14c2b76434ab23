/**
 * Threat: switching the second factor off for everyone without the explicit confirmation. The
 * "covers every address" guard checked each range alone, so `0.0.0.0/1` + `128.0.0.0/1` (or the
 * same halves split over two enabled zones) passed without `force` while meaning exactly
 * `0.0.0.0/0`. Now the union is checked: of one zone's ranges, and of all enabled zones together
 * — the effect on logins is the same either way, so the confirmation must be too.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { coveredFamilies, parseZoneRanges } from '../../../server/zones/index.js';
import { harness } from '../admin-api/harness.js';

const covered = (ranges: string[]) =>
  coveredFamilies(parseZoneRanges(ranges, { force: true }).ranges);

test('coveredFamilies: the union, not each range', () => {
  assert.deepEqual(covered(['0.0.0.0/1', '128.0.0.0/1']), { ipv4: true, ipv6: false });
  assert.deepEqual(covered(['0.0.0.0 - 127.255.255.255', '128.0.0.0/2', '192.0.0.0/2']), {
    ipv4: true,
    ipv6: false,
  });
  assert.deepEqual(covered(['0.0.0.0/1', '128.0.0.1 - 255.255.255.255']), {
    ipv4: false,
    ipv6: false,
  });
  assert.deepEqual(covered(['0.0.0.0/1', '128.0.0.0/2']), { ipv4: false, ipv6: false });
  assert.deepEqual(covered(['::/1', '8000::/1']), { ipv4: false, ipv6: true });
  assert.deepEqual(covered(['::/0', '0.0.0.0/0']), { ipv4: true, ipv6: true });
  assert.deepEqual(covered(['::/1', '8000::/2']), { ipv4: false, ipv6: false });
  assert.deepEqual(covered([]), { ipv4: false, ipv6: false });
});

test('one zone whose ranges together cover all of IPv4 or IPv6 needs force', async () => {
  const h = await harness();
  for (const ranges of [
    ['0.0.0.0/1', '128.0.0.0/1'],
    ['::/1', '8000::/1'],
  ]) {
    const r = await h.call('POST', '/zones', { name: 'Halves', ranges });
    assert.equal(r.status, 422, JSON.stringify(r.json));
    assert.equal(r.json.error.code, 'covers_everything');
    assert.match(r.json.error.message, /cover every IPv[46] address/);
    assert.equal((await h.call('GET', '/zones')).json.zones.length, 0);
  }
  const forced = await h.call('POST', '/zones', {
    name: 'Halves',
    ranges: ['0.0.0.0/1', '128.0.0.0/1'],
    force: true,
  });
  assert.equal(forced.status, 201);
});

test('enabled zones that together cover everything need force; a disabled one does not count', async () => {
  const h = await harness();
  assert.equal(
    (await h.call('POST', '/zones', { name: 'Low', ranges: ['0.0.0.0/1'] })).status,
    201,
  );
  const high = await h.call('POST', '/zones', { name: 'High', ranges: ['128.0.0.0/1'] });
  assert.equal(high.status, 422);
  assert.equal(high.json.error.code, 'covers_everything');
  assert.match(high.json.error.message, /other enabled zones/);
  const off = await h.call('POST', '/zones', {
    name: 'High',
    ranges: ['128.0.0.0/1'],
    enabled: false,
  });
  assert.equal(off.status, 201);
  // Enabling it is the same change: refused without force, accepted with it.
  const enable = await h.call('PATCH', `/zones/${off.json.zone.id}`, { enabled: true });
  assert.equal(enable.status, 422);
  assert.equal(enable.json.error.code, 'covers_everything');
  const forced = await h.call('PATCH', `/zones/${off.json.zone.id}`, {
    enabled: true,
    force: true,
  });
  assert.equal(forced.status, 200);
  // Widening a zone into the gap is refused too.
  const h2 = await harness();
  await h2.call('POST', '/zones', { name: 'Low', ranges: ['0.0.0.0/1'] });
  const mid = await h2.call('POST', '/zones', { name: 'Mid', ranges: ['128.0.0.0/2'] });
  assert.equal(mid.status, 201);
  const widen = await h2.call('PATCH', `/zones/${mid.json.zone.id}`, {
    ranges: ['128.0.0.0/2', '192.0.0.0/2'],
  });
  assert.equal(widen.status, 422);
});
