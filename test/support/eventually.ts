/**
 * Asks a condition again and again until it holds — for what another instance (another database
 * handle) sees after a change: the notification or the next check makes it true, not a time.
 */
import { setTimeout as sleep } from 'node:timers/promises';

/** Asks `read` until it answers true; false when it never did within `ms`. */
export async function eventually(read: () => Promise<boolean>, ms = 10_000): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await read()) return true;
    await sleep(20);
  }
  return false;
}
