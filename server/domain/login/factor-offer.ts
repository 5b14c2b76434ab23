/**
 * Which second factors a login may be finished with from where the requester stands: the policy's
 * allowed set (`settings.outside_factors`) for the zone answer — the same for every user name, so
 * the answer never tells whether a user exists — and, once the password proved who is asking, the
 * ones this user can use (each factor module's `usableFor`: a SecSign ID, an enrolled
 * authenticator app or passkey, unused recovery codes). A factor that needs the password (TOTP, recovery codes) always
 * comes after it; in `2sa` everything does. The order and both facts come from the registry.
 */
import type { FactorSet, Requirement } from '../../factors/proof.js';
import {
  FACTORS,
  OFFER_ORDER,
  isSentCodeFactor,
  type Holdings,
  type SecondFactorName,
} from '../../factors/registry.js';
import { FACTOR_MODULES } from '../../factors/modules.js';
import type { FactorOffer } from './answers.js';

/**
 * What the policy lets count from a zone decision (nothing when the password is enough). A code
 * sent out of band is offered only after the password (not in `2fa`, where a code goes with the
 * password in one request and could not have been sent before).
 */
export function offeredFactors(s: {
  requirement: Requirement;
  outsideFactors: FactorSet;
}): FactorOffer[] {
  if (s.requirement === 'password') return [];
  const sentFirst = (f: SecondFactorName) =>
    s.requirement === 'second-factor' && isSentCodeFactor(f);
  return OFFER_ORDER.filter((f) => s.outsideFactors.includes(f) && !sentFirst(f)).map((f) => ({
    factor: f,
    withPassword: s.requirement === 'password-and-second-factor' || FACTORS[f].needsPassword,
  }));
}

/** What one user holds of those. */
export function usableFactors(
  s: { requirement: Requirement; outsideFactors: FactorSet },
  has: { secSignId: string | null; kinds: readonly string[]; recoveryCodesLeft: number },
): FactorOffer[] {
  const holdings: Holdings = { ...has, hasPassword: true, enrolled: has.kinds };
  return offeredFactors(s).filter((o) => FACTOR_MODULES[o.factor].usableFor(holdings));
}
