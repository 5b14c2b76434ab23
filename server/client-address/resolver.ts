/**
 * Which address a request really comes from. Peers were fooled by forwarding headers: they took
 * the leftmost X-Forwarded-For entry (which the client writes), or the rightmost one without any
 * trust (which is the proxy), or read two header families at once (lessons-from-peers 1-3). The
 * rule here: the socket peer is the client unless it is a configured trusted proxy; then exactly
 * one configured header is walked from the right, trusted proxies are skipped, and the first
 * untrusted hop is the client. Anything doubtful stops the walk at the nearest trusted hop — never
 * at a value further left, which the client may have written itself. Pure; compiled once.
 */
import { formatAddress, parseAddress, type Address } from '../zones/address.js';
import { readHopChain, DEFAULT_CHAIN_LIMITS, type ChainLimits } from './header-chain.js';
import { compileTrustedProxyList, parseClientIpHeader } from './read-config.js';
import {
  RECORDED_HEADER_LENGTH,
  type ClientAddressConfig,
  type ClientAddressInput,
  type ClientAddressResolver,
  type ResolvedClientAddress,
} from './types.js';

/** Parses the socket peer: Node's text (`::ffff:10.0.0.5`, `fe80::1%eth0`) to an address. */
function parsePeer(peer: string | undefined): Address | null {
  if (peer === undefined) return null;
  // A zone id on a link-local peer comes from the kernel, not the client; the address is the rest.
  const percent = peer.indexOf('%');
  return parseAddress(percent === -1 ? peer : peer.slice(0, percent));
}

const STOP_WORDS = {
  malformed_hop: 'is not an address',
  obfuscated_hop: 'is an obfuscated identifier',
} as const;

/**
 * Builds the per-request resolver from the configuration (trusted proxies parsed and compiled
 * once; a bad entry throws `ClientAddressConfigError`). `limits` bounds the work on huge headers.
 */
export function createClientAddressResolver(
  config: ClientAddressConfig,
  limits: ChainLimits = DEFAULT_CHAIN_LIMITS,
): ClientAddressResolver {
  const trusted = compileTrustedProxyList(config.trustedProxies);
  const header = parseClientIpHeader(config.header);

  const resolve = (
    input: ClientAddressInput,
    peerAddress: Address | null,
    value: string | undefined,
  ): ResolvedClientAddress => {
    if (!peerAddress)
      return {
        ip: null,
        source: 'none',
        reason:
          input.peer === undefined
            ? 'no socket peer address; client address unknown'
            : 'the socket peer is not an IP address; client address unknown',
      };
    const peer = formatAddress(peerAddress);
    if (trusted.size === 0)
      return {
        ip: peer,
        source: 'socket',
        reason: `no trusted proxies configured; socket peer ${peer}`,
      };
    if (!trusted.has(peerAddress))
      return {
        ip: peer,
        source: 'socket',
        reason: `peer ${peer} is not a trusted proxy; forwarding headers ignored`,
      };

    const head = `peer ${peer} is a trusted proxy`;
    const chain =
      value === undefined || value.trim() === '' ? null : readHopChain(header, value, limits);
    // A trusted proxy always names the client. Without the header the proxy would be the client —
    // inside its own zone, maybe, for everyone behind it: doubtful, so treated as outside.
    if (chain === null || chain.items.length === 0)
      return {
        ip: peer,
        source: 'socket',
        reason: `${head}; ${value === undefined ? 'no' : 'empty'} ${header} header; the proxy is taken as the client, treated as outside`,
        stoppedBy: 'missing_header',
      };

    const hopName = (k: number): string =>
      chain.total === null
        ? `${header} hop ${k + 1} from the right`
        : `${header} hop ${chain.total - k} of ${chain.total}`;
    // The nearest trusted hop so far: the peer, then each trusted hop walking left.
    let last: ResolvedClientAddress = { ip: peer, source: 'socket', reason: '' };
    let lastName = 'the peer itself';
    for (let k = 0; k < chain.items.length; k++) {
      const item = chain.items[k]!;
      if (item.kind === 'address') {
        if (!trusted.has(item.address))
          return {
            ip: item.ip,
            source: header,
            reason: `${head}; ${hopName(k)} (${item.ip}) is the first untrusted hop`,
          };
        last = { ip: item.ip, source: header, reason: '' };
        lastName = `${hopName(k)} (${item.ip})`;
        continue;
      }
      const stoppedBy =
        item.kind === 'cut'
          ? item.why
          : item.kind === 'malformed'
            ? 'malformed_hop'
            : 'obfuscated_hop';
      const why =
        item.kind === 'cut'
          ? item.why === 'hop_limit'
            ? `stopped after ${limits.maxHops} ${header} hops, the limit`
            : `${header} header longer than ${limits.maxLength} characters; only its right end was read`
          : `${hopName(k)} ${STOP_WORDS[stoppedBy as keyof typeof STOP_WORDS]}`;
      return {
        ...last,
        reason: `${head}; ${why}; the nearest trusted hop, ${lastName}, is taken as the client`,
        stoppedBy,
      };
    }
    return {
      ...last,
      reason: `${head}; every ${header} hop is a trusted proxy; the leftmost, ${lastName}, is the client`,
    };
  };

  return (input: ClientAddressInput): ResolvedClientAddress => {
    const value = input.header(header);
    const peerAddress = parsePeer(input.peer);
    const resolved = resolve(input, peerAddress, value);
    if (peerAddress) resolved.peer = formatAddress(peerAddress);
    if (value !== undefined && value.trim() !== '')
      resolved.forwarded =
        value.length > RECORDED_HEADER_LENGTH ? value.slice(-RECORDED_HEADER_LENGTH) : value;
    return resolved;
  };
}
