// Alternative search layouts over the same IPv4 partition, kept only to measure them against the
// two-level index the matcher uses (docs/performance.md): a plain bisection over the sorted starts,
// and an Eytzinger (breadth-first) layout, whose first levels share a few cache lines.
import type { IPv4Table } from '../server/zones/ipv4-table.js';

/** Separate arrays of starts and labels, the textbook layout. */
export interface Flat {
  starts: Uint32Array;
  labels: Int32Array;
}

/** Splits the matcher's (start, label + 1) pairs into two arrays. */
export function flatten(t: IPv4Table): Flat {
  const starts = new Uint32Array(t.size);
  const labels = new Int32Array(t.size);
  for (let i = 0; i < t.size; i++) {
    starts[i] = t.entries[2 * i]!;
    labels[i] = t.entries[2 * i + 1]! - 1;
  }
  return { starts, labels };
}

/** Plain bisection: the last segment whose start is <= x, over the whole array. */
export function lookupBisect(t: Flat, x: number): number {
  const starts = t.starts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid]! <= x) lo = mid;
    else hi = mid - 1;
  }
  return t.labels[lo]!;
}

/** Eytzinger layout: keys in breadth-first order (1-based), with the label of each node. */
export interface Eytzinger {
  keys: Uint32Array;
  labels: Int32Array;
  /** Label of the last segment (the answer when every key is <= x). */
  lastLabel: number;
}

/** Builds the Eytzinger layout; node k holds the segment start `keys[k]`, its label the one before. */
export function buildEytzinger(t: Flat): Eytzinger {
  const n = t.starts.length;
  const keys = new Uint32Array(n + 1);
  const labels = new Int32Array(n + 1);
  let i = 0;
  const fill = (k: number): void => {
    if (k > n) return;
    fill(2 * k);
    keys[k] = t.starts[i]!;
    // Node k is the first start > x when we land on it; the answer is then segment i - 1.
    labels[k] = i > 0 ? t.labels[i - 1]! : -1;
    i++;
    fill(2 * k + 1);
  };
  fill(1);
  return { keys, labels, lastLabel: t.labels[n - 1]! };
}

/** Eytzinger search for the first start > x, answering the segment before it. */
export function lookupEytzinger(e: Eytzinger, x: number): number {
  const keys = e.keys;
  const n = keys.length - 1;
  let k = 1;
  while (k <= n) k = 2 * k + (keys[k]! <= x ? 1 : 0);
  // Drop the trailing 1 bits and one 0 bit: the node where the path last went left.
  k >>>= 32 - Math.clz32(~k & (k + 1));
  return k === 0 ? e.lastLabel : e.labels[k]!;
}
