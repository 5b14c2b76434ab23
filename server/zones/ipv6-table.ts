/**
 * The IPv6 lookup table: a partition of the 128-bit space with each segment start stored as four
 * 32-bit words side by side in one Uint32Array (one start per 16 bytes, so a comparison touches
 * one cache line), searched by bisection comparing word by word. No bigint on the lookup path.
 */
import type { Partition } from './partition.js';

/** Typed-array form of an IPv6 partition. */
export interface IPv6Table {
  /** Segment starts, four words each, most significant first; the first start is `::`. */
  readonly words: Uint32Array;
  /** Owner of each segment (zone position), or -1. */
  readonly labels: Int32Array;
}

const WORD = 0xffffffffn;

/** Splits a 128-bit bigint into four words at `out[at..at+3]`. */
export function bigintToWords(v: bigint, out: Uint32Array, at = 0): void {
  out[at] = Number((v >> 96n) & WORD);
  out[at + 1] = Number((v >> 64n) & WORD);
  out[at + 2] = Number((v >> 32n) & WORD);
  out[at + 3] = Number(v & WORD);
}

/** Joins four words into a 128-bit bigint (compile time only). */
export function wordsToBigint(w: ArrayLike<number>): bigint {
  return (BigInt(w[0]!) << 96n) | (BigInt(w[1]!) << 64n) | (BigInt(w[2]!) << 32n) | BigInt(w[3]!);
}

/** Builds the typed arrays from a partition with bigint keys. */
export function buildIPv6Table(p: Partition<bigint>): IPv6Table {
  const n = p.starts.length;
  const words = new Uint32Array(4 * n);
  for (let i = 0; i < n; i++) bigintToWords(p.starts[i]!, words, 4 * i);
  return { words, labels: Int32Array.from(p.labels) };
}

/** True when start `i` is at most the address `a` (four words). */
function startAtMost(words: Uint32Array, i: number, a: Uint32Array): boolean {
  const k = 4 * i;
  const w0 = words[k]!;
  if (w0 !== a[0]) return w0 < a[0]!;
  const w1 = words[k + 1]!;
  if (w1 !== a[1]) return w1 < a[1]!;
  const w2 = words[k + 2]!;
  if (w2 !== a[2]) return w2 < a[2]!;
  return words[k + 3]! <= a[3]!;
}

/** The label of the segment holding the address in `a[0..3]`. */
export function lookupIPv6(t: IPv6Table, a: Uint32Array): number {
  let lo = 0;
  let hi = t.labels.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (startAtMost(t.words, mid, a)) lo = mid;
    else hi = mid - 1;
  }
  return t.labels[lo]!;
}
