/**
 * The brute-force bookkeeping of typed codes (authenticator app, recovery code): each attempt is
 * counted against the user — under its own key, so a right password does not give the guesses
 * back — and against the address, in one atomic statement per key *before* the code is checked,
 * with the same limits as passwords (5 per user, 20 per address, 15 minutes). A right code clears
 * the user's count and gives the address's attempt back; a check that could not be made gives both
 * back.
 */
import { usernameKey } from '../../auth/identifiers.js';
import type { Standing } from '../../domain/standing.js';
import { LIMITS, addressKey, clearFailures, countAttempt, refundAttempt } from '../rate-limit.js';
import type { LoginDeps } from './step-deps.js';

export const codeKey = (username: string) => `code:${usernameKey(username).slice(0, 200)}`;

export async function countCodeAttempt(deps: LoginDeps, standing: Standing, username: string) {
  const { db, clock, config } = deps;
  const userLimit = { ...LIMITS.user, lockMs: config.lockoutMs };
  const uKey = codeKey(username);
  const aKey = addressKey(standing.clientIp);
  const [userWait, addressWait] = await Promise.all([
    countAttempt(db, clock, uKey, userLimit),
    countAttempt(db, clock, aKey, LIMITS.address),
  ]);
  return {
    wait: Math.max(userWait, addressWait),
    async succeeded() {
      await clearFailures(db, uKey);
      await refundAttempt(db, aKey, LIMITS.address);
    },
    async unanswered() {
      await refundAttempt(db, uKey, userLimit);
      await refundAttempt(db, aKey, LIMITS.address);
    },
  };
}
