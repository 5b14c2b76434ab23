/**
 * What a login needs, from where the requester stands: the product's one rule, as a pure table.
 * Every way in (login API, forward-auth, admin page) calls this, so the policy cannot differ between
 * doors (lessons-from-peers 5). An unknown address counts as outside: fail closed.
 */
import type { ZoneMatch } from '../zones/types.js';
import type { Requirement } from '../factors/proof.js';

export type { Requirement } from '../factors/proof.js';

/**
 * The wire name of a requirement in `GET /api/zone`'s `mode` (kept from the first API version,
 * which named SecSign's modes): `password`, `2fa` (a second factor — SecSign ID alone, or a
 * passkey), `2sa` (the password, then a second factor). New code reads `requires`.
 */
export type LoginMode = 'password' | '2fa' | '2sa';

/** The wire `mode` for a requirement. */
export function wireMode(requirement: Requirement): LoginMode {
  return requirement === 'password' ? 'password' : requirement === 'second-factor' ? '2fa' : '2sa';
}

export interface LoginPolicyInput {
  /** Whether IPSafeZone is active (zones consulted at all). */
  active: boolean;
  /** Whether two-step authentication (the password, then a second factor) is on. */
  twoStep: boolean;
  /** Where the requester's address stands, from the zone matcher. */
  match: ZoneMatch;
}

export interface LoginDecision {
  /** What the login must prove from here. */
  requirement: Requirement;
  /** The same as the wire name (`GET /api/zone`'s `mode`). */
  mode: LoginMode;
  /** A sentence for the audit log and the admin page. */
  reason: string;
}

function secondFactor(twoStep: boolean): { requirement: Requirement; needs: string } {
  return twoStep
    ? {
        requirement: 'password-and-second-factor',
        needs: 'two-step is on: the password, then a second factor',
      }
    : {
        requirement: 'second-factor',
        needs:
          'two-step is off: a SecSign ID or passkey alone, or the password with a second factor',
      };
}

function decided(requirement: Requirement, reason: string): LoginDecision {
  return { requirement, mode: wireMode(requirement), reason };
}

/**
 * Decides what a login needs:
 * active and inside an enabled zone → `password`; otherwise (outside, unknown address, or not
 * active) → `password-and-second-factor` when two-step is on, else `second-factor`.
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
    const { requirement, needs } = secondFactor(twoStep);
    return decided(
      requirement,
      `IPSafeZone is not active, zones are not consulted (client ${match.address ?? 'unknown'}); ${needs}`,
    );
  }
  if (match.inside && match.address !== null)
    return decided('password', `${where}; IPSafeZone is active: password suffices`);
  const { requirement, needs } = secondFactor(twoStep);
  return decided(requirement, `${where}; IPSafeZone is active and ${needs}`);
}
