/**
 * Zone ranges checked in the browser with the server's own parser (server/zones is plain
 * TypeScript with no Node imports), so the page shows the same error at the same place while the
 * administrator types, counts the addresses, and can tell whether a change would leave the
 * administrator's own address outside every enabled zone.
 */
import { parseAddress } from '../../server/zones/address.js';
import { wordsToBigint } from '../../server/zones/ipv6-table.js';
import { parseRange } from '../../server/zones/parse-range.js';
import { countAddresses } from '../../server/zones/zone-ranges.js';
import { coveredFamilies } from '../../server/zones/coverage.js';
import type { ParsedRange, RangeProblem } from '../../server/zones/types.js';

export type RangeCheck = { ok: true; range: ParsedRange } | { ok: false; problem: RangeProblem };

/** Checks one typed range; `force` accepts 0.0.0.0/0 and ::/0. */
export function checkRange(text: string, force: boolean): RangeCheck {
  const r = parseRange(text, { force });
  return r.ok ? { ok: true, range: r.range } : { ok: false, problem: r.problem };
}

/** How many addresses the good ones among `texts` cover, as a decimal string. */
export function countOf(texts: readonly string[], force: boolean): string {
  const good: ParsedRange[] = [];
  for (const t of texts) {
    const c = checkRange(t, force);
    if (c.ok) good.push(c.range);
  }
  return countAddresses(good).toString();
}

/**
 * True when the typed ranges, merged with `others` (the other enabled zones' ranges), cover every
 * IPv4 or every IPv6 address — the server then asks for `force` (422 `covers_everything`).
 */
export function coversEverything(texts: readonly string[], others: readonly string[]): boolean {
  const good: ParsedRange[] = [];
  for (const t of [...texts, ...others]) {
    const c = checkRange(t, true);
    if (c.ok) good.push(c.range);
  }
  const all = coveredFamilies(good);
  return all.ipv4 || all.ipv6;
}

const toBig = (text: string): { family: 4 | 6; v: bigint } | null => {
  const a = parseAddress(text);
  if (!a) return null;
  return a.family === 4 ? { family: 4, v: BigInt(a.v4) } : { family: 6, v: wordsToBigint(a.w) };
};

/** True when `address` lies in one of the ranges typed in `texts` (bad ones ignored). */
export function covers(texts: readonly string[], address: string, force = true): boolean {
  const a = toBig(address);
  if (!a) return false;
  for (const t of texts) {
    const c = checkRange(t, force);
    if (!c.ok || c.range.family !== a.family) continue;
    const lo = toBig(c.range.start);
    const hi = toBig(c.range.end);
    if (lo && hi && a.v >= lo.v && a.v <= hi.v) return true;
  }
  return false;
}

/** Whether `address` is inside any of the enabled zones. */
export function insideAny(
  zones: readonly { ranges: readonly string[]; enabled: boolean }[],
  address: string | null,
): boolean {
  if (!address) return false;
  return zones.some((z) => z.enabled && covers(z.ranges, address));
}

/** Groups digits for people: 16777216 → 16,777,216 (en) or 16.777.216 (de). */
export function groupDigits(decimal: string, lang: string): string {
  const sep = lang === 'de' ? '.' : ',';
  return decimal.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}
