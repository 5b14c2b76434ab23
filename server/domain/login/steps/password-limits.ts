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
 */
import type { ZoneDecision } from '../../zone-decision.js';
import type { Statement } from '../../../db/database.js';
import {
  LIMITS,
  addressKey,
  clearFailuresStatement,
  countAttempt,
  countAttemptsReadingFailures,
  pairKey,
  recordFailure,
  refundAttemptStatement,
  userKey,
} from '../rate-limit.js';
import type { LoginDeps } from './step-deps.js';

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
  const pKey = pairKey(typed, zoneDecision.clientIp);
  const counted = await countAttemptsReadingFailures(
    db,
    clock,
    [
      { key: uKey, limit: userLimit },
      { key: aKey, limit: LIMITS.address },
    ],
    { key: pKey, windowMs: LIMITS.pair.windowMs },
  );
  const [userWait, addressWait] = counted.waits;
  const pairFailed = counted.failures > 0;
  let accountKey: string | null = null;
  const successStatements = () => [
    clearFailuresStatement(uKey, pKey),
    ...(accountKey ? [clearFailuresStatement(accountKey)] : []),
    refundAttemptStatement(aKey, LIMITS.address),
  ];
  return {
    wait: Math.max(userWait!, pairFailed ? addressWait! : 0),
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
      await db.batch(
        [refundAttemptStatement(uKey, userLimit), refundAttemptStatement(aKey, LIMITS.address)],
        'write',
      );
    },
  };
}
