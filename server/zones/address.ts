/**
 * A strict parser for single IP addresses — the one place that decides what counts as an address.
 * Strict on purpose (peers were fooled by the loose forms): IPv4 only as four decimal parts without
 * leading zeros; no `10.1`, `012.0.0.1`, `0x0a.0.0.1` or `3325256711`; no host names; IPv6 zone ids
 * (`fe80::1%eth0`) are reported separately so callers can refuse them in definitions. IPv4-mapped
 * IPv6 (`::ffff:10.1.2.3`) is that IPv4 address. Pure and allocation-free on the hot path:
 * `parseAddressInto` writes into a caller's `Uint32Array`; the object-returning functions wrap it.
 */

/** IPv4 as an unsigned 32-bit integer; IPv6 as four unsigned 32-bit words, most significant first. */
export type Address =
  { family: 4; v4: number } | { family: 6; w: [number, number, number, number] };

export type AddressProblem = 'empty' | 'legacy_ipv4' | 'hostname' | 'zone_id' | 'syntax';

export type AddressParseResult =
  { ok: true; address: Address } | { ok: false; problem: AddressProblem };

/** Longest text taken as one address (the longest real one, with embedded IPv4, has 45 characters). */
export const MAX_ADDRESS_LENGTH = 64;

/**
 * Parses four decimal parts, each 0–255 without leading zeros, in `s[from, to)`.
 * Returns the address as an unsigned 32-bit integer, or -1 when it is not strict IPv4.
 */
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

/** Scratch space for the eight 16-bit groups; the parser is synchronous, so one is enough. */
const groups = new Uint32Array(8);

/**
 * Parses an IPv6 literal (no brackets, no zone id) of length `n` into `out[0..3]`.
 * Accepts `::` once, and an embedded dotted IPv4 as the last 32 bits. Returns false if malformed.
 */
function parseIPv6Into(s: string, n: number, out: Uint32Array): boolean {
  if (n < 2) return false;
  let count = 0;
  let doubleColonAt = -1;
  let i = 0;
  if (s.charCodeAt(0) === 58) {
    if (s.charCodeAt(1) !== 58) return false;
    doubleColonAt = 0;
    i = 2;
  }
  if (i < n) {
    for (;;) {
      const start = i;
      let g = 0;
      while (i < n) {
        const h = hexValue(s.charCodeAt(i));
        if (h < 0) break;
        g = g * 16 + h;
        i++;
      }
      if (i < n && s.charCodeAt(i) === 46) {
        // An embedded IPv4 address: it must be the last piece and fit in two groups.
        if (count > 6) return false;
        const v4 = parseIPv4Strict(s, start, n);
        if (v4 < 0) return false;
        groups[count++] = v4 >>> 16;
        groups[count++] = v4 & 0xffff;
        break;
      }
      const len = i - start;
      if (len < 1 || len > 4 || count === 8) return false;
      groups[count++] = g;
      if (i === n) break;
      if (s.charCodeAt(i) !== 58) return false;
      i++;
      if (i === n) return false; // a trailing single colon
      if (s.charCodeAt(i) === 58) {
        if (doubleColonAt !== -1) return false;
        doubleColonAt = count;
        i++;
        if (i === n) break;
      }
    }
  }
  if (doubleColonAt === -1) {
    if (count !== 8) return false;
  } else {
    if (count > 7) return false;
    const missing = 8 - count;
    for (let k = count - 1; k >= doubleColonAt; k--) groups[k + missing] = groups[k]!;
    for (let k = doubleColonAt; k < doubleColonAt + missing; k++) groups[k] = 0;
  }
  out[0] = ((groups[0]! << 16) | groups[1]!) >>> 0;
  out[1] = ((groups[2]! << 16) | groups[3]!) >>> 0;
  out[2] = ((groups[4]! << 16) | groups[5]!) >>> 0;
  out[3] = ((groups[6]! << 16) | groups[7]!) >>> 0;
  return true;
}

/**
 * The hot-path parser: no trimming, no allocation. Writes IPv4 (including IPv4-mapped IPv6) into
 * `out[0]` and returns 4; writes IPv6 into `out[0..3]` and returns 6; returns 0 when `s` is not a
 * strict address. `out` must hold at least four words.
 */
export function parseAddressInto(s: string, out: Uint32Array): 0 | 4 | 6 {
  const n = s.length;
  if (n === 0 || n > MAX_ADDRESS_LENGTH) return 0;
  const v4 = parseIPv4Strict(s, 0, n);
  if (v4 >= 0) {
    out[0] = v4;
    return 4;
  }
  if (!parseIPv6Into(s, n, out)) return 0;
  if (out[0] === 0 && out[1] === 0 && out[2] === 0xffff) {
    out[0] = out[3]!;
    return 4;
  }
  return 6;
}

/**
 * True when the text is an IPv4 form that `inet_aton` reads but we refuse: fewer than four parts,
 * a part with a leading zero (octal), a hexadecimal part, or one big number.
 */
function looksLikeLegacyIPv4(s: string): boolean {
  if (!/^(0x[0-9a-f]*|[0-9]+)(\.(0x[0-9a-f]*|[0-9]+)){0,3}$/i.test(s)) return false;
  // Four plain decimal parts that failed the strict parser are merely out of range, not legacy.
  return !/^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*)){3}$/.test(s);
}

const scratch = new Uint32Array(4);

/** Parses one address (surrounding white space allowed). IPv4-mapped IPv6 becomes IPv4. Says why when it is not an address. */
export function parseAddressDetailed(text: string): AddressParseResult {
  const s = text.trim();
  if (s === '') return { ok: false, problem: 'empty' };
  if (s.length > MAX_ADDRESS_LENGTH) return { ok: false, problem: 'syntax' };
  const family = parseAddressInto(s, scratch);
  if (family === 4) return { ok: true, address: { family: 4, v4: scratch[0]! } };
  if (family === 6) {
    const w: [number, number, number, number] = [
      scratch[0]!,
      scratch[1]!,
      scratch[2]!,
      scratch[3]!,
    ];
    return { ok: true, address: { family: 6, w } };
  }
  if (s.includes(':')) {
    return { ok: false, problem: s.includes('%') ? 'zone_id' : 'syntax' };
  }
  if (looksLikeLegacyIPv4(s)) return { ok: false, problem: 'legacy_ipv4' };
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)*\.?$/i.test(s) && /[a-z]/i.test(s))
    return { ok: false, problem: 'hostname' };
  return { ok: false, problem: 'syntax' };
}

/** Parses one address, or returns null. */
export function parseAddress(text: string): Address | null {
  const r = parseAddressDetailed(text);
  return r.ok ? r.address : null;
}

/** Dotted-decimal text of an unsigned 32-bit IPv4 address. */
export function formatIPv4(v: number): string {
  return `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
}

/** Hex text of each byte, without and with a leading zero (for fast IPv6 formatting). */
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16));
const HEX2 = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/** Lower-case hex of group i (0–7) of an address held as four words, without leading zeros. */
function groupHex(w: ArrayLike<number>, i: number): string {
  const g = (w[i >> 1]! >>> ((1 - (i & 1)) * 16)) & 0xffff;
  return g > 255 ? HEX[g >>> 8]! + HEX2[g & 255]! : HEX[g]!;
}

/** RFC 5952 text: lower case, longest run of two or more zero groups as `::` (the first on a tie). */
export function formatIPv6(w: ArrayLike<number>): string {
  // Find the longest run of zero groups without building an array of groups.
  let bestStart = -1;
  let bestLen = 1;
  let runStart = -1;
  for (let i = 0; i <= 8; i++) {
    const zero = i < 8 && ((w[i >> 1]! >>> ((1 - (i & 1)) * 16)) & 0xffff) === 0;
    if (zero) {
      if (runStart < 0) runStart = i;
    } else if (runStart >= 0) {
      if (i - runStart > bestLen) {
        bestStart = runStart;
        bestLen = i - runStart;
      }
      runStart = -1;
    }
  }
  if (bestStart < 0) {
    let s = groupHex(w, 0);
    for (let i = 1; i < 8; i++) s += ':' + groupHex(w, i);
    return s;
  }
  let s = '';
  for (let i = 0; i < bestStart; i++) s += (i > 0 ? ':' : '') + groupHex(w, i);
  s += '::';
  for (let i = bestStart + bestLen; i < 8; i++) {
    s += (i > bestStart + bestLen ? ':' : '') + groupHex(w, i);
  }
  return s;
}

/** Canonical text of a parsed address. */
export function formatAddress(a: Address): string {
  return a.family === 4 ? formatIPv4(a.v4) : formatIPv6(a.w);
}

/** The canonical text of an address (`::ffff:10.1.2.3` → `10.1.2.3`), or null if it is not one. */
export function normalizeAddress(text: string): string | null {
  const a = parseAddress(text);
  return a ? formatAddress(a) : null;
}
