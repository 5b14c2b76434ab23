/**
 * An address as text that sorts like the number it is, so that the database can find the sign-ins
 * recorded from within a range with an index range scan instead of reading every row: the policy
 * preview (issue 27) asks "which past sign-ins came from the ranges this zone change touches?".
 * IPv4 is `4` and eight hex digits, IPv6 `6` and thirty-two; an IPv4-mapped IPv6 address is its
 * IPv4 address (as everywhere in the zone engine). Pure.
 */
import { formatIPv4, formatIPv6, parseAddress, type Address } from './address.js';
import { parseRangeBounds } from './parse-range.js';

const hex = (n: number, digits: number) => n.toString(16).padStart(digits, '0');

function keyOf(a: Address): string {
  return a.family === 4 ? `4${hex(a.v4, 8)}` : `6${a.w.map((w) => hex(w, 8)).join('')}`;
}

/** The sortable key of an address in any accepted spelling, or null when it is not one. */
export function addressKey(text: string): string | null {
  const a = parseAddress(text);
  return a ? keyOf(a) : null;
}

/** The canonical address a key stands for (`addressKey`'s inverse), or null for a bad key. */
export function addressOfKey(key: string): string | null {
  if (/^4[0-9a-f]{8}$/.test(key)) return formatIPv4(parseInt(key.slice(1), 16) >>> 0);
  if (!/^6[0-9a-f]{32}$/.test(key)) return null;
  const w = [0, 1, 2, 3].map((i) => parseInt(key.slice(1 + i * 8, 9 + i * 8), 16) >>> 0);
  return formatIPv6(w);
}

/** An inclusive range of keys. */
export interface KeyRange {
  lo: string;
  hi: string;
}

/**
 * The key range of one range definition as an administrator typed it (CIDR, `a – b`, one
 * address), or null when it does not parse. `force` accepts ranges covering everything.
 */
export function keyRangeOf(text: string, force = false): KeyRange | null {
  const r = parseRangeBounds(text, { force });
  if (!r.ok) return null;
  const b = r.bounds;
  if (b.family === 4) return { lo: `4${hex(b.lo, 8)}`, hi: `4${hex(b.hi, 8)}` };
  const big = (n: bigint) => `6${n.toString(16).padStart(32, '0')}`;
  return { lo: big(b.lo), hi: big(b.hi) };
}
