/**
 * Whether a set of ranges, taken together, covers every address of a family — the check behind
 * "this would switch the second factor off for everyone". Checking each range alone let
 * `0.0.0.0/1` + `128.0.0.0/1` through; this merges the ranges first. Also: whether two sets of
 * ranges share an address (a trusted proxy inside a zone). Pure.
 */
import { toBigint } from './zone-ranges.js';
import type { Family, ParsedRange } from './types.js';

const FAMILY_MAX: Record<Family, bigint> = { 4: (1n << 32n) - 1n, 6: (1n << 128n) - 1n };

function intervals(ranges: readonly ParsedRange[], family: Family): [bigint, bigint][] {
  return ranges
    .filter((r) => r.family === family)
    .map((r): [bigint, bigint] => [toBigint(r.start), toBigint(r.end)])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

function coversFamily(ranges: readonly ParsedRange[], family: Family): boolean {
  let next = 0n; // the lowest address not covered yet
  for (const [lo, hi] of intervals(ranges, family)) {
    if (lo > next) return false;
    if (hi + 1n > next) next = hi + 1n;
  }
  return next > FAMILY_MAX[family];
}

/** Which families the union of the ranges covers completely. */
export function coveredFamilies(ranges: readonly ParsedRange[]): { ipv4: boolean; ipv6: boolean } {
  return { ipv4: coversFamily(ranges, 4), ipv6: coversFamily(ranges, 6) };
}

/** True when some address lies in both sets of ranges. */
export function rangesOverlap(a: readonly ParsedRange[], b: readonly ParsedRange[]): boolean {
  for (const family of [4, 6] as const) {
    const bs = intervals(b, family);
    for (const [lo, hi] of intervals(a, family)) {
      if (bs.some(([blo, bhi]) => blo <= hi && lo <= bhi)) return true;
    }
  }
  return false;
}
