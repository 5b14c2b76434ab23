/**
 * The sortable address key the policy preview's range scans rely on (server/zones/address-key.ts):
 * it sorts like the number, reads back, and a range definition gives the keys of its bounds.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addressKey, addressOfKey, keyRangeOf } from '../../../server/zones/address-key.js';

describe('the address key', () => {
  it('sorts like the number and reads back', () => {
    assert.equal(addressKey('2001:db8::7'), '620010db8000000000000000000000007');
    assert.equal(addressKey('::ffff:10.1.2.3'), '40a010203');
    assert.equal(addressKey('not an address'), null);
    assert.equal(addressOfKey('620010db8000000000000000000000007'), '2001:db8::7');
    assert.equal(addressOfKey('40a010203'), '10.1.2.3');
    const keys = ['10.2.0.0', '10.10.0.0', '9.255.255.255', '10.1.255.255'].map((a) =>
      addressKey(a)!,
    );
    assert.deepEqual(
      [...keys].sort().map((k) => addressOfKey(k)),
      ['9.255.255.255', '10.1.255.255', '10.2.0.0', '10.10.0.0'],
    );
    assert.deepEqual(keyRangeOf('10.1.0.0/16'), { lo: '40a010000', hi: '40a01ffff' });
    assert.deepEqual(keyRangeOf('2001:db8::/32'), {
      lo: '620010db8000000000000000000000000',
      hi: '620010db8ffffffffffffffffffffffff',
    });
    assert.equal(keyRangeOf('10.1'), null);
  });
});
