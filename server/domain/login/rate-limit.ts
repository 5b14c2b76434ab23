/**
 * Brute-force limits, kept in the database so they hold across server instances. Failures are
 * counted per key in a sliding-from-first-failure window; reaching the limit locks the key for a
 * while. Keys: the user name by `usernameKey` (the very normalisation the users table is unique by — unknown users count too, so probing names costs
 * the same), the client address (IPv6 by its /64, since one host owns a whole /64), and the SecSign
 * ID for push requests. Locking by user alone invites denial of service and by address alone invites
 * evasion: a login is refused when either is locked.
 */
import { clientGroup, siteGroup } from '../../zones/client-group.js';
import { secSignIdKey, usernameKey } from '../../core/identifiers.js';
import type { Limit } from '../../store/rate-limits.js';

export type { Limit } from '../../store/rate-limits.js';
export {
  clearFailures,
  clearFailuresStatement,
  countAttempt,
  countAttempts,
  countAttemptsReadingFailures,
  failuresOf,
  lockedFor,
  longestLock,
  recordFailure,
  refundAttempt,
  refundAttemptStatement,
} from '../../store/rate-limits.js';

export const LIMITS = {
  user: { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
  address: { maxFailures: 20, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
  /** One name from one address: only remembers that it failed there (see `pairKey`). */
  pair: { maxFailures: 1_000, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
  secsign: { maxFailures: 5, windowMs: 10 * 60_000, lockMs: 10 * 60_000 },
} satisfies Record<string, Limit>;

/**
 * Attempts an address group may make within its address window or lock before even names that
 * have not failed from it are refused (see password-limits.ts): an office behind one NAT keeps
 * signing in after a few typos, a client spraying made-up names is stopped.
 */
export const ADDRESS_ATTEMPTS_FOR_NEW_NAMES = 100;

/**
 * Open sign-ins started with nothing proven (passkey challenges, SecSign ID requests) one address
 * group may hold at once, per factor: what anyone can make us store is bounded. The same number caps
 * the anonymous OIDC requests that store a record, per group in 15 minutes outside the safe zone
 * (server/oidc/anonymous-cap.ts).
 */
export const OPEN_ANONYMOUS_PER_ADDRESS = 50;

export function userKey(username: string): string {
  return `user:${usernameKey(username).slice(0, 200)}`;
}

/**
 * The client's address group: IPv4 per address, IPv6 per /64 (`clientGroup`, shared with the
 * aggregated audit). Unknown addresses share one bucket (they fail closed anyway).
 */
export function addressKey(ip: string | null): string {
  return clientGroup(ip).key;
}

/**
 * The client address's IPv6 /48 (`siteGroup`: what one site is usually given), or null for IPv4 and
 * unknown addresses: from outside the safe zone a /48 is counted in all as well as per /64, with
 * the wider `config.siteLimits` (password-limits.ts, steps/open-anonymous-cap.ts).
 */
export function siteKey(ip: string | null): string | null {
  return siteGroup(ip)?.key ?? null;
}

/** A /48's password attempts: `passwordAttempts` in 15 minutes, then refused for 15 minutes. */
export function siteLimit(passwordAttempts: number): Limit {
  return { maxFailures: passwordAttempts, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
}

/** A user name's failures from one address (an office NAT shares the address, not the name). */
export function pairKey(username: string, ip: string | null): string {
  return `pair:${usernameKey(username).slice(0, 200)}|${addressKey(ip)}`;
}

/**
 * A second factor's failures, per identifier *and* address: a stranger who names someone's
 * SecSign ID cannot lock that person out everywhere, only their own attempts from their address.
 */
export function factorKey(factor: string, identifier: string, ip: string | null): string {
  return `${factor}:${secSignIdKey(identifier).slice(0, 200)}|${addressKey(ip)}`;
}
