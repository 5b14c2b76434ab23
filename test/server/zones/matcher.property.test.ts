// Property test: the compiled matcher (painted intervals, two-level index, word-wise IPv6 search)
// must agree with a plain reference — BigInt range checks over the generated ranges, first enabled
// zone wins — on random zones and on addresses at every range edge, edge ± 1 and at random.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { compileZones } from '../../../server/zones/index.js';
import type { ZoneDefinition } from '../../../server/zones/index.js';

type Fam = 4 | 6;
interface GenRange {
  family: Fam;
  text: string;
  lo: bigint;
  hi: bigint;
}
interface GenZone {
  name: string;
  enabled: boolean;
  ranges: GenRange[];
}

const V4_MAX = (1n << 32n) - 1n;
const V6_MAX = (1n << 128n) - 1n;
const MAPPED = 0xffffn;

function v4Text(v: bigint): string {
  const n = Number(v);
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

function v6Groups(v: bigint): number[] {
  return Array.from({ length: 8 }, (_, i) => Number((v >> BigInt(112 - 16 * i)) & 0xffffn));
}

/** Compressed text by ipaddr.js (not our formatter), or the full eight-group form. */
function v6Text(v: bigint, full: boolean): string {
  const groups = v6Groups(v);
  if (full) return groups.map((g) => g.toString(16).padStart(4, '0')).join(':');
  return new ipaddr.IPv6(groups).toString();
}

const isMapped = (v: bigint): boolean => v >> 32n === MAPPED;

const v4Value = fc.oneof(
  fc.bigInt({ min: 0n, max: V4_MAX }),
  fc.bigInt({ min: 0x0a000000n, max: 0x0a0003ffn }), // a small area so ranges overlap
  fc
    .tuple(fc.integer({ min: 0, max: 65535 }), fc.integer({ min: -3, max: 3 }))
    .map(([h, d]) => BigInt(Math.min(Math.max(h * 65536 + d, 0), 0xffffffff))), // index bucket edges
  fc.constantFrom(0n, 1n, V4_MAX - 1n, V4_MAX),
);

const v6Value = fc
  .oneof(
    fc.bigInt({ min: 0n, max: V6_MAX }),
    fc.bigInt({ min: 0n, max: 0xfffn }).map((x) => (0x20010db8n << 96n) | x),
    fc.bigInt({ min: 0n, max: 0xfffn }).map((x) => (0x20010db8n << 96n) | (x << 64n)),
    fc.constantFrom(0n, 1n, V6_MAX - 1n, V6_MAX),
  )
  .map((v) => (isMapped(v) ? v ^ (1n << 127n) : v)); // mapped bounds would be IPv4

function rangeOf(family: Fam): fc.Arbitrary<GenRange> {
  const value = family === 4 ? v4Value : v6Value;
  const bits = family === 4 ? 32 : 128;
  const text = (v: bigint, full: boolean): string =>
    family === 4 ? (full ? `::ffff:${v4Text(v)}` : v4Text(v)) : v6Text(v, full);
  const cidr = fc
    .tuple(value, fc.integer({ min: 0, max: bits }), fc.boolean())
    .map(([v, p, full]): GenRange => {
      const host = (1n << BigInt(bits - p)) - 1n;
      const lo = v & ~host;
      const t = family === 4 ? v4Text(lo) : v6Text(lo, full);
      return { family, text: `${t}/${p}`, lo, hi: lo | host };
    });
  const dash = fc
    .tuple(value, value, fc.constantFrom('-', ' - ', '–', ' – '), fc.boolean())
    .map(([a, b, sep, full]): GenRange => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      return { family, text: `${text(lo, full)}${sep}${text(hi, !full)}`, lo, hi };
    });
  const single = fc
    .tuple(value, fc.boolean())
    .map(([v, full]): GenRange => ({ family, text: text(v, full), lo: v, hi: v }));
  return fc.oneof(cidr, dash, single);
}

const zonesArb = fc.array(
  fc.record({
    enabled: fc.oneof(fc.constant(true), fc.boolean()),
    ranges: fc.array(fc.oneof(rangeOf(4), rangeOf(6)), { maxLength: 6 }),
  }),
  { minLength: 1, maxLength: 5 },
);

/** Reference: the first enabled zone with a range holding the address, by plain BigInt checks. */
function reference(zones: GenZone[], family: Fam, v: bigint): string | null {
  if (family === 6 && isMapped(v)) return reference(zones, 4, v & V4_MAX);
  for (const z of zones) {
    if (!z.enabled) continue;
    if (z.ranges.some((r) => r.family === family && r.lo <= v && v <= r.hi)) return z.name;
  }
  return null;
}

function canonical(family: Fam, v: bigint): string {
  if (family === 4) return v4Text(v);
  if (isMapped(v)) return v4Text(v & V4_MAX);
  return new ipaddr.IPv6(v6Groups(v)).toRFC5952String();
}

describe('compiled matcher agrees with a BigInt reference', () => {
  it('on random zones, at every edge, edge ± 1, and random addresses', () => {
    fc.assert(
      fc.property(
        zonesArb,
        fc.array(
          fc.oneof(
            v4Value.map((v) => [4, v] as const),
            v6Value.map((v) => [6, v] as const),
          ),
          {
            maxLength: 20,
          },
        ),
        (zoneSpecs, randomAddresses) => {
          const zones: GenZone[] = zoneSpecs.map((z, i) => ({ name: `z${i}`, ...z }));
          const defs: ZoneDefinition[] = zones.map((z) => ({
            name: z.name,
            enabled: z.enabled,
            force: true,
            ranges: z.ranges.map((r) => r.text),
          }));
          const m = compileZones(defs);
          const probes: [Fam, bigint][] = randomAddresses.map(([f, v]) => [f, v]);
          for (const z of zones) {
            for (const r of z.ranges) {
              const max = r.family === 4 ? V4_MAX : V6_MAX;
              for (const v of [r.lo - 1n, r.lo, r.lo + 1n, r.hi - 1n, r.hi, r.hi + 1n]) {
                if (v >= 0n && v <= max) probes.push([r.family, v]);
              }
            }
          }
          for (const [family, v] of probes) {
            const texts =
              family === 4
                ? [v4Text(v), `::ffff:${v4Text(v)}`]
                : [v6Text(v, false), v6Text(v, true)];
            const zone = reference(zones, family, v);
            for (const text of texts) {
              assert.deepEqual(
                m.match(text),
                { inside: zone !== null, zone, address: canonical(family, v) },
                `address ${text}`,
              );
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
