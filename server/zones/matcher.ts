/**
 * Compiles named safe zones once into a `ZoneMatcher`, the only thing that says whether an address
 * is inside a zone. Compilation parses every range of every enabled zone (a bad one throws
 * `ZoneDefinitionError`), then paints them into disjoint, sorted intervals labelled with their zone
 * (the first zone in array order wins where zones overlap), stored in typed arrays: IPv4 as 32-bit
 * integers with a two-level index, IPv6 as four 32-bit words. A lookup parses the address string
 * without allocating and bisects; an address that does not parse is outside (fail closed, no throw).
 * Disabled zones are ignored entirely, including their ranges' validity: they cannot decide a login.
 */
import { formatIPv4, formatIPv6, parseAddressDetailed, parseAddressInto } from './address.js';
import { buildIPv4Table, lookupIPv4, ownedIPv4Segments } from './ipv4-table.js';
import type { IPv4Table } from './ipv4-table.js';
import { buildIPv6Table, lookupIPv6 } from './ipv6-table.js';
import type { IPv6Table } from './ipv6-table.js';
import { buildPartition } from './partition.js';
import { parseRangeBounds } from './parse-range.js';
import type { RangeProblem, ZoneDefinition, ZoneMatch, ZoneMatcher } from './types.js';

/** A range of an enabled zone did not parse; names the zone, the range's index and the problem. */
export class ZoneDefinitionError extends Error {
  /** The stable code the HTTP edge and the CLI report (mapped to 422 there). */
  readonly code = 'invalid_zone_range';
  constructor(
    readonly zone: string,
    readonly index: number,
    readonly range: string,
    readonly problem: RangeProblem,
  ) {
    super(`Zone "${zone}", range ${index + 1}: ${problem.message}`);
    this.name = 'ZoneDefinitionError';
  }

  /** What a client may be told about it. */
  get details(): Record<string, unknown> {
    return { zone: this.zone, index: this.index, range: this.range, problem: this.problem.code };
  }
}

const V4_MAX = 0xffffffff;
const V6_MAX = (1n << 128n) - 1n;

/** The compiled tables and zone names behind a `ZoneMatcher` (exposed for the benchmark). */
export interface CompiledZones {
  names: string[];
  v4: IPv4Table;
  v6: IPv6Table;
}

/**
 * Parses and paints the enabled zones into lookup tables.
 * @throws ZoneDefinitionError for the first range of an enabled zone that does not parse
 */
export function compileTables(zones: readonly ZoneDefinition[]): CompiledZones {
  const names: string[] = [];
  const lo4: number[] = [];
  const hi4: number[] = [];
  const label4: number[] = [];
  const lo6: bigint[] = [];
  const hi6: bigint[] = [];
  const label6: number[] = [];
  for (const zone of zones) {
    if (zone.enabled === false) continue;
    const label = names.length;
    names.push(zone.name);
    const options = { force: zone.force === true };
    zone.ranges.forEach((text, index) => {
      const r = parseRangeBounds(text, options);
      if (!r.ok) throw new ZoneDefinitionError(zone.name, index, text, r.problem);
      const b = r.bounds;
      if (b.family === 4) {
        lo4.push(b.lo);
        hi4.push(b.hi);
        label4.push(label);
      } else {
        lo6.push(b.lo);
        hi6.push(b.hi);
        label6.push(label);
      }
    });
  }
  const p4 = buildPartition(lo4, hi4, label4, names.length, 0, V4_MAX, (k) => k + 1);
  const p6 = buildPartition(lo6, hi6, label6, names.length, 0n, V6_MAX, (k) => k + 1n);
  return { names, v4: buildIPv4Table(p4), v6: buildIPv6Table(p6) };
}

function countOwned(labels: Int32Array): number {
  let n = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i]! >= 0) n++;
  return n;
}

/**
 * Compiles zone definitions into a matcher. Disabled zones are ignored; where enabled zones
 * overlap, the first in array order wins.
 * @throws ZoneDefinitionError when a range of an enabled zone does not parse
 */
export function compileZones(zones: readonly ZoneDefinition[]): ZoneMatcher {
  const { names, v4, v6 } = compileTables(zones);
  const words = new Uint32Array(4);
  const outside = (address: string | null): ZoneMatch => ({ inside: false, zone: null, address });

  const result = (label: number, address: string): ZoneMatch =>
    label < 0 ? outside(address) : { inside: true, zone: names[label]!, address };

  /** Slow path: white space around the address, or anything the strict parser refused. */
  const matchSlow = (text: string): ZoneMatch => {
    const trimmed = typeof text === 'string' ? text.trim() : '';
    if (trimmed === text || trimmed === '') return outside(null);
    const r = parseAddressDetailed(trimmed);
    if (!r.ok) return outside(null);
    const a = r.address;
    if (a.family === 4) return result(lookupIPv4(v4, a.v4), formatIPv4(a.v4));
    words[0] = a.w[0];
    words[1] = a.w[1];
    words[2] = a.w[2];
    words[3] = a.w[3];
    return result(lookupIPv6(v6, words), formatIPv6(a.w));
  };

  return {
    zoneCount: names.length,
    intervalCount: ownedIPv4Segments(v4) + countOwned(v6.labels),
    match(address: string): ZoneMatch {
      const family = typeof address === 'string' ? parseAddressInto(address, words) : 0;
      if (family === 4) {
        const x = words[0]!;
        // Strict dotted IPv4 is already canonical text; only a mapped form needs formatting.
        const canonical = address.includes(':') ? formatIPv4(x) : address;
        return result(lookupIPv4(v4, x), canonical);
      }
      if (family === 6) return result(lookupIPv6(v6, words), formatIPv6(words));
      return matchSlow(address);
    },
  };
}
