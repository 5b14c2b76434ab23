/**
 * Keeps the settings in memory for the doors. A change this process makes (admin API, in-process
 * CLI, tests) is seen by the very next `get()` (server/db/write-watch.ts); a change by another
 * instance or the CLI in another process is seen within a second: the cheap `settings` change
 * counter (bumped by a trigger, from any connection) is read at most every `checkIntervalMs`
 * (500 ms), and the settings re-read only when it moved; concurrent requests share one check.
 * Between checks a `get()` touches no database — it was one statement per request before
 * (issue 13).
 *
 * When the database cannot be read, the last settings read are used (a read-only door keeps
 * answering) and `stale` says so; before any settings were ever read there is nothing to go on and
 * `get()` throws: whoever asks fails closed.
 */
import type { Client } from '@libsql/client';
import { getSettings, settingsVersion, type Settings } from '../store/settings.js';
import { appLogger } from '../ops/logger.js';
import { watchWrites, writeGeneration } from '../db/write-watch.js';

export interface SettingsState {
  settings: Settings;
  /** True when the last check failed and these are the last settings read. */
  stale: boolean;
}

export interface SettingsSource {
  get(): Promise<SettingsState>;
}

export interface SettingsSourceOptions {
  /** How often, at most, the change counter is read (another process's changes). */
  checkIntervalMs?: number;
  log?: (message: string, err: unknown) => void;
}

export function createSettingsSource(
  db: Client,
  options: SettingsSourceOptions = {},
): SettingsSource {
  const interval = options.checkIntervalMs ?? 500;
  const log = options.log ?? ((m, e) => appLogger().warn({ detail: (e as Error).message }, m));
  watchWrites(db);
  let known: { settings: Settings; version: number } | null = null;
  let current: SettingsState | null = null;
  /** When the counter was last read (monotonic ms), and this process's write generation then. */
  let checkedAt = -Infinity;
  let checkedGeneration = -1;
  let pending: Promise<SettingsState> | null = null;
  let pendingGeneration = -1;

  /** Reads the counter (and the settings when it moved); `generation`: this process's writes then. */
  async function refresh(generation: number): Promise<SettingsState> {
    const startedAt = performance.now();
    try {
      const version = await settingsVersion(db);
      if (!known || known.version !== version) {
        // The counter is read first: a change landing in between only makes the next check
        // re-read once more.
        known = { settings: await getSettings(db), version };
      }
      current = { settings: known.settings, stale: false };
      checkedAt = startedAt;
      checkedGeneration = generation;
      return current;
    } catch (err) {
      if (!known) throw err;
      log('Settings could not be re-read; using the last settings read:', err);
      // Stale answers are not kept: the next get() tries the database again.
      return { settings: known.settings, stale: true };
    }
  }

  return {
    get() {
      const generation = writeGeneration(db, 'settings');
      if (current && checkedGeneration === generation && performance.now() - checkedAt < interval) {
        return Promise.resolve(current);
      }
      // A check under way is shared, unless this process wrote since it began.
      if (pending && pendingGeneration === generation) return pending;
      pendingGeneration = generation;
      const p: Promise<SettingsState> = refresh(generation).finally(() => {
        if (pending === p) pending = null;
      });
      pending = p;
      return p;
    },
  };
}
