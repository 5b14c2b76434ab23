/**
 * A recovery code's facts: a one-time secret (knowledge) that stands in, with the password, for
 * the second factor its user lost; offered last, as the way back. It does not keep an
 * administrator able to sign in from outside: the codes run out. Pure.
 */
import type { FactorFacts } from '../facts.js';

export const recoveryCodeFacts = {
  name: 'recovery_code',
  kind: 'knowledge',
  multiFactorByItself: false,
  replacesLostFactor: true,
  amr: ['kba'],
  answer: 'code',
  needsPassword: true,
  keepsAdminOutside: false,
  heldAs: 'recovery_codes',
  offerOrder: 4,
  inSentence: 'a recovery code',
} as const satisfies FactorFacts;
