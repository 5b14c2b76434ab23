/**
 * The brute-force bookkeeping of typed codes (authenticator app, recovery code): each attempt is
 * counted against the user — under its own key, so a right password does not give the guesses
 * back — and against the address, in one atomic statement per key *before* the code is checked,
 * with the same limits as passwords (5 per user, 20 per address, 15 minutes). Like the password's,
 * the address lock refuses only names that failed a code from that address (a NAT's other users
 * get in; issue 23, item 11). A right code clears the user's count and gives the address's attempt
 * back; a check that could not be made gives both back. Where the password is checked in the same
 * request (password-with-code.ts) the password's counter already counted the address: `address:
 * false` counts the user only, so one attempt counts once.
 */
import { usernameKey } from '../../../core/identifiers.js';
import type { ZoneDecision } from '../../zone-decision.js';
import {
  LIMITS,
  addressKey,
  clearFailures,
  countAttemptsReadingFailures,
  pairKey,
  recordFailure,
  refundAttempt,
} from '../rate-limit.js';
import type { LoginDeps } from './step-deps.js';

export const codeKey = (username: string) => `code:${usernameKey(username).slice(0, 200)}`;

export async function countCodeAttempt(
  deps: LoginDeps,
  zoneDecision: ZoneDecision,
  username: string,
  { address = true }: { address?: boolean } = {},
) {
  const { db, clock, config } = deps;
  const userLimit = { ...LIMITS.user, lockMs: config.lockoutMs };
  const uKey = codeKey(username);
  const aKey = addressKey(zoneDecision.clientIp);
  const pKey = `code-${pairKey(username, zoneDecision.clientIp)}`;
  const counted = await countAttemptsReadingFailures(
    db,
    clock,
    [{ key: uKey, limit: userLimit }, ...(address ? [{ key: aKey, limit: LIMITS.address }] : [])],
    { key: pKey, windowMs: LIMITS.pair.windowMs },
  );
  const [userWait = 0, addressWait = 0] = counted.waits;
  return {
    wait: Math.max(userWait, counted.failures > 0 ? addressWait : 0),
    /** The code was wrong: remember the name failed a code from here. */
    async failed() {
      await recordFailure(db, clock, pKey, LIMITS.pair);
    },
    async succeeded() {
      await clearFailures(db, uKey);
      if (address) await refundAttempt(db, aKey, LIMITS.address);
    },
    async unanswered() {
      await refundAttempt(db, uKey, userLimit);
      if (address) await refundAttempt(db, aKey, LIMITS.address);
    },
  };
}
