/**
 * The zone engine's public types. The engine is pure: strings in, decisions out — no Hono, no
 * database. Everything that decides a login goes through `ZoneMatcher.match`.
 */

/** A named safe zone as an administrator defines it: ranges exactly as typed. */
export interface ZoneDefinition {
  name: string;
  /** Each entry: `A.B.C.D – E.F.G.H` (en dash or hyphen), CIDR, single address, IPv6 range. */
  ranges: string[];
  /** Disabled zones are ignored by the matcher. Default true. */
  enabled?: boolean;
  /** Accept ranges that cover everything (`0.0.0.0/0`, `::/0`). Default false. */
  force?: boolean;
}

/** Why a range definition was refused; `code` is stable, `message` is for people. */
export interface RangeProblem {
  code:
    | 'empty'
    | 'syntax'
    | 'legacy_ipv4'
    | 'hostname'
    | 'zone_id'
    | 'mixed_families'
    | 'start_above_end'
    | 'bad_prefix'
    | 'host_bits_set'
    | 'everything'
    | 'too_long';
  message: string;
}

export type Family = 4 | 6;

/** A parsed, inclusive range. Bounds are canonical address strings. */
export interface ParsedRange {
  family: Family;
  /** Canonical text of the lower bound, e.g. `10.0.0.0` or `2001:db8::`. */
  start: string;
  end: string;
  /** How many addresses it covers (bigint: IPv6 ranges are huge). */
  size: bigint;
  /** Warnings that did not refuse the range (e.g. a very large zone). */
  warnings: string[];
}

export type RangeParseResult =
  { ok: true; range: ParsedRange } | { ok: false; problem: RangeProblem };

/** What the matcher says about one address. */
export interface ZoneMatch {
  /** True only when the address parsed and lies in an enabled zone. */
  inside: boolean;
  /** The matching zone's name (the first in definition order when zones overlap), else null. */
  zone: string | null;
  /** The address in canonical form (IPv4-mapped IPv6 as IPv4), or null if it did not parse. */
  address: string | null;
}

export interface ZoneMatcher {
  match(address: string): ZoneMatch;
  /** Number of enabled zones and of merged intervals, for the admin page and the benchmark. */
  readonly zoneCount: number;
  readonly intervalCount: number;
}
