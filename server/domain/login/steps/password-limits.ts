/**
 * The brute-force bookkeeping of the password step, in one place. The attempt is counted against
 * the user name and the address *before* the password is checked, in one atomic statement per key,
 * so no burst of parallel guesses gets more than the limit evaluated. A locked address (an office
 * behind one NAT) does not lock out a name that has not failed from it: the address limit stops
 * spraying many names with many guesses, and each name that failed there once is refused while the
 * address is locked (issue 14, item 6). Afterwards the attempt is settled: a right password gives
 * the address's attempt back and clears the name's counts; a wrong one marks the (name, address)
 * pair; a directory that could not answer gives both attempts back. Counting is one write
 * transaction, and so is a success's settling — folded into the sign-in's own batch when the
 * password is enough (issue 13: database work on the login path batched).
 *
 * A client spraying made-up names (one guess each) never fails a name twice, so that rule alone
 * never stopped it, and each guess wrote the name's and the pair's rows. So once a locked address
 * group has made ADDRESS_ATTEMPTS_FOR_NEW_NAMES attempts, every name from it is refused until its
 * lock ends; this process remembers that (`sprayed`) and refuses the group's further attempts
 * without a database write — the database grows by at most a few hundred rows per group and
 * window, whatever the client sends.
 *
 * An IPv6 group is a /64, and a client holding a /48 could spray from each of its 65,536 /64s in
 * turn. So from outside the safe zone the /48 is counted too (`siteKey`): once it has made
 * `config.siteLimits.passwordAttempts` attempts in 15 minutes (right passwords are given back),
 * every name from it is refused until those end, remembered in `sprayed` like a spraying group.
 * Inside the zone only the /64s count: an office's /48 is never locked as one.
 */
import type { ZoneDecision } from '../../zone-decision.js';
import type { Statement } from '../../../db/database.js';
import {
  ADDRESS_ATTEMPTS_FOR_NEW_NAMES,
  LIMITS,
  addressKey,
  clearFailuresStatement,
  countAttempt,
  countAttemptsReadingFailures,
  pairKey,
  recordFailure,
  refundAttemptStatement,
  siteKey,
  siteLimit,
  userKey,
} from '../rate-limit.js';
import type { LoginDeps } from './step-deps.js';
import type { Database } from '../../../db/database.js';
import { BoundedExpiringMap } from '../../../platform/bounded-expiring-map.js';

/** Address groups that this process saw spray names, each until its lock ends (per database). */
const sprayedPerDatabase = new WeakMap<Database, BoundedExpiringMap<number>>();
/** Groups remembered at once (memory); the oldest make room. */
const MAX_SPRAYED = 10_000;

function sprayedGroups(db: Database): BoundedExpiringMap<number> {
  let groups = sprayedPerDatabase.get(db);
  if (!groups) sprayedPerDatabase.set(db, (groups = new BoundedExpiringMap<number>(MAX_SPRAYED)));
  return groups;
}

/** An attempt refused before anything was counted (its settling writes nothing). */
function refusedAttempt(wait: number): PasswordAttempt {
  const nothing = async () => {};
  return {
    wait,
    successStatements: () => [],
    succeeded: nothing,
    failed: nothing,
    unanswered: nothing,
    account: () => Promise.resolve(0),
  };
}

export interface PasswordAttempt {
  /** Milliseconds until the attempt may be made, 0 when it may go ahead now. */
  wait: number;
  /** The password was right: give back and clear. */
  succeeded(): Promise<void>;
  /** The same as statements, for the sign-in's batch. */
  successStatements(): Statement[];
  /** The password was wrong (or the name unknown): remember the name failed from here. */
  failed(): Promise<void>;
  /** Nothing could be checked (directory down): this attempt does not count. */
  unanswered(): Promise<void>;
  /**
   * The directory named the account (its own user name, which may differ from the spelling typed:
   * an e-mail address): the attempt counts against the account too, so every spelling of one
   * account shares one budget (issue 23, item 10). Milliseconds the account is locked, else 0.
   * Call before settling; a success then clears the account's count as well.
   */
  account(name: string): Promise<number>;
}

export async function countPasswordAttempt(
  deps: LoginDeps,
  zoneDecision: ZoneDecision,
  typed: string,
): Promise<PasswordAttempt> {
  const { db, clock, config } = deps;
  const userLimit = { ...LIMITS.user, lockMs: config.lockoutMs };
  const uKey = userKey(typed);
  const aKey = addressKey(zoneDecision.clientIp);
  // Outside the zone, an IPv6 client's /48 is counted in all too (inside: an office's /64s never).
  const sKey = zoneDecision.inside ? null : siteKey(zoneDecision.clientIp);
  const sLimit = siteLimit(config.siteLimits.passwordAttempts);
  const sprayed = sprayedGroups(db);
  const now = clock.now();
  const sprayedUntil = Math.max(
    sprayed.get(aKey, now) ?? 0,
    sKey === null ? 0 : (sprayed.get(sKey, now) ?? 0),
  );
  if (sprayedUntil > now) return refusedAttempt(sprayedUntil - now);
  const pKey = pairKey(typed, zoneDecision.clientIp);
  const counted = await countAttemptsReadingFailures(
    db,
    clock,
    [
      { key: uKey, limit: userLimit },
      { key: aKey, limit: LIMITS.address },
      ...(sKey !== null ? [{ key: sKey, limit: sLimit }] : []),
    ],
    { key: pKey, windowMs: LIMITS.pair.windowMs },
  );
  const [userWait, addressWait, siteWait = 0] = counted.waits;
  const pairFailed = counted.failures > 0;
  const spraying = addressWait! > 0 && counted.counts[1]! > ADDRESS_ATTEMPTS_FOR_NEW_NAMES;
  if (spraying) sprayed.set(aKey, now + addressWait!, now + addressWait!, now);
  // A /48 past its attempts is refused for every name until its lock ends, like a spraying group.
  if (siteWait > 0) sprayed.set(sKey!, now + siteWait, now + siteWait, now);
  const refunds = () => [
    refundAttemptStatement(aKey, LIMITS.address),
    ...(sKey !== null ? [refundAttemptStatement(sKey, sLimit)] : []),
  ];
  let accountKey: string | null = null;
  const successStatements = () => [
    clearFailuresStatement(uKey, pKey),
    ...(accountKey ? [clearFailuresStatement(accountKey)] : []),
    ...refunds(),
  ];
  return {
    wait: Math.max(userWait!, pairFailed || spraying ? addressWait! : 0, siteWait),
    successStatements,
    async succeeded() {
      await db.batch(successStatements(), 'write');
    },
    async failed() {
      await recordFailure(db, clock, pKey, LIMITS.pair);
    },
    async account(name) {
      const key = userKey(name);
      if (key === uKey) return 0;
      accountKey = key;
      return countAttempt(db, clock, key, userLimit);
    },
    async unanswered() {
      await db.batch([refundAttemptStatement(uKey, userLimit), ...refunds()], 'write');
    },
  };
}
