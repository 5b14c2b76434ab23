/**
 * What a login proved, as a set of factors — in the manner of OIDC's `amr` (RFC 8176) and
 * Authelia's knowledge/possession model — instead of a string that names SecSign. The policy asks
 * which *kinds* of proof are needed from where the requester stands; this file says what each
 * factor proves. Adding a factor (passkey, TOTP, recovery code) adds a row here and a module under
 * `server/auth/`, not a branch in every door. Pure: no Hono, no database.
 */

/** Every factor ipsafezone knows. The names are stored with sessions; never rename one. */
export const FACTOR_NAMES = ['password', 'secsign', 'passkey', 'totp', 'recovery_code'] as const;
export type FactorName = (typeof FACTOR_NAMES)[number];

/** What a factor proves: something the user knows, has, or is. */
export type FactorKind = 'knowledge' | 'possession' | 'inherence';

export interface FactorInfo {
  kind: FactorKind;
  /**
   * True when the factor is multi-factor in itself: SecSign ID (the phone, unlocked with the app's
   * PIN or biometrics) and a passkey with user verification. Such a factor alone satisfies "a
   * second factor"; a possession-only factor (TOTP) counts only together with the password.
   */
  multiFactorByItself: boolean;
  /** RFC 8176 `amr` values this factor contributes to an ID token. */
  amr: readonly string[];
}

export const FACTORS: Readonly<Record<FactorName, FactorInfo>> = {
  password: { kind: 'knowledge', multiFactorByItself: false, amr: ['pwd'] },
  // SecSign ID: a push to a phone app (possession) unlocked by PIN or fingerprint: RFC 8176 has
  // no value for a vendor push, so `mfa` and `swk` (proof of a software-secured key).
  secsign: { kind: 'possession', multiFactorByItself: true, amr: ['swk', 'mfa'] },
  passkey: { kind: 'possession', multiFactorByItself: true, amr: ['hwk', 'user'] },
  totp: { kind: 'possession', multiFactorByItself: false, amr: ['otp'] },
  recovery_code: { kind: 'knowledge', multiFactorByItself: false, amr: ['kba'] },
};

/** A set of proven factors, kept sorted and without repeats. */
export type FactorSet = readonly FactorName[];

export function isFactorName(value: string): value is FactorName {
  return (FACTOR_NAMES as readonly string[]).includes(value);
}

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
 * A recovery code stands in for the second factor its user lost: it is a one-time secret the user
 * was given when they proved a second factor (or enrolled their first), so together with the
 * password it counts as that second factor did — once per code (docs/factors.md). Alone, or with
 * anything but the password, it proves nothing more than any other knowledge.
 */
function passwordAndRecoveryCode(proof: FactorSet): boolean {
  return proof.includes('password') && proof.includes('recovery_code');
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
        passwordAndRecoveryCode(proof)
      );
    case 'password-and-second-factor':
      return (
        proof.includes('password') && (kinds.has('possession') || passwordAndRecoveryCode(proof))
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
