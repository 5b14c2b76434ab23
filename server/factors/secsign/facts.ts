/**
 * SecSign ID's facts: a push to the phone app (possession) unlocked with its PIN or fingerprint,
 * so multi-factor by itself. RFC 8176 has no value for a vendor push: `swk` (proof of a
 * software-secured key) and `mfa`. Pure.
 */
import type { FactorFacts } from '../facts.js';

export const secsignFacts = {
  name: 'secsign',
  kind: 'possession',
  multiFactorByItself: true,
  replacesLostFactor: false,
  amr: ['swk', 'mfa'],
  answer: 'challenge',
  needsPassword: false,
  keepsAdminOutside: true,
  heldAs: 'secsign_id',
  offerOrder: 2,
  inSentence: 'your SecSign ID',
} as const satisfies FactorFacts;
