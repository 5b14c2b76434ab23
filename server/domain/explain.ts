/**
 * "What would a login from this address need, and why?" — for the admin page's explain view and
 * the CLI's `check-ip`. It asks the very composition the login doors ask (`decideZone`), and,
 * given a user name, says whether that user could finish such a login (a user without a SecSign
 * ID can sign in from inside the zone only).
 */
import type { Database } from '../db/database.js';
import type { LoginMode, Requirement } from '../policy/index.js';
import { normalizeAddress } from '../zones/index.js';
import { findUserByUsername } from '../store/users.js';
import { decideZone } from './zone-decision.js';
import { createSettingsSource } from './settings-source.js';
import type { ZoneMatcherSource } from './zone-matcher-source.js';

export interface Explanation {
  /** The address as given. */
  input: string;
  /** Canonical form, or null when it is not an address. */
  address: string | null;
  inside: boolean;
  zone: string | null;
  ipSafeZoneActive: boolean;
  twoStepActive: boolean;
  /** What a login from there must prove. */
  requirement: Requirement;
  /** Its wire name (`password`, `2fa`, `2sa`). */
  mode: LoginMode;
  reason: string;
  /** True when the zones could not be loaded (every address counts as outside). */
  zonesUnavailable: boolean;
  /** Present when a user name was given. */
  user?: {
    username: string;
    found: boolean;
    disabled: boolean;
    hasSecSignId: boolean;
    canSignIn: boolean;
    note: string;
  };
}

/** Explains the decision for `address` (and optionally for one user). */
export async function explainAddress(
  db: Database,
  source: ZoneMatcherSource,
  address: string,
  username?: string,
): Promise<Explanation> {
  const canonical = normalizeAddress(address);
  const zoneDecision = await decideZone(
    // A fresh settings source: the administrator sees the settings as they are now.
    { db, zones: source, settings: createSettingsSource(db) },
    { ip: canonical, reason: 'typed by an administrator' },
  );
  const result: Explanation = {
    input: address,
    address: canonical,
    inside: zoneDecision.inside,
    zone: zoneDecision.zone,
    ipSafeZoneActive: zoneDecision.active,
    twoStepActive: zoneDecision.twoStep,
    requirement: zoneDecision.requirement,
    mode: zoneDecision.mode,
    reason: zoneDecision.reason,
    zonesUnavailable: zoneDecision.zonesFailed,
  };
  if (username !== undefined && username.trim() !== '') {
    const user = await findUserByUsername(db, username);
    const hasId = user?.secSignId != null;
    let canSignIn = false;
    let note: string;
    if (!user) note = 'There is no such user.';
    else if (user.disabled) note = 'The account is disabled.';
    else if (zoneDecision.requirement === 'password') {
      canSignIn = true;
      note = 'A password suffices from here.';
    } else if (!hasId) {
      note = 'The user has no SecSign ID: from here, an administrator must assign one first.';
    } else {
      canSignIn = true;
      note = `The user signs in with the SecSign ID ${user.secSignId}.`;
    }
    result.user = {
      username: user?.username ?? username.trim(),
      found: user !== null,
      disabled: user?.disabled ?? false,
      hasSecSignId: hasId,
      canSignIn,
      note,
    };
  }
  return result;
}
