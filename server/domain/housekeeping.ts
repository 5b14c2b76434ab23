/**
 * Housekeeping: deletes what no rule needs any more — login transactions that expired, sessions
 * that ended (revoked, or past their absolute end), taken enrolment tokens past their expiry —
 * each a day after it stopped mattering, so the tables do not grow forever (anonymous login
 * transactions, which anyone may make, as soon as they expired) — and brute-force counters whose
 * window and lock have passed (LONGEST_COUNTER_WINDOW_MS) —
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
import { LIMITS } from './login/rate-limit.js';

/** How long after it stopped mattering a row is kept (for looking into a case). */
export const KEEP_AFTER_END_MS = 24 * 3_600_000;

/**
 * Brute-force counters are deleted once the longest window has passed and no lock holds: such a
 * row decides nothing any more (a window that passed starts again at 1), and a client spraying
 * made-up names makes a couple of hundred of them every lock window — kept a day, that was 19,000
 * rows a day from one address. The audit log keeps what happened.
 */
export const LONGEST_COUNTER_WINDOW_MS = Math.max(...Object.values(LIMITS).map((l) => l.windowMs));

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
    rateLimits: await purgeStaleRateLimits(db, clock, LONGEST_COUNTER_WINDOW_MS),
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
