/**
 * Keeps a compiled zone matcher in step with the database. Compiling is done once per change: the
 * source reads the cheap zones version counter (at most every `checkIntervalMs`) and rebuilds only
 * when it moved, so an instance notices a change another instance made within a second.
 * Fails closed: when the zones cannot be read or compiled, the matcher matches nothing (everyone is
 * outside, so a second factor is required) and `failed` is true; the next check tries again. Only
 * when zones were compiled before and the database is merely unavailable (db/faults.ts) are the
 * last zones kept, so that read-only doors keep answering through a database fault.
 */
import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import { compileZones, normalizeAddress, type ZoneMatcher } from '../zones/index.js';
import { listZones, zonesVersion } from '../store/zones.js';
import { isDatabaseUnavailable } from '../db/faults.js';
import { checkedCache } from '../db/checked-cache.js';

export interface ZoneMatcherState {
  matcher: ZoneMatcher;
  /** The zones version the matcher was built from (-1 when it failed). */
  version: number;
  failed: boolean;
}

export interface ZoneMatcherSource {
  /**
   * The current matcher, rebuilt first when the zones changed: at once after a change this
   * process made (server/db/write-watch.ts), within the check interval after another's.
   */
  get(): Promise<ZoneMatcherState>;
}

/** A matcher that matches nothing: every address is outside. */
export function emptyMatcher(): ZoneMatcher {
  return {
    match: (address: string) => ({
      inside: false,
      zone: null,
      address: typeof address === 'string' ? normalizeAddress(address) : null,
    }),
    zoneCount: 0,
    intervalCount: 0,
  };
}

/** Builds a matcher source over the zones table. */
export function createZoneMatcherSource(
  db: Database,
  clock: Clock,
  options: { checkIntervalMs?: number } = {},
): ZoneMatcherSource {
  const interval = options.checkIntervalMs ?? 500;
  let state: ZoneMatcherState = { matcher: emptyMatcher(), version: -1, failed: true };

  async function refresh(): Promise<ZoneMatcherState> {
    try {
      const version = await zonesVersion(db);
      if (state.failed || version !== state.version) {
        const zones = await listZones(db);
        // The counter is read before the zones: a change landing between the two reads only
        // makes the next check rebuild once more.
        const matcher = compileZones(
          zones.map((z) => ({
            name: z.name,
            ranges: z.ranges,
            enabled: z.enabled,
            force: z.force,
          })),
        );
        state = { matcher, version, failed: false };
      }
    } catch (err) {
      if (!state.failed && isDatabaseUnavailable(err)) {
        // The database cannot be read right now (locked, unreachable, replaced): the zones
        // compiled last were valid a moment ago, so read-only doors keep answering with them.
        console.warn(
          'Zones could not be re-read (database unavailable); keeping the last ones:',
          err,
        );
        return state;
      }
      console.error('Zones could not be loaded; every address counts as outside:', err);
      state = { matcher: emptyMatcher(), version: -1, failed: true };
    }
    return state;
  }

  // This process's own zone changes are seen at once, whoever made them (server/db/write-watch.ts).
  const get = checkedCache<ZoneMatcherState>({
    db,
    tables: ['zones'],
    intervalMs: interval,
    now: () => clock.now(),
    check: async () => ({ value: await refresh(), keep: true }),
  });
  return { get };
}
