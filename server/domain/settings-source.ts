/**
 * Keeps the settings in memory, in step with the database through the cheap `settings` change
 * counter (bumped by a trigger, so a change by the CLI or another instance moves it too). Every
 * `get()` reads only the counter — one row of a tiny table, which a writer's lock does not block
 * in WAL mode — and re-reads the settings only when it moved; concurrent requests share one check.
 *
 * When the database cannot be read, the last settings read are used (a read-only door keeps
 * answering) and `stale` says so; before any settings were ever read there is nothing to go on and
 * `get()` throws: whoever asks fails closed.
 */
import type { Client } from '@libsql/client';
import { getSettings, settingsVersion, type Settings } from '../store/settings.js';
import { currentLogger } from '../ops/logger.js';

export interface SettingsState {
  settings: Settings;
  /** True when the last check failed and these are the last settings read. */
  stale: boolean;
}

export interface SettingsSource {
  get(): Promise<SettingsState>;
}

export function createSettingsSource(
  db: Client,
  log: (message: string, err: unknown) => void = (m, e) =>
    currentLogger().warn({ detail: (e as Error).message }, m),
): SettingsSource {
  let known: { settings: Settings; version: number } | null = null;
  let pending: Promise<SettingsState> | null = null;

  async function refresh(): Promise<SettingsState> {
    try {
      const version = await settingsVersion(db);
      if (!known || known.version !== version) {
        // The counter is read first: a change landing in between only makes the next check
        // re-read once more.
        known = { settings: await getSettings(db), version };
      }
      return { settings: known.settings, stale: false };
    } catch (err) {
      if (!known) throw err;
      log('Settings could not be re-read; using the last settings read:', err);
      return { settings: known.settings, stale: true };
    }
  }

  return {
    get() {
      pending ??= refresh().finally(() => {
        pending = null;
      });
      return pending;
    },
  };
}
