/**
 * The client-address resolver's public API: read and check the settings once at start-up, build the
 * resolver, call it per request. Everything else in this folder is an implementation detail.
 */
export type {
  ClientAddressConfig,
  ClientAddressInput,
  ClientAddressResolver,
  ClientIpHeader,
  ResolvedClientAddress,
} from './types.js';
export {
  CLIENT_IP_HEADERS,
  CLIENT_IP_HEADER_VARIABLE,
  ClientAddressConfigError,
  TRUSTED_PROXIES_VARIABLE,
  compileTrustedProxyList,
  readClientAddressConfig,
} from './read-config.js';
export { createClientAddressResolver } from './resolver.js';
export { DEFAULT_CHAIN_LIMITS, type ChainLimits } from './header-chain.js';
export { parseProxyEntry, type ProxyNetwork, type TrustedProxies } from './trusted-proxies.js';
export {
  proxyInZoneWarning,
  trustedProxiesInZones,
  type ProxyInZone,
  type ZoneRangesLike,
} from './proxies-in-zones.js';
