/**
 * Housekeeping: deletes what no rule needs any more — login transactions that expired, sessions
 * that ended (revoked, or past their absolute end), brute-force counters whose window and lock
 * have passed, taken enrolment tokens past their expiry — each a day after it stopped mattering, so the tables do not grow forever
 * (anonymous login transactions, which anyone may make, as soon as they expired) —
 * and ends a report-only policy draft whose days are over (audited). Run
 * periodically by `server/main.ts` (every instance may run it; the deletes are idempotent). The
 * audit log is not touched here: it has a retention of its own.
 */
import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import { purgeOldTransactions } from '../store/login-transactions.js';
import { purgeEndedSessions } from '../store/sessions.js';
import { purgeStaleRateLimits } from '../store/rate-limits.js';
import { purgeUsedEnrolmentTokens } from '../store/user-factors.js';
import { expireDueDraft } from './policy-draft-source.js';

/** How long after it stopped mattering a row is kept (for looking into a case). */
export const KEEP_AFTER_END_MS = 24 * 3_600_000;

/** How often `main.ts` runs it. */
export const HOUSEKEEPING_EVERY_MS = 10 * 60_000;

export interface HousekeepingReport {
  transactions: number;
  sessions: number;
  rateLimits: number;
  enrolmentTokens: number;
  /** Policy drafts ended because their days were over (0 or 1). */
  drafts: number;
}

export async function runHousekeeping(db: Database, clock: Clock): Promise<HousekeepingReport> {
  return {
    transactions: await purgeOldTransactions(db, clock, KEEP_AFTER_END_MS),
    sessions: await purgeEndedSessions(db, clock, KEEP_AFTER_END_MS),
    rateLimits: await purgeStaleRateLimits(db, clock, KEEP_AFTER_END_MS),
    enrolmentTokens: await purgeUsedEnrolmentTokens(db, clock.now(), KEEP_AFTER_END_MS),
    drafts: await expireDueDraft(db, clock),
  };
}

/** Runs housekeeping now and then every `everyMs`; the timer does not keep the process alive. */
export function scheduleHousekeeping(
  db: Database,
  clock: Clock,
  everyMs = HOUSEKEEPING_EVERY_MS,
): () => void {
  const run = () => {
    runHousekeeping(db, clock).catch((err: unknown) =>
      console.error('Housekeeping failed (will retry):', err),
    );
  };
  run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
