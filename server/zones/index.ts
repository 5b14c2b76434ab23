/**
 * The zone engine's public API: parse and validate zone ranges, count what they cover, and compile
 * named zones into the matcher that decides inside or outside. Import from here, not from the files.
 */
export type * from './types.js';
export type { Address, AddressParseResult, AddressProblem } from './address.js';
export {
  formatAddress,
  formatIPv4,
  formatIPv6,
  normalizeAddress,
  parseAddress,
  parseAddressDetailed,
  parseAddressInto,
  parseIPv4Strict,
  MAX_ADDRESS_LENGTH,
} from './address.js';
export type { ClientGroup } from './client-group.js';
export { clientGroup, siteGroup } from './client-group.js';
export type { RangeParseOptions } from './parse-range.js';
export { MAX_RANGE_LENGTH, parseRange } from './parse-range.js';
export type { ZoneRangeProblem, ZoneRangesResult } from './zone-ranges.js';
export { countAddresses, parseZoneRanges } from './zone-ranges.js';
export { coveredFamilies, rangesOverlap } from './coverage.js';
export { compileZones, ZoneDefinitionError } from './matcher.js';
