/**
 * The syntax of one hop in a forwarding header: an `X-Forwarded-For` / `X-Real-IP` entry, or one
 * RFC 7239 `Forwarded` element and its `for=` node. Strict where it matters for trust: an entry is an
 * address only when the strict address parser says so (ports stripped, IPv4-mapped as IPv4);
 * anything else is malformed, and `unknown` / `_token` identifiers are obfuscated. Either stops the
 * walk along the chain. Peers did not parse ports in entries (lessons-from-peers 2).
 */
import {
  formatAddress,
  parseAddressDetailed,
  parseIPv4Strict,
  type Address,
} from '../zones/address.js';

/** One hop as read from a header. */
export type Hop =
  | { kind: 'address'; address: Address; ip: string }
  | { kind: 'obfuscated' }
  | { kind: 'malformed' };

const MALFORMED: Hop = { kind: 'malformed' };
const OBFUSCATED: Hop = { kind: 'obfuscated' };
const OBFUSCATED_TOKEN = /^_[A-Za-z0-9._-]+$/;

function validPort(port: string, allowObfuscated: boolean): boolean {
  if (/^[0-9]{1,5}$/.test(port)) return Number(port) <= 65535;
  return allowObfuscated && OBFUSCATED_TOKEN.test(port);
}

function addressHop(text: string): Hop {
  const r = parseAddressDetailed(text);
  if (!r.ok) return MALFORMED;
  return { kind: 'address', address: r.address, ip: formatAddress(r.address) };
}

/**
 * Parses a node: `192.0.2.60`, `192.0.2.60:47011`, `2001:db8::1`, `[2001:db8::1]`,
 * `[2001:db8::1]:4711`, `unknown`; with `forwarded` also `_hidden` and obfuscated ports (`:_p`).
 */
export function parseNode(text: string, forwarded: boolean): Hop {
  const s = text.trim();
  if (s === '' || s.length > 80) return MALFORMED;
  if (s.toLowerCase() === 'unknown') return OBFUSCATED;
  if (s.charCodeAt(0) === 95 /* _ */)
    return forwarded && OBFUSCATED_TOKEN.test(s) ? OBFUSCATED : MALFORMED;
  if (s.charCodeAt(0) === 91 /* [ */) {
    const close = s.indexOf(']');
    if (close === -1) return MALFORMED;
    const inner = s.slice(1, close);
    const rest = s.slice(close + 1);
    if (!inner.includes(':')) return MALFORMED;
    if (rest !== '' && !(rest.charCodeAt(0) === 58 && validPort(rest.slice(1), forwarded)))
      return MALFORMED;
    return addressHop(inner);
  }
  const firstColon = s.indexOf(':');
  if (firstColon !== -1 && firstColon === s.lastIndexOf(':')) {
    // One colon: IPv4 with a port.
    const host = s.slice(0, firstColon);
    if (parseIPv4Strict(host) < 0 || !validPort(s.slice(firstColon + 1), forwarded))
      return MALFORMED;
    return addressHop(host);
  }
  // No colon (IPv4) or two and more (IPv6 without brackets, hence without a port).
  return addressHop(s);
}

/** One `X-Forwarded-For` entry (or the single `X-Real-IP` value). */
export function parseForwardedForEntry(text: string): Hop {
  return parseNode(text, false);
}

/** RFC 7230 token characters, as a lookup table by character code. */
const TCHAR = new Uint8Array(128);
for (const c of "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
  TCHAR[c.charCodeAt(0)] = 1;

function isOws(c: number): boolean {
  return c === 32 || c === 9;
}

/**
 * One RFC 7239 element (`for=192.0.2.60;proto=http;by=203.0.113.43`): its `for=` node (name in any
 * case, value a token or a quoted string). An element without `for=`, with two of them, or with a
 * syntax error is malformed.
 */
export function parseForwardedElement(text: string): Hop {
  const s = text;
  const n = s.length;
  let i = 0;
  let forValue: string | undefined;
  while (i < n) {
    while (i < n && isOws(s.charCodeAt(i))) i++;
    if (i === n) break;
    if (s.charCodeAt(i) === 59 /* ; */) {
      i++;
      continue;
    }
    const nameStart = i;
    while (i < n && TCHAR[s.charCodeAt(i)] === 1) i++;
    const name = s.slice(nameStart, i);
    if (name === '' || s.charCodeAt(i) !== 61 /* = */) return MALFORMED;
    i++;
    let value = '';
    if (s.charCodeAt(i) === 34 /* " */) {
      i++;
      let closed = false;
      while (i < n) {
        const c = s.charCodeAt(i);
        if (c === 92 /* \ */) {
          if (i + 1 >= n) return MALFORMED;
          value += s[i + 1];
          i += 2;
        } else if (c === 34) {
          closed = true;
          i++;
          break;
        } else {
          value += s[i];
          i++;
        }
      }
      if (!closed) return MALFORMED;
    } else {
      const valueStart = i;
      while (i < n && !isOws(s.charCodeAt(i)) && !';",='.includes(s[i]!)) i++;
      value = s.slice(valueStart, i);
      if (value === '') return MALFORMED;
    }
    while (i < n && isOws(s.charCodeAt(i))) i++;
    if (i < n && s.charCodeAt(i) !== 59) return MALFORMED;
    if (name.toLowerCase() === 'for') {
      if (forValue !== undefined) return MALFORMED;
      forValue = value;
    }
  }
  return forValue === undefined ? MALFORMED : parseNode(forValue, true);
}
