/**
 * The trusted-proxy list: which socket peers and forwarding hops may speak for the client. Entries
 * are single addresses or CIDRs, parsed with the strict address parser (no host names, no legacy
 * IPv4 forms, no zone ids) plus a small prefix check here, so a typo stops the server at start-up
 * instead of silently trusting the wrong machine. Compiled once into masks; `has` is a short scan.
 */
import { formatAddress, parseAddressDetailed, type Address } from '../zones/address.js';

/** One trusted network: an address with its prefix length (32 or 128 for a single address). */
export interface ProxyNetwork {
  family: 4 | 6;
  /** The network in canonical form with its prefix, e.g. `10.0.0.0/8` or `fd00::/8`. */
  text: string;
  prefix: number;
  /** The network address (host bits zero). */
  address: Address;
}

/** Why an entry was refused, as a sentence completing `entry N "…" ` in the error message. */
export type ProxyEntryResult = { ok: true; network: ProxyNetwork } | { ok: false; problem: string };

/** A compiled trusted-proxy list. */
export interface TrustedProxies {
  /** Number of networks in the list; 0 means no proxy is trusted. */
  readonly size: number;
  /** True when the address lies in one of the trusted networks. */
  has(address: Address): boolean;
}

const NOT_AN_ADDRESS = 'is not an IP address or CIDR';

const ADDRESS_HINTS: Record<string, string> = {
  legacy_ipv4: `${NOT_AN_ADDRESS}: legacy IPv4 forms (10.1, 012.0.0.1, 0x0a.0.0.1) are refused; write four decimal parts`,
  hostname: `${NOT_AN_ADDRESS}: host names are refused; write the proxy's IP address`,
  zone_id: `${NOT_AN_ADDRESS}: IPv6 zone ids (%eth0) are refused`,
  syntax: NOT_AN_ADDRESS,
};

function mask32(bits: number): number {
  if (bits <= 0) return 0;
  if (bits >= 32) return 0xffffffff;
  return (0xffffffff << (32 - bits)) >>> 0;
}

/** The four 32-bit masks of an IPv6 prefix. */
function masks128(prefix: number): [number, number, number, number] {
  return [mask32(prefix), mask32(prefix - 32), mask32(prefix - 64), mask32(prefix - 96)];
}

function applyMask(a: Address, prefix: number): Address {
  if (a.family === 4) return { family: 4, v4: (a.v4 & mask32(prefix)) >>> 0 };
  const m = masks128(prefix);
  return {
    family: 6,
    w: [(a.w[0] & m[0]) >>> 0, (a.w[1] & m[1]) >>> 0, (a.w[2] & m[2]) >>> 0, (a.w[3] & m[3]) >>> 0],
  };
}

function sameAddress(a: Address, b: Address): boolean {
  if (a.family === 4) return b.family === 4 && a.v4 === b.v4;
  if (b.family === 4) return false;
  return a.w[0] === b.w[0] && a.w[1] === b.w[1] && a.w[2] === b.w[2] && a.w[3] === b.w[3];
}

/**
 * Parses one trusted-proxy entry: an address (`127.0.0.1`, `::1`, `::ffff:10.0.0.1`) or a CIDR
 * (`10.0.0.0/8`, `fd00::/8`, `::ffff:10.0.0.0/104`). IPv4-mapped entries become IPv4. Refuses host
 * names, legacy IPv4 forms, zone ids, bad or zero prefixes and set host bits.
 */
export function parseProxyEntry(text: string): ProxyEntryResult {
  const s = text.trim();
  if (s === '')
    return { ok: false, problem: 'is empty (two commas in a row, or a trailing comma?)' };
  if (/\s/.test(s))
    return { ok: false, problem: `${NOT_AN_ADDRESS}: separate entries with commas` };
  const slash = s.indexOf('/');
  const addressText = slash === -1 ? s : s.slice(0, slash);
  const parsed = parseAddressDetailed(addressText);
  if (!parsed.ok) return { ok: false, problem: ADDRESS_HINTS[parsed.problem] ?? NOT_AN_ADDRESS };
  const address = parsed.address;
  const mapped = address.family === 4 && addressText.includes(':');
  const max = address.family === 4 ? 32 : 128;
  let prefix = max;
  if (slash !== -1) {
    const prefixText = s.slice(slash + 1);
    const typedMax = mapped ? 128 : max;
    if (!/^(0|[1-9][0-9]{0,2})$/.test(prefixText) || Number(prefixText) > typedMax)
      return {
        ok: false,
        problem: `${NOT_AN_ADDRESS}: the prefix length after "/" must be a whole number from 1 to ${typedMax}`,
      };
    prefix = Number(prefixText);
    if (mapped) {
      if (prefix < 96)
        return {
          ok: false,
          problem: `${NOT_AN_ADDRESS}: an IPv4-mapped network needs a prefix of at least 96`,
        };
      prefix -= 96;
    }
    if (prefix === 0)
      return {
        ok: false,
        problem:
          "would trust every address, so any client could forge its own address; list the proxies' own addresses",
      };
  }
  const network = applyMask(address, prefix);
  const canonical = `${formatAddress(network)}/${prefix}`;
  if (!sameAddress(network, address))
    return {
      ok: false,
      problem: `is not a valid CIDR: host bits are set (did you mean ${canonical}?)`,
    };
  return {
    ok: true,
    network: { family: address.family, text: canonical, prefix, address: network },
  };
}

/** Compiles parsed networks into a `TrustedProxies` list (masks computed once). */
export function compileTrustedProxies(networks: readonly ProxyNetwork[]): TrustedProxies {
  const v4: { net: number; mask: number }[] = [];
  const v6: { net: readonly number[]; mask: readonly number[] }[] = [];
  for (const n of networks) {
    if (n.address.family === 4) v4.push({ net: n.address.v4, mask: mask32(n.prefix) });
    else v6.push({ net: n.address.w, mask: masks128(n.prefix) });
  }
  return {
    size: networks.length,
    has(a: Address): boolean {
      if (a.family === 4) {
        for (const e of v4) if ((a.v4 & e.mask) >>> 0 === e.net) return true;
        return false;
      }
      for (const e of v6) {
        let k = 0;
        while (k < 4 && (a.w[k]! & e.mask[k]!) >>> 0 === e.net[k]) k++;
        if (k === 4) return true;
      }
      return false;
    },
  };
}
