/**
 * Hears, on PostgreSQL, when any connection bumps a change counter (`settings`, `zones`): migration
 * 018's trigger NOTIFYs `ipsafezone_changes` with the counter's name, and this LISTENs on one
 * connection of its own, so an instance's in-memory settings and zones are re-read at its next
 * request after another instance's (or the CLI's) change instead of at its next once-a-second
 * check (server/db/write-watch.ts; the check stays as the fallback).
 *
 * Why not postgres.js's `sql.listen`: it keeps the process alive with a timer for as long as it
 * listens, so a CLI command or a test that forgets to close its database would never end. This one
 * is one connection (`max: 1`, its socket unref'd like the pool's) with the client's `onnotify`
 * hook: when that connection closes (the primary went away, a failover) it LISTENs again after a
 * second, and then reports `null` — "anything may have changed while I was not listening" — so
 * nothing missed in between is served on.
 */
import { setTimeout as later } from 'node:timers';
import type postgres from 'postgres';

export const CHANGES_CHANNEL = 'ipsafezone_changes';

export interface ChangeListener {
  /** Another listener: called with a counter's name, or `null` after a gap. */
  add(listener: (counter: string | null) => void): void;
  end(): Promise<void>;
}

/**
 * `open(hooks)` opens the listening client (the pool's own options, `max: 1`, no idle time-out)
 * with the given `onnotify`/`onclose` hooks. Nothing connects until the first `add`.
 */
export function changeListener(
  open: (hooks: {
    onnotify: (channel: string, payload: string) => void;
    onclose: () => void;
  }) => postgres.Sql,
): ChangeListener {
  const listeners = new Set<(counter: string | null) => void>();
  const tell = (counter: string | null) => {
    for (const l of listeners) l(counter);
  };
  let conn: postgres.Sql | null = null;
  let ended = false;
  let heard = false;
  let timer: ReturnType<typeof later> | null = null;

  const listen = () => {
    if (ended || !conn) return;
    conn.unsafe(`LISTEN ${CHANGES_CHANNEL}`).then(
      () => {
        // Changes made while no connection listened were not heard: re-read everything once.
        if (heard) tell(null);
        heard = true;
      },
      () => again(),
    );
  };
  const again = () => {
    if (ended || timer) return;
    timer = later(() => {
      timer = null;
      listen();
    }, 1000);
    timer.unref();
  };

  return {
    add(listener) {
      listeners.add(listener);
      if (conn || ended) return;
      conn = open({
        onnotify: (channel, payload) => {
          if (channel === CHANGES_CHANNEL) tell(payload);
        },
        onclose: again,
      });
      listen();
    },
    async end() {
      ended = true;
      if (timer) clearTimeout(timer);
      await conn?.end({ timeout: 0 });
    },
  };
}
