/**
 * Public types of the client-address resolver: which address a request really comes from, and
 * why. Pure — the HTTP layer hands it the socket peer and a header getter.
 */

export type ClientIpHeader = 'x-forwarded-for' | 'forwarded' | 'x-real-ip';

export interface ClientAddressConfig {
  /** Trusted proxies as typed (addresses and CIDRs); empty means "trust no header". */
  trustedProxies: string[];
  /** The one header read when the socket peer is a trusted proxy. */
  header: ClientIpHeader;
}

export interface ClientAddressInput {
  /** The socket's remote address as Node reports it, e.g. `::ffff:10.0.0.5`. */
  peer: string | undefined;
  /** Returns a header's value (several lines of one header joined with ", "), or undefined. */
  header(name: string): string | undefined;
}

export interface ResolvedClientAddress {
  /** The client's address in canonical form (IPv4-mapped as IPv4), or null when unknown. */
  ip: string | null;
  /** Where it came from. */
  source: 'socket' | ClientIpHeader | 'none';
  /** A sentence for the admin page and the audit log, e.g.
   * "peer 10.0.0.5 is a trusted proxy; x-forwarded-for hop 2 of 3". */
  reason: string;
  /**
   * Set when the walk along the forwarding header stopped before finding an untrusted hop, so the
   * nearest trusted hop (possibly the peer itself) was taken as the client: an entry that is not an
   * address, an obfuscated identifier, a cap on hops or header length, or a trusted proxy that
   * sent no forwarding header at all. Such a client counts as outside every zone.
   */
  stoppedBy?:
    'malformed_hop' | 'obfuscated_hop' | 'hop_limit' | 'header_too_long' | 'missing_header';
  /**
   * What the address was found from, kept so that a sign-in can be replayed against other trusted
   * proxies (the policy preview, issue 27): the socket peer in canonical form, and the configured
   * header's value as received — its right end, at most `RECORDED_HEADER_LENGTH` characters —
   * whether or not the peer was trusted. Absent when there was no such value.
   */
  peer?: string;
  forwarded?: string;
}

/** How much of a forwarding header is kept beside a decision (its right end, nearest hops). */
export const RECORDED_HEADER_LENGTH = 512;

/** A compiled resolver: built once from the configuration, then called per request. */
export type ClientAddressResolver = (input: ClientAddressInput) => ResolvedClientAddress;
