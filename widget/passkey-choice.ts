/**
 * The passkey choice of "Use another way" (see `factor-choices.ts`). This placeholder says
 * "not available" until the passkey module (issue 18, passkeys half) replaces it with the WebAuthn
 * ceremony; it lives in its own chunk, loaded only when choices are shown. Typed structurally
 * (not by importing factor-choices.ts, which imports this chunk: no import circle).
 */
import type { SignedIn } from '../server/login/api-types.js';

export const passkeyChoice = {
  available: (): boolean => false,
  signIn: (_context: {
    server: string;
    transaction: string | null;
    username: string;
    signal: AbortSignal;
  }): Promise<SignedIn> => Promise.reject(new Error('Passkeys are not available in this build.')),
};
