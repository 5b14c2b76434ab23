/**
 * The two policies the preview replays against (issue 27): the live one — settings, zones and
 * trusted proxies as they are — and the draft's, where what the draft gives replaces the live
 * value. Shared by the preview and by the administrator guard the zone and settings services run
 * before a save (policy-preview-admins.ts), so both judge the same two policies.
 */
import type { Database } from '../db/database.js';
import { createClientAddressResolver, type ClientAddressConfig } from '../client-address/index.js';
import type { ReplayPolicy } from '../policy/index.js';
import { compileZones, type ZoneDefinition } from '../zones/index.js';
import { getSettings, type Settings } from '../store/settings.js';
import { listZones } from '../store/zones.js';
import type { PolicyDraft } from './policy-preview-types.js';

/** The live and the draft policy, with what the draft changes. */
export interface ReplayPolicies {
  settings: Settings;
  liveZones: ZoneDefinition[];
  liveProxies: string[];
  live: ReplayPolicy;
  next: ReplayPolicy;
  /** The draft names other trusted proxies: recorded peers and headers are resolved again. */
  proxiesChanged: boolean;
  /** The draft changes IPSafeZone, two-step or the factors that count outside. */
  settingsChanged: boolean;
}

/**
 * Reads the live policy and builds the draft's.
 * @throws ZoneDefinitionError when the draft's zones do not compile (422 at the edges)
 */
export async function replayPolicies(
  db: Database,
  clientAddress: ClientAddressConfig,
  draft: PolicyDraft,
): Promise<ReplayPolicies> {
  const settings = await getSettings(db);
  const liveZones: ZoneDefinition[] = (await listZones(db)).map((z) => ({
    name: z.name,
    ranges: z.ranges,
    enabled: z.enabled,
    force: z.force,
  }));
  const liveProxies = [...clientAddress.trustedProxies];
  const proxiesChanged =
    draft.trustedProxies !== undefined && draft.trustedProxies.join(',') !== liveProxies.join(',');
  const draftFactors = draft.outsideFactors ?? settings.outsideFactors;
  const settingsChanged =
    (draft.ipSafeZoneActive ?? settings.ipSafeZoneActive) !== settings.ipSafeZoneActive ||
    (draft.twoStepActive ?? settings.twoStepActive) !== settings.twoStepActive ||
    draftFactors.join('+') !== settings.outsideFactors.join('+');

  const live: ReplayPolicy = {
    active: settings.ipSafeZoneActive,
    twoStep: settings.twoStepActive,
    outsideFactors: settings.outsideFactors,
    zones: compileZones(liveZones),
    ...(proxiesChanged ? { resolve: createClientAddressResolver(clientAddress) } : {}),
  };
  const next: ReplayPolicy = {
    active: draft.ipSafeZoneActive ?? settings.ipSafeZoneActive,
    twoStep: draft.twoStepActive ?? settings.twoStepActive,
    outsideFactors: draftFactors,
    zones: compileZones(draft.zones ?? liveZones),
    ...(proxiesChanged
      ? {
          resolve: createClientAddressResolver({
            ...clientAddress,
            trustedProxies: draft.trustedProxies!,
          }),
        }
      : {}),
  };
  return { settings, liveZones, liveProxies, live, next, proxiesChanged, settingsChanged };
}
