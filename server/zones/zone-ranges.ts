/**
 * Whole-zone helpers for the admin side: validate all of a zone's ranges at once (pointing at each
 * bad one by index, so the admin API can highlight it) and count the addresses a zone covers.
 */
import { parseAddress } from './address.js';
import { wordsToBigint } from './ipv6-table.js';
import { parseRange } from './parse-range.js';
import type { RangeParseOptions } from './parse-range.js';
import type { ParsedRange, RangeProblem } from './types.js';

/** A refused range within a zone: its position, its text, and why. */
export interface ZoneRangeProblem {
  index: number;
  text: string;
  code: RangeProblem['code'];
  message: string;
}

/** Accepted ranges (in input order, bad ones left out) and one problem per refused range. */
export interface ZoneRangesResult {
  ranges: ParsedRange[];
  problems: ZoneRangeProblem[];
}

/**
 * Parses every range of one zone.
 * @param texts the zone's ranges as typed
 * @param options `force` accepts ranges covering all of IPv4 or IPv6
 */
export function parseZoneRanges(
  texts: readonly string[],
  options: RangeParseOptions = {},
): ZoneRangesResult {
  const ranges: ParsedRange[] = [];
  const problems: ZoneRangeProblem[] = [];
  texts.forEach((text, index) => {
    const r = parseRange(text, options);
    if (r.ok) ranges.push(r.range);
    else problems.push({ index, text, code: r.problem.code, message: r.problem.message });
  });
  return { ranges, problems };
}

/** A parsed range bound as a number (IPv4 in 0..2^32-1, IPv6 in 0..2^128-1). */
export function toBigint(text: string): bigint {
  const a = parseAddress(text);
  if (!a) throw new TypeError(`Not a parsed range bound: "${text}"`);
  return a.family === 4 ? BigInt(a.v4) : wordsToBigint(a.w);
}

function unionSize(intervals: [bigint, bigint][]): bigint {
  intervals.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  let total = 0n;
  let curLo = -1n;
  let curHi = -2n;
  for (const [lo, hi] of intervals) {
    if (lo > curHi + 1n) {
      if (curHi >= curLo) total += curHi - curLo + 1n;
      curLo = lo;
      curHi = hi;
    } else if (hi > curHi) {
      curHi = hi;
    }
  }
  if (curHi >= curLo) total += curHi - curLo + 1n;
  return total;
}

/**
 * How many distinct addresses the ranges cover, overlaps counted once (IPv4 and IPv6 added).
 * @param ranges parsed ranges, e.g. `parseZoneRanges(...).ranges`
 */
export function countAddresses(ranges: readonly ParsedRange[]): bigint {
  const v4: [bigint, bigint][] = [];
  const v6: [bigint, bigint][] = [];
  for (const r of ranges) {
    const pair: [bigint, bigint] = [toBigint(r.start), toBigint(r.end)];
    (r.family === 4 ? v4 : v6).push(pair);
  }
  return unionSize(v4) + unionSize(v6);
}
