/**
 * What a login proved is a *set* of factors — in the manner of OIDC's `amr` (RFC 8176) and
 * Authelia's knowledge/possession model — instead of a string that names SecSign. The policy asks
 * which *kinds* of proof are needed from where the requester stands; the factors' facts
 * (`server/factors/registry.ts`) say what each proves, and this file answers from them alone:
 * `satisfies(requirement, proof)`, `isMultiFactor`, `amrOf`, and the stored form of a set. No
 * factor is named here. Pure: no Hono, no database.
 */
import { FACTORS, FACTOR_NAMES, isFactorName, type FactorName } from './registry.js';

/** A set of proven factors, kept in stored order and without repeats. */
export type FactorSet = readonly FactorName[];

/** A sorted, duplicate-free set. */
export function factorSet(...names: FactorName[]): FactorSet {
  return FACTOR_NAMES.filter((n) => names.includes(n));
}

/** The stored form: names joined by `+` (`password+secsign`), as the first schema already wrote. */
export function formatFactors(set: FactorSet): string {
  return factorSet(...set).join('+');
}

/** Reads the stored form; unknown names are dropped (they prove nothing: fail closed). */
export function parseFactors(stored: string): FactorSet {
  return factorSet(...stored.split('+').filter(isFactorName));
}

/**
 * What a login needs from where the requester stands (see `server/policy/`):
 * - `password`: the password is enough (inside an active safe zone);
 * - `second-factor`: a proof that is multi-factor — one factor that is multi-factor by itself
 *   (SecSign ID alone, as SecSign's "2FA" mode), or knowledge together with possession;
 * - `password-and-second-factor`: the password and then a possession factor (SecSign's "2SA").
 */
export type Requirement = 'password' | 'second-factor' | 'password-and-second-factor';

/**
 * A factor that replaces a lost one (a recovery code) is a one-time secret the user was given
 * when they proved a second factor (or enrolled their first), so together with the password it
 * counts as that second factor did — once per code (docs/factors.md). Alone, or with anything but
 * the password, it proves nothing more than any other knowledge.
 */
function passwordAndReplacement(proof: FactorSet): boolean {
  return proof.includes('password') && proof.some((f) => FACTORS[f].replacesLostFactor);
}

/** Whether `proof` satisfies `requirement`. An empty proof satisfies nothing. */
export function satisfies(requirement: Requirement, proof: FactorSet): boolean {
  if (proof.length === 0) return false;
  const kinds = new Set(proof.map((f) => FACTORS[f].kind));
  switch (requirement) {
    case 'password':
      return true;
    case 'second-factor':
      return (
        proof.some((f) => FACTORS[f].multiFactorByItself) ||
        (kinds.has('knowledge') && kinds.has('possession')) ||
        passwordAndReplacement(proof)
      );
    case 'password-and-second-factor':
      return (
        proof.includes('password') && (kinds.has('possession') || passwordAndReplacement(proof))
      );
    default:
      return false;
  }
}

/**
 * Whether a proof is multi-factor in RFC 8176's sense: a factor that is multi-factor by itself, or
 * factors of two different kinds. Password + recovery code satisfies the policy's second factor
 * (the code stands in for the lost one) but is two things the user knows: not multi-factor, so a
 * relying party that checks `mfa` or the second-factor `acr` can tell it apart.
 */
export function isMultiFactor(proof: FactorSet): boolean {
  const kinds = new Set(proof.map((f) => FACTORS[f].kind));
  return proof.some((f) => FACTORS[f].multiFactorByItself) || kinds.size > 1;
}

/** The RFC 8176 `amr` claim for a proof (each value once, in factor order; `mfa` when it is). */
export function amrOf(proof: FactorSet): string[] {
  const out: string[] = [];
  for (const f of proof) for (const v of FACTORS[f].amr) if (!out.includes(v)) out.push(v);
  if (isMultiFactor(proof) && !out.includes('mfa')) out.push('mfa');
  return out;
}
