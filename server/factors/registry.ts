/**
 * The factors ipsafezone knows, listed once. Each factor states its facts in
 * `server/factors/<name>/facts.ts`; everything that lists factor names — the API schemas (zod
 * enums), the login answers' types, the factor offer, the seed rule that keeps an administrator
 * able to sign in from outside, the widget's choices — derives from this list. A new factor adds
 * its facts file and one line here. Pure: no database, no HTTP (the factors' services are built in
 * `server/factors/login-factors.ts`).
 */
import type { Answer } from './facts.js';
import { passwordFacts } from './password/facts.js';
import { secsignFacts } from './secsign/facts.js';
import { passkeyFacts } from './passkey/facts.js';
import { totpFacts } from './totp/facts.js';
import { recoveryCodeFacts } from './recovery-code/facts.js';

/** In the order sets of factors are stored (`password+secsign`): never reorder or rename. */
const ALL = [passwordFacts, secsignFacts, passkeyFacts, totpFacts, recoveryCodeFacts] as const;

type AnyFacts = (typeof ALL)[number];
export type FactorName = AnyFacts['name'];
/** The factors besides the password: what the outside policy names and the login offers. */
export type SecondFactorName = Exclude<FactorName, 'password'>;
/**
 * The factors answered with a typed code, checked at once (`POST /api/login/code`): a code the user
 * has (an app, a list) or one the server sent them first (`POST /api/login/code/send`).
 */
export type CodeFactorName = Extract<AnyFacts, { answer: 'code' | 'sent-code' }>['name'];

/** The factors a user enrols as rows of `user_factors` (`totp`, `passkey`). */
export type EnrolledFactorName = Extract<AnyFacts, { heldAs: 'user_factors' }>['name'];

export const FACTOR_NAMES: readonly FactorName[] = ALL.map((f) => f.name);

/** Every factor's facts, by name. */
export const FACTORS: { readonly [N in FactorName]: Extract<AnyFacts, { name: N }> } =
  Object.fromEntries(ALL.map((f) => [f.name, f])) as never;

const isSecond = (f: AnyFacts): f is Extract<AnyFacts, { name: SecondFactorName }> =>
  f.name !== 'password';

/** The second factors, in stored order (`secsign`, `passkey`, …): the policy's names. */
export const SECOND_FACTOR_NAMES: readonly SecondFactorName[] = ALL.filter(isSecond).map(
  (f) => f.name,
);

/** The second factors in the order the login offers them: the strongest first, the way back last. */
export const OFFER_ORDER: readonly SecondFactorName[] = ALL.filter(isSecond)
  .sort((a, b) => a.offerOrder - b.offerOrder)
  .map((f) => f.name);

/** A factor's answer as the wider word (a kind no factor uses yet may be asked about). */
const answerOf = (f: AnyFacts): Answer => f.answer;

const isCode = (f: AnyFacts): f is Extract<AnyFacts, { answer: 'code' | 'sent-code' }> =>
  answerOf(f) === 'code' || answerOf(f) === 'sent-code';

export const CODE_FACTOR_NAMES: readonly CodeFactorName[] = ALL.filter(isCode).map((f) => f.name);

export function isFactorName(value: string): value is FactorName {
  return (FACTOR_NAMES as readonly string[]).includes(value);
}

export function isEnrolledFactor(name: string): name is EnrolledFactorName {
  return (
    (FACTOR_NAMES as readonly string[]).includes(name) &&
    FACTORS[name as FactorName].heldAs === 'user_factors'
  );
}

export function isCodeFactor(name: string): name is CodeFactorName {
  return (CODE_FACTOR_NAMES as readonly string[]).includes(name);
}

/** Whether `name`'s code is sent out of band when the user picks it (an e-mail code). */
export function isSentCodeFactor(name: string): boolean {
  return isFactorName(name) && answerOf(FACTORS[name]) === 'sent-code';
}

/** What a user holds, as far as a factor's usability goes. */
export interface Holdings {
  /** Whether the user has a password (a local hash, or a password directory). */
  hasPassword: boolean;
  secSignId: string | null;
  /** The names of their rows in `user_factors` (`totp`, `passkey`). */
  enrolled: readonly string[];
  recoveryCodesLeft: number;
}

/** Whether a user holds a factor, so that it is usable for them. */
export function holds(name: FactorName, h: Holdings): boolean {
  switch (FACTORS[name].heldAs) {
    case 'password':
      return h.hasPassword;
    case 'secsign_id':
      return h.secSignId !== null;
    case 'user_factors':
      return h.enrolled.includes(name);
    case 'recovery_codes':
      return h.recoveryCodesLeft > 0;
  }
}
