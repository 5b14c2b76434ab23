/**
 * The IPv4 lookup table: a partition of the 32-bit space in one typed array plus a two-level index.
 * Each segment is a pair (start, label + 1) side by side, so the label is read from the cache line
 * the search already loaded. A top table maps the first 16 bits of an address to the few segments
 * that can hold it, so a lookup is one read in a 256 KiB table and a bisection over a handful of
 * neighbouring pairs, instead of ~18 cache-missing steps over the whole array
 * (docs/performance.md has the figures for the layouts measured).
 */
import type { Partition } from './partition.js';

/** Typed-array form of an IPv4 partition. */
export interface IPv4Table {
  /** Pairs: `entries[2i]` starts segment i (ascending, the first is 0), `entries[2i+1]` is its label + 1 (0: no zone). */
  readonly entries: Uint32Array;
  /** Number of segments. */
  readonly size: number;
  /** Address bits dropped to index `top`: 16 (a 2^16-entry top table) or fewer for big tables. */
  readonly shift: number;
  /** `top[h]` is the segment holding address `h << shift`; its last entry is the last segment. */
  readonly top: Uint32Array;
}

/**
 * Top-table size in bits: 16, or up to 18 when buckets would average more than 8 segments
 * (measured: 18 bits is ~10% faster at 1.7 M segments; 20 and more is slower, the table misses).
 */
export function topBitsFor(segments: number): number {
  return Math.min(18, Math.max(16, Math.ceil(Math.log2(Math.max(segments, 1) / 8))));
}

/** Builds the pairs and the top index from a partition with number keys. */
export function buildIPv4Table(
  p: Partition<number>,
  topBits = topBitsFor(p.starts.length),
): IPv4Table {
  const n = p.starts.length;
  const entries = new Uint32Array(2 * n);
  for (let i = 0; i < n; i++) {
    entries[2 * i] = p.starts[i]!;
    entries[2 * i + 1] = p.labels[i]! + 1;
  }
  const buckets = 2 ** topBits;
  const shift = 32 - topBits;
  const top = new Uint32Array(buckets + 1);
  let i = 0;
  for (let h = 0; h < buckets; h++) {
    const base = h * 2 ** shift;
    while (i + 1 < n && entries[2 * (i + 1)]! <= base) i++;
    top[h] = i;
  }
  top[buckets] = n - 1;
  return { entries, size: n, shift, top };
}

/** The label (zone position, or -1) of the segment holding `x`, an unsigned 32-bit address. */
export function lookupIPv4(t: IPv4Table, x: number): number {
  const e = t.entries;
  const h = x >>> t.shift;
  let lo = t.top[h]!;
  let hi = t.top[h + 1]!;
  // Invariant: segment lo starts at or below x; the answer is the last such segment up to hi.
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (e[2 * mid]! <= x) lo = mid;
    else hi = mid - 1;
  }
  return e[2 * lo + 1]! - 1;
}

/** How many segments belong to a zone (the matcher's `intervalCount` share for IPv4). */
export function ownedIPv4Segments(t: IPv4Table): number {
  let n = 0;
  for (let i = 0; i < t.size; i++) if (t.entries[2 * i + 1]! > 0) n++;
  return n;
}
