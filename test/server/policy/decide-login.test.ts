// The product's login rule, every row of the table: what a login needs from where the requester
// stands, whether IPSafeZone is active, and whether two-step is on.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decideLogin, wireMode, type LoginMode } from '../../../server/policy/index.js';
import type { ZoneMatch } from '../../../server/zones/types.js';

const INSIDE: ZoneMatch = { inside: true, zone: 'Office', address: '10.1.2.3' };
const OUTSIDE: ZoneMatch = { inside: false, zone: null, address: '203.0.113.7' };
const UNKNOWN: ZoneMatch = { inside: false, zone: null, address: null };

describe('decideLogin: the table', () => {
  const rows: [
    active: boolean,
    match: ZoneMatch,
    twoStep: boolean,
    mode: LoginMode,
    reason: string,
  ][] = [
    // active, inside an enabled zone: the password suffices, whatever two-step says
    [
      true,
      INSIDE,
      false,
      'password',
      '10.1.2.3 is inside zone Office; IPSafeZone is active: password suffices',
    ],
    [
      true,
      INSIDE,
      true,
      'password',
      '10.1.2.3 is inside zone Office; IPSafeZone is active: password suffices',
    ],
    // active, outside
    [
      true,
      OUTSIDE,
      false,
      '2fa',
      '203.0.113.7 is outside every safe zone; IPSafeZone is active and two-step is off: a SecSign ID or passkey alone, or the password with a second factor',
    ],
    [
      true,
      OUTSIDE,
      true,
      '2sa',
      '203.0.113.7 is outside every safe zone; IPSafeZone is active and two-step is on: the password, then a second factor',
    ],
    // active, unknown address: outside (fail closed)
    [
      true,
      UNKNOWN,
      false,
      '2fa',
      'the client address is unknown (treated as outside); IPSafeZone is active and two-step is off: a SecSign ID or passkey alone, or the password with a second factor',
    ],
    [
      true,
      UNKNOWN,
      true,
      '2sa',
      'the client address is unknown (treated as outside); IPSafeZone is active and two-step is on: the password, then a second factor',
    ],
    // not active: the address does not matter
    [
      false,
      INSIDE,
      false,
      '2fa',
      'IPSafeZone is not active, zones are not consulted (client 10.1.2.3); two-step is off: a SecSign ID or passkey alone, or the password with a second factor',
    ],
    [
      false,
      INSIDE,
      true,
      '2sa',
      'IPSafeZone is not active, zones are not consulted (client 10.1.2.3); two-step is on: the password, then a second factor',
    ],
    [
      false,
      OUTSIDE,
      false,
      '2fa',
      'IPSafeZone is not active, zones are not consulted (client 203.0.113.7); two-step is off: a SecSign ID or passkey alone, or the password with a second factor',
    ],
    [
      false,
      OUTSIDE,
      true,
      '2sa',
      'IPSafeZone is not active, zones are not consulted (client 203.0.113.7); two-step is on: the password, then a second factor',
    ],
    [
      false,
      UNKNOWN,
      false,
      '2fa',
      'IPSafeZone is not active, zones are not consulted (client unknown); two-step is off: a SecSign ID or passkey alone, or the password with a second factor',
    ],
    [
      false,
      UNKNOWN,
      true,
      '2sa',
      'IPSafeZone is not active, zones are not consulted (client unknown); two-step is on: the password, then a second factor',
    ],
  ];
  for (const [active, match, twoStep, mode, reason] of rows)
    test(`${active ? 'active' : 'not active'}, ${match.inside ? 'inside' : match.address ? 'outside' : 'unknown address'}, 2SA ${twoStep ? 'on' : 'off'} → ${mode}`, () => {
      const d = decideLogin({ active, twoStep, match });
      assert.deepEqual({ mode: d.mode, reason: d.reason }, { mode, reason });
      assert.equal(wireMode(d.requirement), mode);
    });
});

describe('decideLogin: fail closed on inconsistent input', () => {
  test('"inside" without an address is treated as outside', () => {
    const match: ZoneMatch = { inside: true, zone: 'Office', address: null };
    assert.equal(decideLogin({ active: true, twoStep: false, match }).mode, '2fa');
    assert.equal(decideLogin({ active: true, twoStep: true, match }).mode, '2sa');
  });

  test('a zone name with no "inside" is outside', () => {
    const match: ZoneMatch = { inside: false, zone: 'Office', address: '10.1.2.3' };
    assert.equal(decideLogin({ active: true, twoStep: false, match }).mode, '2fa');
  });
});

describe('decideLogin: requirements say what is needed', () => {
  test('inside → password; outside → a second factor; two-step → password and a second factor', () => {
    assert.equal(
      decideLogin({ active: true, twoStep: false, match: INSIDE }).requirement,
      'password',
    );
    assert.equal(
      decideLogin({ active: true, twoStep: false, match: OUTSIDE }).requirement,
      'second-factor',
    );
    assert.equal(
      decideLogin({ active: true, twoStep: true, match: OUTSIDE }).requirement,
      'password-and-second-factor',
    );
  });
});
