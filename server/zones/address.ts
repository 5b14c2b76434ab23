/**
 * A strict parser for single IP addresses — the one place that decides what counts as an address.
 * Strict on purpose (peers were fooled by the loose forms): IPv4 only as four decimal parts without
 * leading zeros; no `10.1`, `012.0.0.1`, `0x0a.0.0.1` or `3325256711`; no host names; IPv6 zone ids
 * (`fe80::1%eth0`) are reported separately so callers can refuse them in definitions. IPv4-mapped
 * IPv6 (`::ffff:10.1.2.3`) is that IPv4 address. Pure and allocation-light: it sits on the hot path.
 */

/** IPv4 as an unsigned 32-bit integer; IPv6 as four unsigned 32-bit words, most significant first. */
export type Address =
  { family: 4; v4: number } | { family: 6; w: [number, number, number, number] };

export type AddressProblem = 'empty' | 'legacy_ipv4' | 'hostname' | 'zone_id' | 'syntax';

export type AddressParseResult =
  { ok: true; address: Address } | { ok: false; problem: AddressProblem };

const MAX_ADDRESS_LENGTH = 64;

/** Parses four decimal parts, each 0–255 without leading zeros. Returns -1 when not strict IPv4. */
export function parseIPv4Strict(s: string, from = 0, to = s.length): number {
  let value = 0;
  let parts = 0;
  let i = from;
  while (i <= to) {
    const start = i;
    let part = 0;
    while (i < to) {
      const c = s.charCodeAt(i);
      if (c < 48 || c > 57) break;
      part = part * 10 + (c - 48);
      i++;
      if (i - start > 3) return -1;
    }
    const len = i - start;
    if (len === 0 || part > 255 || (len > 1 && s.charCodeAt(start) === 48)) return -1;
    value = value * 256 + part;
    parts++;
    if (i === to) break;
    if (s.charCodeAt(i) !== 46 || parts === 4) return -1;
    i++;
  }
  return parts === 4 ? value >>> 0 : -1;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** Parses an IPv6 literal (no brackets, no zone id) into 8 16-bit groups, or null. */
function parseIPv6Groups(s: string): number[] | null {
  const groups: number[] = [];
  let doubleColonAt = -1;
  let i = 0;
  const n = s.length;
  if (n < 2) return null;
  if (s.charCodeAt(0) === 58) {
    if (s.charCodeAt(1) !== 58) return null;
    doubleColonAt = 0;
    i = 2;
    if (i === n) return [0, 0, 0, 0, 0, 0, 0, 0];
  }
  while (i < n) {
    // Embedded IPv4 in the last 32 bits?
    const nextColon = s.indexOf(':', i);
    const segEnd = nextColon === -1 ? n : nextColon;
    if (nextColon === -1 && s.indexOf('.', i) !== -1) {
      const v4 = parseIPv4Strict(s, i, n);
      if (v4 < 0) return null;
      groups.push(v4 >>> 16, v4 & 0xffff);
      i = n;
      break;
    }
    const len = segEnd - i;
    if (len < 1 || len > 4) return null;
    let g = 0;
    for (let k = i; k < segEnd; k++) {
      const h = hexValue(s.charCodeAt(k));
      if (h < 0) return null;
      g = g * 16 + h;
    }
    groups.push(g);
    if (segEnd === n) {
      i = n;
      break;
    }
    i = segEnd + 1;
    if (i < n && s.charCodeAt(i) === 58) {
      if (doubleColonAt !== -1) return null;
      doubleColonAt = groups.length;
      i++;
      if (i === n) break;
    } else if (i === n) {
      return null; // trailing single colon
    }
  }
  if (doubleColonAt === -1) return groups.length === 8 ? groups : null;
  if (groups.length > 7) return null;
  const missing = 8 - groups.length;
  return [
    ...groups.slice(0, doubleColonAt),
    ...new Array<number>(missing).fill(0),
    ...groups.slice(doubleColonAt),
  ];
}

/** True when the text looks like a legacy IPv4 form (fewer parts, octal, hex, or one big number). */
function looksLikeLegacyIPv4(s: string): boolean {
  return /^(0x[0-9a-f]+|[0-9]+)(\.(0x[0-9a-f]+|[0-9]+)){0,3}$/i.test(s);
}

/** Parses one address. IPv4-mapped IPv6 becomes IPv4. Says why when it is not an address. */
export function parseAddressDetailed(text: string): AddressParseResult {
  const s = text.trim();
  if (s === '') return { ok: false, problem: 'empty' };
  if (s.length > MAX_ADDRESS_LENGTH) return { ok: false, problem: 'syntax' };
  const v4 = parseIPv4Strict(s);
  if (v4 >= 0) return { ok: true, address: { family: 4, v4 } };
  if (s.includes(':')) {
    if (s.includes('%')) return { ok: false, problem: 'zone_id' };
    const g = parseIPv6Groups(s);
    if (!g) return { ok: false, problem: 'syntax' };
    return { ok: true, address: fromGroups(g) };
  }
  if (looksLikeLegacyIPv4(s)) return { ok: false, problem: 'legacy_ipv4' };
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)*\.?$/i.test(s) && /[a-z]/i.test(s))
    return { ok: false, problem: 'hostname' };
  return { ok: false, problem: 'syntax' };
}

function fromGroups(g: number[]): Address {
  const w: [number, number, number, number] = [
    ((g[0]! << 16) | g[1]!) >>> 0,
    ((g[2]! << 16) | g[3]!) >>> 0,
    ((g[4]! << 16) | g[5]!) >>> 0,
    ((g[6]! << 16) | g[7]!) >>> 0,
  ];
  if (w[0] === 0 && w[1] === 0 && w[2] === 0xffff) return { family: 4, v4: w[3] };
  return { family: 6, w };
}

/** Parses one address, or returns null. */
export function parseAddress(text: string): Address | null {
  const r = parseAddressDetailed(text);
  return r.ok ? r.address : null;
}

export function formatIPv4(v: number): string {
  return `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
}

/** RFC 5952 text: lower case, longest run of two or more zero groups as `::`. */
export function formatIPv6(w: readonly [number, number, number, number]): string {
  const g: number[] = [];
  for (const word of w) g.push(word >>> 16, word & 0xffff);
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = g.map((x) => x.toString(16));
  if (bestStart === -1) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

export function formatAddress(a: Address): string {
  return a.family === 4 ? formatIPv4(a.v4) : formatIPv6(a.w);
}

/** The canonical text of an address (`::ffff:10.1.2.3` → `10.1.2.3`), or null if it is not one. */
export function normalizeAddress(text: string): string | null {
  const a = parseAddress(text);
  return a ? formatAddress(a) : null;
}
