/**
 * The IPv4 lookup table: a partition of the 32-bit space in typed arrays plus a two-level index.
 * A top table maps the first 16 bits of an address to the few segments that can hold it, so a
 * lookup is one read in a 256 KiB table and a bisection over a handful of neighbouring entries,
 * instead of ~17 cache-missing steps over the whole array (see docs/performance.md for figures).
 */
import type { Partition } from './partition.js';

/** Typed-array form of an IPv4 partition. */
export interface IPv4Table {
  /** Segment starts, ascending; `starts[0]` is 0. */
  readonly starts: Uint32Array;
  /** Owner of each segment (zone position), or -1. */
  readonly labels: Int32Array;
  /** `top[h]` is the segment holding address `h << 16`; `top[65536]` is the last segment. */
  readonly top: Uint32Array;
}

/** Builds the typed arrays and the top index from a partition with number keys. */
export function buildIPv4Table(p: Partition<number>): IPv4Table {
  const n = p.starts.length;
  const starts = Uint32Array.from(p.starts);
  const labels = Int32Array.from(p.labels);
  const top = new Uint32Array(65537);
  let i = 0;
  for (let h = 0; h < 65536; h++) {
    const base = h * 65536;
    while (i + 1 < n && starts[i + 1]! <= base) i++;
    top[h] = i;
  }
  top[65536] = n - 1;
  return { starts, labels, top };
}

/** The label of the segment holding `x` (an unsigned 32-bit address). */
export function lookupIPv4(t: IPv4Table, x: number): number {
  const starts = t.starts;
  const h = x >>> 16;
  let lo = t.top[h]!;
  let hi = t.top[h + 1]!;
  // Invariant: starts[lo] <= x; the answer is the last index in [lo, hi] whose start is <= x.
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid]! <= x) lo = mid;
    else hi = mid - 1;
  }
  return t.labels[lo]!;
}
