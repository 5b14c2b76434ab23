/**
 * Whether what a sign-in proved is enough for what its address needs: where a second factor is
 * needed only the factors the policy lets count outside count (fail closed). One rule for the
 * doors (through `factorsSatisfy` in server/domain/zoneDecision.ts) and the policy preview's replay
 * (`replay.ts`), so the preview cannot judge a past sign-in differently from a door. Pure.
 */
import { satisfies, type FactorSet, type Requirement } from '../factors/proof.js';

export function proofCounts(
  s: { requirement: Requirement; outsideFactors: FactorSet },
  proof: FactorSet,
): boolean {
  if (s.requirement === 'password') return satisfies('password', proof);
  const allowed = proof.filter((f) => f === 'password' || s.outsideFactors.includes(f));
  return satisfies(s.requirement, allowed);
}
