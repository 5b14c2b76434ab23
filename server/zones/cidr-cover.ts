/**
 * A zone range as the fewest CIDR blocks that cover exactly it — for configuration written from the
 * zones (`ipsafezone proxy-config`: nginx `geo`, Apache `Require ip`), which take CIDR blocks but not
 * the seed's `A.B.C.D – E.F.G.H` ranges. Pure: parsed bounds in, canonical block texts out.
 */
import { formatIPv4, formatIPv6 } from './address.js';
import { bigintToWords } from './ipv6-table.js';
import type { RangeBounds } from './parse-range.js';

/** The CIDR blocks, in order, that together are exactly the inclusive range `bounds`. */
export function cidrCover(bounds: RangeBounds): string[] {
  const bits = bounds.family === 4 ? 32 : 128;
  let lo = BigInt(bounds.lo);
  const hi = BigInt(bounds.hi);
  const out: string[] = [];
  while (lo <= hi) {
    // The largest block that starts at lo (aligned) and does not pass hi.
    let size = 0;
    while (size < bits) {
      const next = 1n << BigInt(size + 1);
      if (lo % next !== 0n || lo + next - 1n > hi) break;
      size++;
    }
    out.push(`${format(bounds.family, lo)}/${bits - size}`);
    lo += 1n << BigInt(size);
  }
  return out;
}

function format(family: 4 | 6, v: bigint): string {
  if (family === 4) return formatIPv4(Number(v));
  const words = new Uint32Array(4);
  bigintToWords(v, words);
  return formatIPv6(words);
}
