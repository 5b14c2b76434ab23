// Seeded random inputs for the zone benchmark: the same seed gives the same CIDRs and addresses on
// every run, so figures are comparable between runs and between the two matchers.
import { formatIPv4, formatIPv6 } from '../server/zones/address.js';

/** mulberry32: a small, fast, seedable PRNG returning floats in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random unsigned 32-bit integer. */
export const u32 = (rnd: () => number): number => Math.floor(rnd() * 4294967296) >>> 0;

/** An IPv4 CIDR as network number and prefix. */
export interface V4Cidr {
  net: number;
  prefix: number;
}

/** `n` random IPv4 CIDRs with prefixes from `minPrefix` to 32 (host bits cleared). */
export function randomV4Cidrs(rnd: () => number, n: number, minPrefix = 20): V4Cidr[] {
  const out: V4Cidr[] = [];
  for (let i = 0; i < n; i++) {
    const prefix = minPrefix + Math.floor(rnd() * (33 - minPrefix));
    const size = 2 ** (32 - prefix);
    const a = u32(rnd);
    out.push({ net: a - (a % size), prefix });
  }
  return out;
}

/** Half uniform random addresses, half drawn from inside random CIDRs of the set. */
export function randomV4Addresses(rnd: () => number, n: number, cidrs: V4Cidr[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    if (i % 2 === 0 || cidrs.length === 0) {
      out.push(formatIPv4(u32(rnd)));
    } else {
      const c = cidrs[Math.floor(rnd() * cidrs.length)]!;
      out.push(formatIPv4(c.net + Math.floor(rnd() * 2 ** (32 - c.prefix))));
    }
  }
  return out;
}

/** An IPv6 CIDR as four words and a prefix. */
export interface V6Cidr {
  w: Uint32Array;
  prefix: number;
}

function clearHostBits(w: Uint32Array, prefix: number): void {
  for (let k = 0; k < 4; k++) {
    const keep = Math.min(Math.max(prefix - 32 * k, 0), 32);
    w[k] = keep === 0 ? 0 : keep === 32 ? w[k]! : (w[k]! & (0xffffffff << (32 - keep))) >>> 0;
  }
}

/** A random address in 2000::/4 (global unicast), four words. */
function randomV6(rnd: () => number): Uint32Array {
  const w = new Uint32Array([u32(rnd), u32(rnd), u32(rnd), u32(rnd)]);
  w[0] = ((w[0]! & 0x0fffffff) | 0x20000000) >>> 0;
  return w;
}

/** `n` random IPv6 CIDRs in 2000::/4 with prefixes from 32 to 64. */
export function randomV6Cidrs(rnd: () => number, n: number): V6Cidr[] {
  const out: V6Cidr[] = [];
  for (let i = 0; i < n; i++) {
    const prefix = 32 + Math.floor(rnd() * 33);
    const w = randomV6(rnd);
    clearHostBits(w, prefix);
    out.push({ w, prefix });
  }
  return out;
}

/** Half random addresses in 2000::/4, half inside random CIDRs of the set (compressed text). */
export function randomV6Addresses(rnd: () => number, n: number, cidrs: V6Cidr[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const w = randomV6(rnd);
    if (i % 2 === 1 && cidrs.length > 0) {
      const c = cidrs[Math.floor(rnd() * cidrs.length)]!;
      for (let k = 0; k < 4; k++) {
        const keep = Math.min(Math.max(c.prefix - 32 * k, 0), 32);
        const mask = keep === 0 ? 0 : keep === 32 ? 0xffffffff : (0xffffffff << (32 - keep)) >>> 0;
        w[k] = ((c.w[k]! & mask) | (w[k]! & ~mask)) >>> 0;
      }
    }
    out.push(formatIPv6(w));
  }
  return out;
}

/** CIDR text of an IPv6 CIDR. */
export const v6CidrText = (c: V6Cidr): string => `${formatIPv6(c.w)}/${c.prefix}`;

/** CIDR text of an IPv4 CIDR. */
export const v4CidrText = (c: V4Cidr): string => `${formatIPv4(c.net)}/${c.prefix}`;
