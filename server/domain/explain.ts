/**
 * "What would a login from this address need, and why?" — for the admin page's explain view and
 * the CLI's `check-ip`. It uses the same matcher and the same `decideLogin` as the login flow, and,
 * given a user name, says whether that user could finish such a login (a user without a SecSign
 * ID can sign in from inside the zone only).
 */
import type { Client } from '@libsql/client';
import { decideLogin, type LoginMode } from '../policy/index.js';
import { getSettings } from '../store/settings.js';
import { findUserByUsername } from '../store/users.js';
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
  db: Client,
  source: ZoneMatcherSource,
  address: string,
  username?: string,
): Promise<Explanation> {
  const [{ matcher, failed }, settings] = await Promise.all([source.get(), getSettings(db)]);
  const match = matcher.match(address);
  const decision = decideLogin({
    active: settings.ipSafeZoneActive,
    twoStep: settings.twoStepActive,
    match,
  });
  const result: Explanation = {
    input: address,
    address: match.address,
    inside: match.inside,
    zone: match.zone,
    ipSafeZoneActive: settings.ipSafeZoneActive,
    twoStepActive: settings.twoStepActive,
    mode: decision.mode,
    reason: failed
      ? `${decision.reason} (zones could not be loaded: failing closed)`
      : decision.reason,
    zonesUnavailable: failed,
  };
  if (username !== undefined && username.trim() !== '') {
    const user = await findUserByUsername(db, username);
    const hasId = user?.secSignId != null;
    let canSignIn = false;
    let note: string;
    if (!user) note = 'There is no such user.';
    else if (user.disabled) note = 'The account is disabled.';
    else if (decision.mode === 'password') {
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
