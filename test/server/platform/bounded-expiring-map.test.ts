/**
 * The bounded expiring map (server/platform/bounded-expiring-map.ts) that the spray memory and the
 * OIDC anonymous cap keep their per-client entries in: entries expire at their time, and a client
 * choosing new keys at will never grows it past its size — expired entries make room first, then
 * the oldest.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BoundedExpiringMap } from '../../../server/platform/bounded-expiring-map.js';

test('an entry is there until its expiry time, then gone', () => {
  const m = new BoundedExpiringMap<string>(10);
  m.set('a', 'x', 1_000, 0);
  assert.equal(m.get('a', 999), 'x');
  assert.equal(m.get('a', 1_000), undefined, 'expired at its time');
  assert.equal(m.size, 0, 'an expired key that was read is forgotten');
  assert.equal(m.get('never', 0), undefined);
});

test('never more than maxSize entries, however many keys are set', () => {
  const m = new BoundedExpiringMap<number>(3);
  for (let i = 0; i < 100; i++) m.set(`k${i}`, i, 10_000, 0);
  assert.equal(m.size, 3);
  assert.deepEqual(
    ['k97', 'k98', 'k99'].map((k) => m.get(k, 0)),
    [97, 98, 99],
    'the newest are kept',
  );
});

test('when full, expired entries make room before the oldest live one', () => {
  const m = new BoundedExpiringMap<string>(3);
  m.set('old-live', 'a', 5_000, 0);
  m.set('expires', 'b', 100, 0);
  m.set('young', 'c', 5_000, 0);
  m.set('new', 'd', 5_000, 200);
  assert.equal(m.get('old-live', 200), 'a', 'the oldest live entry stays');
  assert.equal(m.get('expires', 200), undefined);
  assert.equal(m.get('new', 200), 'd');
  m.set('newer', 'e', 5_000, 300);
  assert.equal(m.get('old-live', 300), undefined, 'nothing expired: the oldest made room');
  assert.equal(m.size, 3);
});

test('setting a key again makes it the newest and replaces its value and expiry', () => {
  const m = new BoundedExpiringMap<string>(2);
  m.set('a', '1', 100, 0);
  m.set('b', '2', 100, 0);
  m.set('a', '3', 500, 50);
  m.set('c', '4', 500, 50);
  assert.equal(m.get('b', 60), undefined, 'b was the oldest');
  assert.equal(m.get('a', 200), '3', 'a lives until its new expiry');
  assert.equal(m.delete('a'), true);
  assert.equal(m.get('a', 200), undefined);
});

test('a size below one is refused', () => {
  assert.throws(() => new BoundedExpiringMap(0), RangeError);
});
