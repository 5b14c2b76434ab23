/**
 * A passkey's facts: the device's key, unlocked with PIN or biometrics (user verification is
 * required everywhere), so multi-factor by itself; offered first, as the strongest. Pure.
 */
import type { FactorFacts } from '../facts.js';

export const passkeyFacts = {
  name: 'passkey',
  kind: 'possession',
  multiFactorByItself: true,
  replacesLostFactor: false,
  amr: ['hwk', 'user'],
  answer: 'ceremony',
  needsPassword: false,
  keepsAdminOutside: true,
  heldAs: 'user_factors',
  offerOrder: 1,
  inSentence: 'a passkey',
} as const satisfies FactorFacts;
