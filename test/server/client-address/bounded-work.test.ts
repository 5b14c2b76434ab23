// Huge and hostile headers: the work is capped (header length, hop count), a cap stops the walk at
// the nearest trusted hop, and nothing a client writes to the left of what our proxies appended can
// change the answer — checked on examples and as a bounded property over arbitrary prefixes.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  createClientAddressResolver,
  type ClientIpHeader,
} from '../../../server/client-address/index.js';
import { readHopChain } from '../../../server/client-address/header-chain.js';
import { normalizeAddress } from '../../../server/zones/address.js';

const resolverFor = (header: ClientIpHeader, limits?: { maxLength: number; maxHops: number }) =>
  createClientAddressResolver({ trustedProxies: ['10.0.0.0/8', 'fd00::/8'], header }, limits);

const request = (name: string, value: string, peer = '10.0.0.5') => ({
  peer,
  header: (n: string) => (n === name ? value : undefined),
});

describe('caps', () => {
  test('a 1 MB X-Forwarded-For: the entry our proxy appended is still the client', () => {
    const value = `${'10.1.2.3, '.repeat(100_000)}203.0.113.7`;
    const r = resolverFor('x-forwarded-for')(request('x-forwarded-for', value));
    assert.equal(r.ip, '203.0.113.7');
  });

  test('more trusted hops than the hop cap: stop at the cap, never further left', () => {
    const value = `203.0.113.7, ${Array.from({ length: 40 }, (_, i) => `10.0.1.${i}`).join(', ')}`;
    const r = resolverFor('x-forwarded-for')(request('x-forwarded-for', value));
    assert.equal(r.stoppedBy, 'hop_limit');
    assert.equal(r.ip, '10.0.1.8'); // the 32nd hop from the right
    assert.match(r.reason, /stopped after 32 x-forwarded-for hops, the limit/);
  });

  test('exactly the hop cap of trusted hops: all read, the leftmost is the client', () => {
    const value = Array.from({ length: 32 }, (_, i) => `10.0.1.${i}`).join(', ');
    const r = resolverFor('x-forwarded-for')(request('x-forwarded-for', value));
    assert.equal(r.stoppedBy, undefined);
    assert.equal(r.ip, '10.0.1.0');
  });

  test('a header longer than the length cap: the cut-off fragment is never read', () => {
    // The fragment at the cut would read "3.0.113.66" — a valid-looking address that is not one.
    const limits = { maxLength: 30, maxHops: 32 };
    const value = '203.0.113.66, 10.0.0.3, 10.0.0.4';
    assert.ok(value.length > 30);
    const r = resolverFor('x-forwarded-for', limits)(request('x-forwarded-for', value));
    assert.equal(r.ip, '10.0.0.3');
    assert.equal(r.stoppedBy, 'header_too_long');
    assert.match(r.reason, /longer than 30 characters; only its right end was read/);
  });

  test('a cut landing on whitespace still counts as a cut', () => {
    const value = `203.0.113.66${' '.repeat(9000)}, 10.0.0.3`;
    const r = resolverFor('x-forwarded-for')(request('x-forwarded-for', value));
    assert.equal(r.ip, '10.0.0.3');
    assert.equal(r.stoppedBy, 'header_too_long');
  });

  test('a huge X-Real-IP is refused as a whole', () => {
    const r = resolverFor('x-real-ip')(request('x-real-ip', ' '.repeat(9000) + '203.0.113.7'));
    assert.equal(r.ip, '10.0.0.5');
    assert.equal(r.stoppedBy, 'header_too_long');
  });

  test('hop chains never hold more than the hop cap plus the cut marker', () => {
    const chain = readHopChain('forwarded', 'for=10.0.0.1, '.repeat(5000));
    assert.equal(chain.items.length, 33);
    assert.deepEqual(chain.items.at(-1), { kind: 'cut', why: 'hop_limit' });
  });
});

describe('a client cannot reach past what our proxies appended', () => {
  test('an unterminated quote in a forged Forwarded cannot swallow the element our proxy added', () => {
    const r = resolverFor('forwarded')(
      request('forwarded', 'for="10.1.2.3, for=10.1.2.4;x="y", for=203.0.113.7'),
    );
    assert.equal(r.ip, '203.0.113.7');
  });

  test('a huge forged Forwarded with an odd quote count, then our IPv6 element', () => {
    const value = `for="${'"x, '.repeat(5001)}, for="[2001:db8::7]:4711"`;
    const r = resolverFor('forwarded')(request('forwarded', value));
    assert.equal(r.ip, '2001:db8::7');
  });

  // The property: for any client-written prefix, what our trusted proxy appended decides.
  const untrustedV4 = fc
    .tuple(fc.integer({ min: 11, max: 223 }), fc.nat(255), fc.nat(255), fc.nat(255))
    .map((p) => p.join('.'));
  const untrustedV6 = fc
    .array(fc.integer({ min: 0, max: 0xffff }), { minLength: 7, maxLength: 7 })
    .map((g) => `2001:${g.map((x) => x.toString(16)).join(':')}`);
  const prefix = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.string({
      unit: fc.constantFrom(',', ';', '"', '\\', '=', ' ', 'for', '10.1.2.3', '['),
      maxLength: 60,
    }),
  );
  const trustedHops = fc.array(fc.constantFrom('10.0.0.2', '10.9.8.7', 'fd00::5'), {
    maxLength: 4,
  });

  test('X-Forwarded-For: any prefix, then the client, then trusted hops', () => {
    fc.assert(
      fc.property(prefix, fc.oneof(untrustedV4, untrustedV6), trustedHops, (p, client, hops) => {
        const value = [p, client, ...hops].join(', ');
        const r = resolverFor('x-forwarded-for')(request('x-forwarded-for', value));
        return r.ip === normalizeAddress(client) && r.source === 'x-forwarded-for';
      }),
      { numRuns: 400 },
    );
  });

  test('Forwarded: any prefix, then the client element, then trusted elements', () => {
    const node = (a: string) => (a.includes(':') ? `for="[${a}]:4711"` : `for=${a}`);
    fc.assert(
      fc.property(prefix, fc.oneof(untrustedV4, untrustedV6), trustedHops, (p, client, hops) => {
        const value = [p, node(client), ...hops.map((h) => `${node(h)};proto=https`)].join(', ');
        const r = resolverFor('forwarded')(request('forwarded', value));
        return r.ip === normalizeAddress(client) && r.source === 'forwarded';
      }),
      { numRuns: 400 },
    );
  });

  test('whatever the header, the answer is the peer, a trusted hop, or the nearest untrusted hop', () => {
    // With a peer that is trusted and arbitrary header bytes, the result is always a real address
    // (never null, never a host name), so callers always get something to match.
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (value) => {
        for (const h of ['x-forwarded-for', 'forwarded', 'x-real-ip'] as const) {
          const r = resolverFor(h)(request(h, value));
          if (r.ip === null || !/^[0-9a-f:.]+$/.test(r.ip)) return false;
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });
});
