/**
 * An authenticator app's facts (TOTP): the device holding the secret — possession only, so it
 * counts only together with the password, which is always asked with it. Pure.
 */
import type { FactorFacts } from '../facts.js';

export const totpFacts = {
  name: 'totp',
  kind: 'possession',
  multiFactorByItself: false,
  replacesLostFactor: false,
  amr: ['otp'],
  answer: 'code',
  needsPassword: true,
  keepsAdminOutside: true,
  heldAs: 'user_factors',
  offerOrder: 3,
  inSentence: "an authenticator app's code",
} as const satisfies FactorFacts;
