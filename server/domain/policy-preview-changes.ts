/**
 * What a draft of the policy changes against the live one (issue 27): the changes in words for the
 * preview's heading, and — when only zones change — the address ranges that can move an address in
 * or out of a zone, so the preview reads only the sign-ins within them.
 */
import type { Settings } from '../store/settings.js';
import type { ZoneDefinition } from '../zones/index.js';
import { keyRangeOf, type KeyRange } from '../zones/address-key.js';
import type { PolicyDraft } from './policy-preview-types.js';

export const sameZone = (a: ZoneDefinition, b: ZoneDefinition) =>
  a.name === b.name &&
  (a.enabled ?? true) === (b.enabled ?? true) &&
  (a.force ?? false) === (b.force ?? false) &&
  a.ranges.length === b.ranges.length &&
  a.ranges.every((r, i) => r.trim() === b.ranges[i]!.trim());

/**
 * The address ranges a zone change can move an address in or out of: every range of every
 * enabled zone that is not the same in both lists (added, removed, changed, switched on or off).
 * Outside these, no address changes zone membership.
 */
export function touchedRanges(live: ZoneDefinition[], draft: ZoneDefinition[]): KeyRange[] {
  const out: KeyRange[] = [];
  const add = (z: ZoneDefinition) => {
    if (z.enabled === false) return;
    for (const text of z.ranges) {
      const r = keyRangeOf(text, true);
      if (r) out.push(r);
    }
  };
  for (const z of live) if (!draft.some((d) => sameZone(z, d))) add(z);
  for (const z of draft) if (!live.some((l) => sameZone(l, z))) add(z);
  return out;
}

export function describeChanges(
  live: { zones: ZoneDefinition[]; settings: Settings; proxies: string[] },
  draft: PolicyDraft,
): string[] {
  const out: string[] = [];
  if (draft.zones) {
    for (const z of draft.zones) {
      const was = live.zones.find((l) => l.name === z.name);
      if (!was) out.push(`zone ${z.name} added`);
      else if (!sameZone(was, z)) out.push(`zone ${z.name} changed`);
    }
    for (const z of live.zones)
      if (!draft.zones.some((d) => d.name === z.name)) out.push(`zone ${z.name} removed`);
  }
  const onOff = (b: boolean) => (b ? 'on' : 'off');
  const s = live.settings;
  if (draft.ipSafeZoneActive !== undefined && draft.ipSafeZoneActive !== s.ipSafeZoneActive)
    out.push(`IPSafeZone ${onOff(draft.ipSafeZoneActive)}`);
  if (draft.twoStepActive !== undefined && draft.twoStepActive !== s.twoStepActive)
    out.push(`two-step ${onOff(draft.twoStepActive)}`);
  if (
    draft.outsideFactors !== undefined &&
    draft.outsideFactors.join('+') !== s.outsideFactors.join('+')
  )
    out.push(`factors that count outside: ${draft.outsideFactors.join(', ') || 'none'}`);
  if (
    draft.trustedProxies !== undefined &&
    draft.trustedProxies.join(',') !== live.proxies.join(',')
  )
    out.push(`trusted proxies: ${draft.trustedProxies.join(', ') || 'none'}`);
  return out;
}
