/**
 * Which second factors a login may be finished with from where the requester stands: the policy's
 * allowed set (`settings.outside_factors`) for the zone answer — the same for every user name, so
 * the answer never tells whether a user exists — and, once the password proved who is asking, the
 * ones this user has (a SecSign ID, an enrolled authenticator app or passkey, unused recovery
 * codes). TOTP and recovery codes always come after the password; in `2sa` everything does.
 */
import type { FactorName, FactorSet, Requirement } from '../../auth/factors.js';
import type { FactorChoiceName, FactorOffer } from './answers.js';

/** The order in which choices are offered: the strongest first, the way back last. */
export const CHOICE_ORDER: readonly FactorChoiceName[] = [
  'passkey',
  'secsign',
  'totp',
  'recovery_code',
];

const needsPassword = (f: FactorChoiceName, requirement: Requirement) =>
  requirement === 'password-and-second-factor' || f === 'totp' || f === 'recovery_code';

/** What the policy lets count from a standing (nothing when the password is enough). */
export function offeredFactors(s: {
  requirement: Requirement;
  outsideFactors: FactorSet;
}): FactorOffer[] {
  if (s.requirement === 'password') return [];
  return CHOICE_ORDER.filter((f) => s.outsideFactors.includes(f as FactorName)).map((f) => ({
    factor: f,
    withPassword: needsPassword(f, s.requirement),
  }));
}

/** What one user has of those. */
export function usableFactors(
  s: { requirement: Requirement; outsideFactors: FactorSet },
  has: { secSignId: string | null; kinds: readonly string[]; recoveryCodesLeft: number },
): FactorOffer[] {
  return offeredFactors(s).filter((o) =>
    o.factor === 'secsign'
      ? has.secSignId !== null
      : o.factor === 'recovery_code'
        ? has.recoveryCodesLeft > 0
        : has.kinds.includes(o.factor),
  );
}
