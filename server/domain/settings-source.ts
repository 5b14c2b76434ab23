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
import type { Database } from '../db/database.js';
import { getSettings, settingsVersion, type Settings } from '../store/settings.js';
import { appLogger } from '../platform/logger.js';
import { checkedCache } from '../db/checked-cache.js';

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
  db: Database,
  options: SettingsSourceOptions = {},
): SettingsSource {
  const log = options.log ?? ((m, e) => appLogger().warn({ detail: (e as Error).message }, m));
  let known: { settings: Settings; version: number } | null = null;
  const get = checkedCache<SettingsState>({
    db,
    table: 'settings',
    intervalMs: options.checkIntervalMs ?? 500,
    now: () => performance.now(),
    // Reads the counter, and the settings when it moved.
    async check() {
      try {
        const version = await settingsVersion(db);
        if (!known || known.version !== version) {
          // The counter is read first: a change landing in between only makes the next check
          // re-read once more.
          known = { settings: await getSettings(db), version };
        }
        return { value: { settings: known.settings, stale: false }, keep: true };
      } catch (err) {
        if (!known) throw err;
        log('Settings could not be re-read; using the last settings read:', err);
        // Stale answers are not kept: the next get() tries the database again.
        return { value: { settings: known.settings, stale: true }, keep: false };
      }
    },
  });
  return { get };
}
