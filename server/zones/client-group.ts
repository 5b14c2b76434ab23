/**
 * The group one client's addresses fall in, for everything that counts or aggregates per client:
 * the rate limiter's address keys (server/domain/login/rate-limit.ts) and the aggregated audit of
 * anonymous refusals (server/domain/aggregated-audit.ts). IPv4 per address; IPv6 per /64, because
 * one host owns a whole /64 and can send every request from a new address in it. One function, so
 * that what the limiter counts together is also audited together. Pure.
 */
import { formatIPv4, formatIPv6, parseAddress } from './address.js';

export interface ClientGroup {
  /** A compact key (`ip:10.1.2.3`, `ip6:20010db8:660001::/64`, `ip:unknown`): stored by the limiter. */
  key: string;
  /** For people: the address, the /64 (`2001:db8:66:1::/64`) or `unknown`. */
  label: string;
  /** Whether the group is a prefix that holds many addresses (IPv6). */
  prefix: boolean;
}

/**
 * The /48 an IPv6 address belongs to — what one site (or one customer of a provider) is usually
 * given — as a group; null for IPv4 and unknown addresses. The aggregated audit counts a /48's
 * /64s together once it sends from more than a few of them.
 */
export function siteGroup(ip: string | null): ClientGroup | null {
  const a = ip ? parseAddress(ip) : null;
  if (!a || a.family === 4) return null;
  const w1 = a.w[1] & 0xffff0000;
  return {
    key: `ip6:${a.w[0].toString(16)}:${(w1 >>> 16).toString(16)}::/48`,
    label: `${formatIPv6([a.w[0], w1 >>> 0, 0, 0])}/48`,
    prefix: true,
  };
}

/** IPv4 per address; IPv6 per /64. Unknown addresses share one group (they fail closed anyway). */
export function clientGroup(ip: string | null): ClientGroup {
  const a = ip ? parseAddress(ip) : null;
  if (!a) return { key: 'ip:unknown', label: 'unknown', prefix: false };
  if (a.family === 4) {
    const text = formatIPv4(a.v4);
    return { key: `ip:${text}`, label: text, prefix: false };
  }
  return {
    key: `ip6:${a.w[0].toString(16)}:${a.w[1].toString(16)}::/64`,
    label: `${formatIPv6([a.w[0], a.w[1], 0, 0])}/64`,
    prefix: true,
  };
}
