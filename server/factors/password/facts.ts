/** The password's facts: something the user knows; enough alone only inside a safe zone. Pure. */
import type { FactorFacts } from '../facts.js';

export const passwordFacts = {
  name: 'password',
  kind: 'knowledge',
  multiFactorByItself: false,
  replacesLostFactor: false,
  amr: ['pwd'],
  answer: 'password',
  needsPassword: true,
  keepsAdminOutside: false,
  heldAs: 'password',
  offerOrder: 0,
  inSentence: 'your password',
} as const satisfies FactorFacts;
