/**
 * The shape of a factor's facts: what it proves, how a login asks for it, whether it counts for
 * the seed rule, and where a user holds it. Each factor states its own in
 * `server/factors/<name>/facts.ts`; `server/factors/registry.ts` lists them, and every list of
 * factor names (API schemas, the factor offer, the seed rule, the widget's choices) derives from
 * that list instead of spelling the names out again. Pure: data only.
 */

/** What a factor proves: something the user knows, has, or is. */
export type FactorKind = 'knowledge' | 'possession' | 'inherence';

/**
 * Where a user holds a factor, which says both whether they can use it and how the seed rule
 * finds it in the database: the password (a local hash, or a password directory), the SecSign ID
 * on the user's row, rows of `user_factors` with the factor's name, or unused recovery codes.
 */
export type HeldAs = 'password' | 'secsign_id' | 'user_factors' | 'recovery_codes';

/**
 * How a login asks for it: the password form, a challenge the widget waits for (a push to a
 * phone), a code typed and checked at once, a code the server sends out of band (an e-mail, a
 * text message) when the user picks the factor and the user then types, or a WebAuthn ceremony in
 * the browser.
 */
export type Answer = 'password' | 'challenge' | 'code' | 'sent-code' | 'ceremony';

export interface FactorFacts {
  /** The name stored with sessions and settings. Never rename one. */
  readonly name: string;
  readonly kind: FactorKind;
  /**
   * True when the factor is multi-factor in itself: SecSign ID (the phone, unlocked with the app's
   * PIN or biometrics) and a passkey with user verification. Such a factor alone satisfies "a
   * second factor"; a possession-only factor (TOTP) counts only together with the password.
   */
  readonly multiFactorByItself: boolean;
  /**
   * True for a factor that stands in for the second factor a user lost (recovery codes): with the
   * password it satisfies a second factor, though it proves knowledge only.
   */
  readonly replacesLostFactor: boolean;
  /** RFC 8176 `amr` values this factor contributes to an ID token. */
  readonly amr: readonly string[];
  readonly answer: Answer;
  /** Whether the password is always asked with it (in one-step 2FA too). */
  readonly needsPassword: boolean;
  /**
   * Whether it keeps an administrator able to sign in from outside (the seed rule). Recovery
   * codes do not: they run out.
   */
  readonly keepsAdminOutside: boolean;
  readonly heldAs: HeldAs;
  /** Where it stands among the choices the login offers ("Use another way"): lower first. */
  readonly offerOrder: number;
  /**
   * How the server's English messages name it inside a sentence ("needs … your SecSign ID"); the
   * widget and the admin page have their own words in each language.
   */
  readonly inSentence: string;
}
