/**
 * Answers the read-only doors give many times a second and that decide nothing (where the
 * requester stands: `GET /api/zone`) are counted here instead of written to the audit log one row
 * each. A plain in-process counter until the project has a metrics module; the audit log keeps
 * the decisions that matter (sign-in attempts and outcomes, refusals, grants).
 */

const counts = new Map<string, number>();

/** Counts one answer of `door` with `outcome` (e.g. `login.zone`, `inside`). */
export function countAnswer(door: string, outcome: string): void {
  const key = `${door}|${outcome}`;
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

/** The counts so far, keyed `door|outcome`. */
export function answerCounts(): Record<string, number> {
  return Object.fromEntries(counts);
}
