/**
 * Parses one zone range as an administrator types it, and says precisely what is wrong otherwise.
 *
 * Accepted: the seed's `A.B.C.D – E.F.G.H` (en dash U+2013 or hyphen, spaces optional, inclusive),
 * CIDR (`10.0.0.0/8`, `2001:db8::/32`), single addresses, IPv6 ranges. IPv4-mapped IPv6
 * (`::ffff:10.1.2.3`) is that IPv4 address; a mapped CIDR (`::ffff:10.0.0.0/104`) is the IPv4 network
 * (`10.0.0.0/8`).
 *
 * Refused, each with a stable `code`: legacy IPv4 forms, host names, zone ids, an IPv4 bound with an
 * IPv6 bound, a start above the end, bad prefixes (`/33`, `/-1`, `/08`), texts longer than
 * MAX_RANGE_LENGTH, and — unless forced — any range covering all of IPv4 or all of IPv6, which would
 * switch the second factor off for everyone.
 *
 * CIDR with host bits set (`10.0.0.5/8`) is REFUSED (`host_bits_set`), not silently widened to
 * `10.0.0.0/8`: the administrator may have meant a single host, a /8, or a range starting at
 * 10.0.0.5, and widening a safe zone by guessing could exempt millions of addresses from the second
 * factor. The message names the network to write instead (`10.0.0.0/8`).
 *
 * Very large zones (more than a /8 in IPv4, more than a /32 in IPv6) are accepted with a warning.
 */
import { formatIPv4, formatIPv6, parseAddressDetailed } from './address.js';
import type { AddressProblem } from './address.js';
import { bigintToWords } from './ipv6-table.js';
import type { ParsedRange, RangeParseResult, RangeProblem } from './types.js';

/** Longest accepted range text; the longest real one (two full IPv6 bounds) has about 95 characters. */
export const MAX_RANGE_LENGTH = 160;

/** Options for parsing zone ranges. */
export interface RangeParseOptions {
  /** Accept ranges that cover all of IPv4 or all of IPv6. Default false. */
  force?: boolean;
}

/** Numeric bounds of a range: numbers for IPv4, bigints for IPv6 (used by the matcher). */
export type RangeBounds =
  { family: 4; lo: number; hi: number } | { family: 6; lo: bigint; hi: bigint };

export type BoundsResult = { ok: true; bounds: RangeBounds } | { ok: false; problem: RangeProblem };

const V4_MAX = 0xffffffff;
const V6_MAX = (1n << 128n) - 1n;
const LARGE_V4 = 2 ** 24; // a /8
const LARGE_V6 = 1n << 96n; // a /32
const MAPPED_LO = 0xffffn << 32n; // ::ffff:0.0.0.0
const MAPPED_HI = MAPPED_LO | 0xffffffffn;

const HOSTNAME = /^(?=.*[a-z])[a-z0-9-]+(\.[a-z0-9-]+)*\.?$/i;

function fail(code: RangeProblem['code'], message: string): { ok: false; problem: RangeProblem } {
  return { ok: false, problem: { code, message } };
}

type Bound = { family: 4; v4: number } | { family: 6; v6: bigint };

/** Parses one bound; `role` says where it sits ("the address", "the start", ...) for the message. */
function parseBound(
  piece: string,
  role: string,
  whole: string,
): { ok: true; bound: Bound } | { ok: false; problem: RangeProblem } {
  const r = parseAddressDetailed(piece);
  if (r.ok) {
    const a = r.address;
    if (a.family === 4) return { ok: true, bound: { family: 4, v4: a.v4 } };
    const v6 =
      (BigInt(a.w[0]) << 96n) | (BigInt(a.w[1]) << 64n) | (BigInt(a.w[2]) << 32n) | BigInt(a.w[3]);
    return { ok: true, bound: { family: 6, v6 } };
  }
  return { ok: false, problem: boundProblem(r.problem, piece.trim(), role, whole) };
}

function boundProblem(
  problem: AddressProblem,
  piece: string,
  role: string,
  whole: string,
): RangeProblem {
  // Name the piece, and where it sits when the range has more than one piece.
  const what = role === 'the address' ? `"${piece}"` : `"${piece}" (${role} of "${whole}")`;
  switch (problem) {
    case 'empty':
      return { code: 'syntax', message: `${capitalize(role)} of "${whole}" is missing.` };
    case 'legacy_ipv4':
      return {
        code: 'legacy_ipv4',
        message:
          `${what} is a legacy IPv4 form (fewer than four parts, a leading zero, ` +
          `hexadecimal, or one big number) that systems read differently; write four decimal ` +
          `parts from 0 to 255 without leading zeros, like 10.0.0.1.`,
      };
    case 'hostname':
      return {
        code: 'hostname',
        message: `${what} is a host name, not an IP address; zones take addresses, CIDRs and ranges only.`,
      };
    case 'zone_id':
      return {
        code: 'zone_id',
        message: `${what} has an IPv6 zone id (the part after %), which a zone cannot use; remove it.`,
      };
    case 'syntax':
      return {
        code: 'syntax',
        message: `${what} is not an IP address (expected e.g. 10.0.0.1 or 2001:db8::1).`,
      };
  }
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function familyName(f: 4 | 6): string {
  return f === 4 ? 'IPv4' : 'IPv6';
}

/** Checks "covers everything" for a parsed range. */
function coverageProblem(b: RangeBounds, text: string, force: boolean): RangeProblem | null {
  if (force) return null;
  const all = b.family === 4 ? b.lo === 0 && b.hi === V4_MAX : b.lo === 0n && b.hi === V6_MAX;
  if (!all) return null;
  return {
    code: 'everything',
    message:
      `"${text}" covers every ${familyName(b.family)} address: it would switch the second factor ` +
      `off for everyone. It is refused unless forced.`,
  };
}

function parseCidr(text: string, slash: number): BoundsResult {
  const addrText = text.slice(0, slash).trim();
  const prefixText = text.slice(slash + 1).trim();
  if (/[-\u2013]/.test(addrText)) {
    return fail('syntax', `"${text}" mixes a range and a prefix; write either a range or a CIDR.`);
  }
  const b = parseBound(addrText, 'the network address', text);
  if (!b.ok) return b;
  const mapped = b.bound.family === 4 && addrText.includes(':');
  const maxPrefix = b.bound.family === 6 || mapped ? 128 : 32;
  if (!/^(0|[1-9][0-9]{0,2})$/.test(prefixText) || Number(prefixText) > maxPrefix) {
    return fail(
      'bad_prefix',
      `"/${prefixText}" in "${text}" is not a valid prefix: ${b.bound.family === 6 || mapped ? 'IPv6' : 'IPv4'} ` +
        `prefixes are whole numbers from 0 to ${maxPrefix} without leading zeros.`,
    );
  }
  let prefix = Number(prefixText);
  if (b.bound.family === 4) {
    if (mapped) {
      if (prefix < 96) {
        return fail(
          'bad_prefix',
          `"${text}" is an IPv4-mapped network, so its prefix must be from /96 to /128 ` +
            `(::ffff:10.0.0.0/104 is 10.0.0.0/8); better, write the IPv4 CIDR.`,
        );
      }
      prefix -= 96;
    }
    const a = b.bound.v4;
    const size = 2 ** (32 - prefix);
    const lo = a - (a % size);
    if (lo !== a) {
      const net = `${formatIPv4(lo)}/${prefix}`;
      return fail(
        'host_bits_set',
        `"${text}" has host bits set: the network is ${net}. Write ${net}, or the range ` +
          `${formatIPv4(a)} – ${formatIPv4(lo + size - 1)} if you meant to start at ${formatIPv4(a)}.`,
      );
    }
    return { ok: true, bounds: { family: 4, lo, hi: lo + size - 1 } };
  }
  const a = b.bound.v6;
  const hostMask = (1n << BigInt(128 - prefix)) - 1n;
  const lo = a & ~hostMask;
  if (lo !== a) {
    const net = `${formatV6(lo)}/${prefix}`;
    return fail(
      'host_bits_set',
      `"${text}" has host bits set: the network is ${net}. Write ${net}, or the range ` +
        `${formatV6(a)} - ${formatV6(lo | hostMask)} if you meant to start at ${formatV6(a)}.`,
    );
  }
  return { ok: true, bounds: { family: 6, lo, hi: lo | hostMask } };
}

const wordsScratch = new Uint32Array(4);

function formatV6(v: bigint): string {
  bigintToWords(v, wordsScratch);
  return formatIPv6(wordsScratch);
}

function parseDashRange(text: string, dash: number): BoundsResult {
  const s = parseBound(text.slice(0, dash), 'the start', text);
  if (!s.ok) return s;
  const e = parseBound(text.slice(dash + 1), 'the end', text);
  if (!e.ok) return e;
  const a = s.bound;
  const b = e.bound;
  if (a.family !== b.family) {
    return fail(
      'mixed_families',
      `"${text}" goes from an ${familyName(a.family)} address to an ${familyName(b.family)} ` +
        `address; both ends of a range must be IPv4, or both IPv6.`,
    );
  }
  const lo = a.family === 4 ? a.v4 : (a as { v6: bigint }).v6;
  const hi = b.family === 4 ? b.v4 : (b as { v6: bigint }).v6;
  if (lo > hi) {
    return fail(
      'start_above_end',
      `"${text}" starts above its end; write the lower address first.`,
    );
  }
  return {
    ok: true,
    bounds:
      a.family === 4
        ? { family: 4, lo: lo as number, hi: hi as number }
        : { family: 6, lo: lo as bigint, hi: hi as bigint },
  };
}

/**
 * Parses one range to numeric bounds (the matcher's entry point; `parseRange` adds the text form).
 * @param text as typed; surrounding white space is ignored
 */
export function parseRangeBounds(text: string, options: RangeParseOptions = {}): BoundsResult {
  if (text.length > MAX_RANGE_LENGTH) {
    return fail(
      'too_long',
      `The range is ${text.length} characters long; at most ${MAX_RANGE_LENGTH} are accepted.`,
    );
  }
  const t = text.trim();
  if (t === '') return fail('empty', 'The range is empty.');
  let r: BoundsResult;
  const slash = t.indexOf('/');
  const dashes = t.match(/[-\u2013]/g)?.length ?? 0;
  if (slash !== -1) {
    if (t.indexOf('/', slash + 1) !== -1) {
      return fail('syntax', `"${t}" has more than one "/".`);
    }
    r = parseCidr(t, slash);
  } else if (dashes === 0) {
    const b = parseBound(t, 'the address', t);
    if (!b.ok) return b;
    r = {
      ok: true,
      bounds:
        b.bound.family === 4
          ? { family: 4, lo: b.bound.v4, hi: b.bound.v4 }
          : { family: 6, lo: b.bound.v6, hi: b.bound.v6 },
    };
  } else if (dashes === 1) {
    r = parseDashRange(t, t.search(/[-\u2013]/));
    if (!r.ok && r.problem.code !== 'legacy_ipv4' && HOSTNAME.test(t)) {
      return fail('hostname', `"${t}" is a host name, not an IP address range.`);
    }
  } else {
    if (HOSTNAME.test(t)) return fail('hostname', `"${t}" is a host name, not an IP address.`);
    return fail(
      'syntax',
      `"${t}" has more than one dash; a range is two addresses joined by one "–" or "-".`,
    );
  }
  if (!r.ok) return r;
  const problem = coverageProblem(r.bounds, t, options.force === true);
  return problem ? { ok: false, problem } : r;
}

/** Sentences about a range that is accepted but deserves a second look. */
function warningsFor(b: RangeBounds, text: string): string[] {
  const warnings: string[] = [];
  if (b.family === 4) {
    const size = b.hi - b.lo + 1;
    if (size === 2 ** 32) {
      warnings.push(
        `"${text}" covers every IPv4 address: the second factor is off for all IPv4 clients.`,
      );
    } else if (size > LARGE_V4) {
      warnings.push(
        `"${text}" covers ${size.toLocaleString('en-US')} addresses (more than a /8): everyone ` +
          `in it logs in with a password only. Check that this is intended.`,
      );
    }
  } else {
    const size = b.hi - b.lo + 1n;
    if (size === 1n << 128n) {
      warnings.push(
        `"${text}" covers every IPv6 address: the second factor is off for all IPv6 clients.`,
      );
    } else if (size > LARGE_V6) {
      warnings.push(
        `"${text}" covers more than a /32 of IPv6: everyone in it logs in with a password only. ` +
          `Check that this is intended.`,
      );
    }
    if (b.lo <= MAPPED_HI && b.hi >= MAPPED_LO) {
      warnings.push(
        `"${text}" includes IPv4-mapped addresses (::ffff:0:0/96); those are treated as IPv4 ` +
          `and never match an IPv6 range. Add IPv4 ranges for IPv4 clients.`,
      );
    }
  }
  return warnings;
}

/** Turns numeric bounds into the public, canonical form. */
export function toParsedRange(b: RangeBounds, text: string): ParsedRange {
  if (b.family === 4) {
    return {
      family: 4,
      start: formatIPv4(b.lo),
      end: formatIPv4(b.hi),
      size: BigInt(b.hi - b.lo + 1),
      warnings: warningsFor(b, text),
    };
  }
  return {
    family: 6,
    start: formatV6(b.lo),
    end: formatV6(b.hi),
    size: b.hi - b.lo + 1n,
    warnings: warningsFor(b, text),
  };
}

/**
 * Parses one zone range definition.
 * @param text e.g. `10.0.0.0 – 10.255.255.255`, `10.0.0.0/8`, `2001:db8::/32`, `192.0.2.7`
 * @param options `force` accepts ranges covering all of IPv4 or IPv6
 * @returns the canonical range (with warnings), or a problem with a stable code and a message
 */
export function parseRange(text: string, options: RangeParseOptions = {}): RangeParseResult {
  const r = parseRangeBounds(text, options);
  if (!r.ok) return r;
  return { ok: true, range: toParsedRange(r.bounds, text.trim()) };
}
