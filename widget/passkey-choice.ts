/**
 * The passkey choice of "Use another way" (see `factor-choices.ts`). This placeholder says
 * "not available" until the passkey module (issue 18, passkeys half) replaces it with the WebAuthn
 * ceremony; it lives in its own chunk, loaded only when choices are shown.
 */
import type { PasskeyChoice } from './factor-choices.js';

export const passkeyChoice: PasskeyChoice = {
  available: () => false,
  signIn: () => Promise.reject(new Error('Passkeys are not available in this build.')),
};
