/**
 * Turns labelled, possibly overlapping ranges into a partition of the address space: sorted
 * segment starts, each with the label that owns it (-1 for "no zone"). Where ranges overlap, the
 * lowest label wins — labels are zone positions, so the first zone in definition order wins.
 * Adjacent segments always have different labels, so the partition is as small as it can be.
 * Generic over the key type: numbers for IPv4, bigints for IPv6 (only at compile time; lookups
 * never see a bigint).
 */

/** A partition: `starts[i]` (ascending, `starts[0]` is zero) begins segment i, owned by `labels[i]`. */
export interface Partition<K> {
  starts: K[];
  labels: number[];
}

/** A tiny binary min-heap of labels with lazy deletion (the caller checks liveness). */
class LabelHeap {
  private readonly items: number[] = [];

  push(x: number): void {
    const a = this.items;
    let i = a.length;
    a.push(x);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p]! <= x) break;
      a[i] = a[p]!;
      i = p;
    }
    a[i] = x;
  }

  /** The smallest label still alive, dropping dead ones from the top; -1 when none. */
  topAlive(alive: Int32Array): number {
    const a = this.items;
    while (a.length > 0 && alive[a[0]!] === 0) this.pop();
    return a.length > 0 ? a[0]! : -1;
  }

  private pop(): void {
    const a = this.items;
    const last = a.pop()!;
    if (a.length === 0) return;
    let i = 0;
    const n = a.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && a[r]! < a[l]! ? r : l;
      if (a[c]! >= last) break;
      a[i] = a[c]!;
      i = c;
    }
    a[i] = last;
  }
}

/**
 * Builds the partition by a sweep over range starts and ends.
 * @param lo inclusive lower bounds; @param hi inclusive upper bounds; @param label owner of each range
 * @param labelCount labels are integers in [0, labelCount)
 * @param zero the smallest key; @param max the largest key; @param succ key + 1 (never called on max)
 */
export function buildPartition<K extends number | bigint>(
  lo: readonly K[],
  hi: readonly K[],
  label: ArrayLike<number>,
  labelCount: number,
  zero: K,
  max: K,
  succ: (k: K) => K,
): Partition<K> {
  const n = lo.length;
  const byLo = Array.from({ length: n }, (_, i) => i);
  const byHi = byLo.slice();
  byLo.sort((a, b) => (lo[a]! < lo[b]! ? -1 : lo[a]! > lo[b]! ? 1 : 0));
  byHi.sort((a, b) => (hi[a]! < hi[b]! ? -1 : hi[a]! > hi[b]! ? 1 : 0));
  const alive = new Int32Array(labelCount);
  const heap = new LabelHeap();
  const starts: K[] = [zero];
  const labels: number[] = [-1];
  let si = 0;
  let ei = 0;
  while (si < n || ei < n) {
    let pos: K;
    if (si < n && lo[byLo[si]!]! <= hi[byHi[ei]!]!) {
      pos = lo[byLo[si]!]!;
    } else {
      const h = hi[byHi[ei]!]!;
      if (h === max) break; // everything left ends at the top of the space
      pos = succ(h);
    }
    while (si < n && lo[byLo[si]!]! <= pos) {
      const z = label[byLo[si]!]!;
      if (alive[z] === 0) heap.push(z);
      alive[z] = alive[z]! + 1;
      si++;
    }
    while (ei < n && hi[byHi[ei]!]! < pos) {
      const z = label[byHi[ei]!]!;
      alive[z] = alive[z]! - 1;
      ei++;
    }
    const owner = heap.topAlive(alive);
    const last = labels.length - 1;
    if (owner === labels[last]) continue;
    if (starts[last] === pos) {
      // Only possible at key zero: the first segment changes owner before it begins.
      labels[last] = owner;
    } else {
      starts.push(pos);
      labels.push(owner);
    }
  }
  return { starts, labels };
}
