/**
 * Keeps the settings in memory for the doors — and the enrolment campaign's row beside them, which
 * every password sign-in asks (migration 023 counts its changes in the settings counter). A change
 * this process makes (admin API, in-process
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
import { getEnrolmentCampaign, type EnrolmentCampaign } from '../store/enrolment-campaign.js';
import { appLogger } from '../platform/logger.js';
import { checkedCache } from '../db/checked-cache.js';

export interface SettingsState {
  settings: Settings;
  /** The enrolment campaign (server/domain/enrolment-campaign.ts), read with the settings. */
  campaign: EnrolmentCampaign;
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
  let known: { settings: Settings; campaign: EnrolmentCampaign; version: number } | null = null;
  const get = checkedCache<SettingsState>({
    db,
    tables: ['settings', 'enrolment_campaign'],
    intervalMs: options.checkIntervalMs ?? 500,
    now: () => performance.now(),
    // Reads the counter, and the settings when it moved.
    async check() {
      try {
        const version = await settingsVersion(db);
        if (!known || known.version !== version) {
          // The counter is read first: a change landing in between only makes the next check
          // re-read once more.
          const [settings, campaign] = await Promise.all([
            getSettings(db),
            getEnrolmentCampaign(db),
          ]);
          known = { settings, campaign, version };
        }
        const { settings, campaign } = known;
        return { value: { settings, campaign, stale: false }, keep: true };
      } catch (err) {
        if (!known) throw err;
        log('Settings could not be re-read; using the last settings read:', err);
        // Stale answers are not kept: the next get() tries the database again.
        return {
          value: { settings: known.settings, campaign: known.campaign, stale: true },
          keep: false,
        };
      }
    },
  });
  return { get };
}
