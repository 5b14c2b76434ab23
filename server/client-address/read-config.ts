/**
 * Reads the client-address settings from the environment and checks them at start-up. Peers' users
 * tripped over the trusted-proxy format (lessons-from-peers 9), so there is one documented format
 * (comma-separated addresses and CIDRs) and every refusal names the variable and the bad entry.
 * The same checks are the client-address part of the environment schema (server/config/env-schema.ts).
 */
import { ConfigError } from '../platform/errors.js';
import { compileTrustedProxies, parseProxyEntry, type TrustedProxies } from './trusted-proxies.js';
import type { ClientAddressConfig, ClientIpHeader } from './types.js';

export const TRUSTED_PROXIES_VARIABLE = 'IPSAFEZONE_TRUSTED_PROXIES';
export const CLIENT_IP_HEADER_VARIABLE = 'IPSAFEZONE_CLIENT_IP_HEADER';

/** The header families the resolver can read; exactly one is configured. */
export const CLIENT_IP_HEADERS: readonly ClientIpHeader[] = [
  'x-forwarded-for',
  'forwarded',
  'x-real-ip',
];

/** A bad client-address setting; the message starts with the variable's name. */
export class ClientAddressConfigError extends ConfigError {
  constructor(
    variable: string,
    message: string,
    /** The refused entry as typed, when one entry of a list was at fault. */
    readonly entry?: string,
    /** Its 1-based position in the list. */
    readonly entryNumber?: number,
  ) {
    super(variable, message);
    this.name = 'ClientAddressConfigError';
  }
}

/** Quotes a value for a message, escaping control characters and cutting very long ones. */
function quote(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
}

/**
 * Parses and compiles a trusted-proxy list. Throws `ClientAddressConfigError` naming the first bad
 * entry, e.g. `IPSAFEZONE_TRUSTED_PROXIES: entry 2 "10.0.0.300" is not an IP address or CIDR`.
 */
export function compileTrustedProxyList(entries: readonly string[]): TrustedProxies {
  const networks = entries.map((entry, i) => {
    const r = parseProxyEntry(entry);
    if (!r.ok)
      throw new ClientAddressConfigError(
        TRUSTED_PROXIES_VARIABLE,
        `entry ${i + 1} ${quote(entry.trim())} ${r.problem}.`,
        entry,
        i + 1,
      );
    return r.network;
  });
  return compileTrustedProxies(networks);
}

/** Checks a header name (any case) and returns it in lower case; throws when unsupported. */
export function parseClientIpHeader(value: string): ClientIpHeader {
  const name = value.trim().toLowerCase();
  const found = CLIENT_IP_HEADERS.find((h) => h === name);
  if (!found)
    throw new ClientAddressConfigError(
      CLIENT_IP_HEADER_VARIABLE,
      `${quote(value.trim())} is not supported; use one of ${CLIENT_IP_HEADERS.join(', ')}.`,
    );
  return found;
}

/**
 * Reads `IPSAFEZONE_TRUSTED_PROXIES` (comma-separated addresses and CIDRs; empty or unset: none)
 * and `IPSAFEZONE_CLIENT_IP_HEADER` (`x-forwarded-for` by default, `forwarded`, `x-real-ip`; any
 * case). Throws `ClientAddressConfigError` for a bad entry, an unknown header, or a header set
 * without any trusted proxy (it would never be read).
 */
export function readClientAddressConfig(
  env: Record<string, string | undefined>,
): ClientAddressConfig {
  const rawProxies = (env[TRUSTED_PROXIES_VARIABLE] ?? '').trim();
  const trustedProxies = rawProxies === '' ? [] : rawProxies.split(',').map((e) => e.trim());
  compileTrustedProxyList(trustedProxies);
  const rawHeader = (env[CLIENT_IP_HEADER_VARIABLE] ?? '').trim();
  const header = rawHeader === '' ? 'x-forwarded-for' : parseClientIpHeader(rawHeader);
  const problem = headerWithoutProxiesProblem(rawHeader === '' ? null : rawHeader, trustedProxies);
  if (problem) throw problem;
  return { trustedProxies, header };
}

/**
 * The rule between the two variables: a header set without any trusted proxy would never be
 * read. Returns the error to report, or null. (Used here and by the environment schema.)
 */
export function headerWithoutProxiesProblem(
  rawHeader: string | null,
  trustedProxies: readonly string[],
): ClientAddressConfigError | null {
  if (rawHeader === null || trustedProxies.length > 0) return null;
  return new ClientAddressConfigError(
    CLIENT_IP_HEADER_VARIABLE,
    `is set to ${quote(rawHeader)} but ${TRUSTED_PROXIES_VARIABLE} is empty, so the header would ` +
      `never be read (forwarding headers are believed only from a trusted proxy). Set ` +
      `${TRUSTED_PROXIES_VARIABLE} to your proxies' addresses, or remove ${CLIENT_IP_HEADER_VARIABLE}.`,
  );
}
