/**
 * What a login needs, from where the requester stands: the product's one rule, as a pure table.
 * Every way in (login API, forward-auth, admin page) calls this, so the policy cannot differ between
 * doors (lessons-from-peers 5). An unknown address counts as outside: fail closed.
 */
import type { ZoneMatch } from '../zones/types.js';

/** `password` alone (inside a zone), `2fa` (SecSign ID alone), `2sa` (password, then SecSign ID). */
export type LoginMode = 'password' | '2fa' | '2sa';

export interface LoginPolicyInput {
  /** Whether IPSafeZone is active (zones consulted at all). */
  active: boolean;
  /** Whether two-step authentication (password, then SecSign ID) is on. */
  twoStep: boolean;
  /** Where the requester's address stands, from the zone matcher. */
  match: ZoneMatch;
}

export interface LoginDecision {
  mode: LoginMode;
  /** A sentence for the audit log and the admin page. */
  reason: string;
}

function secondFactor(twoStep: boolean): { mode: LoginMode; needs: string } {
  return twoStep
    ? { mode: '2sa', needs: 'two-step is on: password, then SecSign ID' }
    : { mode: '2fa', needs: 'two-step is off: SecSign ID alone' };
}

/**
 * Decides what a login needs:
 * active and inside an enabled zone → `password`; otherwise (outside, unknown address, or not
 * active) → `2sa` when two-step is on, else `2fa`.
 */
export function decideLogin(input: LoginPolicyInput): LoginDecision {
  const { active, twoStep, match } = input;
  const where =
    match.address === null
      ? 'the client address is unknown (treated as outside)'
      : match.inside
        ? `${match.address} is inside zone ${match.zone ?? '(unnamed)'}`
        : `${match.address} is outside every safe zone`;
  if (!active) {
    const { mode, needs } = secondFactor(twoStep);
    return {
      mode,
      reason: `IPSafeZone is not active, zones are not consulted (client ${match.address ?? 'unknown'}); ${needs}`,
    };
  }
  if (match.inside && match.address !== null)
    return { mode: 'password', reason: `${where}; IPSafeZone is active: password suffices` };
  const { mode, needs } = secondFactor(twoStep);
  return { mode, reason: `${where}; IPSafeZone is active and ${needs}` };
}
