/**
 * A write a read-only door makes on the side — the audit line of a zone question or a
 * forward-auth check, a session's `last_seen_at` — must not turn that door's answer into an error
 * when the database cannot take writes right now (locked, full, read-only). Such a write is tried
 * (within the guard's short wait), and if the database is unavailable it is skipped with a warning
 * in the log. Any other error is still thrown. Sign-in steps never use this: they fail closed.
 */
import { databaseErrorCode, isDatabaseUnavailable } from './faults.js';
import { appLogger, type Logger } from '../platform/logger.js';

/** `log`: where the warning goes — the request's logger when a request makes the write. */
export async function bestEffort(
  what: string,
  write: () => Promise<unknown>,
  log: Logger = appLogger(),
): Promise<void> {
  try {
    await write();
  } catch (err) {
    if (!isDatabaseUnavailable(err)) throw err;
    log.warn(
      { code: databaseErrorCode(err), detail: (err as Error).message },
      `${what} skipped: the database is unavailable`,
    );
  }
}
