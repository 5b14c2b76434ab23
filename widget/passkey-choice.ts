/**
 * The passkey choice (see `factor-choices.ts`): the WebAuthn ceremony in the browser, in a chunk of
 * its own that the element loads only when the user picks "Sign in with a passkey", so the first
 * load does not grow. It uses the browser's own JSON helpers
 * (`PublicKeyCredential.parseRequestOptionsFromJSON`, `credential.toJSON()`); a browser without
 * them is told "not available" and the choice is not offered. Without a user name the browser
 * offers the passkeys it holds for this site (discoverable credentials); after the password the
 * password step's transaction is handed on. The server decides everything else.
 */
import type { SignedIn } from '../server/login/api-types.js';
import { ApiError, LoginApi } from './api-client.js';

// Typed structurally (not by importing factor-choices.ts, which imports this chunk).
interface Context {
  server: string;
  transaction: string | null;
  username: string;
  signal: AbortSignal;
}

interface Challenge {
  transaction: string;
  options: PublicKeyCredentialRequestOptionsJSON;
}

/** Whether this browser has WebAuthn with the JSON helpers. */
export function passkeysSupported(): boolean {
  return (
    typeof PublicKeyCredential === 'function' &&
    typeof PublicKeyCredential.parseRequestOptionsFromJSON === 'function' &&
    typeof navigator.credentials?.get === 'function'
  );
}

export const passkeyChoice = {
  available: passkeysSupported,
  async signIn(context: Context): Promise<SignedIn> {
    if (!passkeysSupported())
      throw new ApiError(0, 'passkey_unsupported', 'This browser cannot use passkeys.');
    const api = new LoginApi(context.server);
    const { signal } = context;
    const start = await api.call<Challenge>(
      'POST',
      '/api/login/passkey/options',
      context.transaction
        ? { transaction: context.transaction }
        : context.username
          ? { username: context.username }
          : {},
      signal,
    );
    let credential: Credential | null;
    try {
      credential = await navigator.credentials.get({
        publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(start.options),
        signal,
      });
    } catch (e) {
      if (signal.aborted) throw e;
      // NotAllowedError: dismissed, timed out, or no passkey for this site on this device.
      throw new ApiError(0, 'passkey_canceled', 'No passkey was used.');
    }
    if (!(credential instanceof PublicKeyCredential))
      throw new ApiError(0, 'passkey_canceled', 'No passkey was used.');
    return api.call<SignedIn>(
      'POST',
      '/api/login/passkey/verify',
      { transaction: start.transaction, credential: credential.toJSON() as unknown },
      signal,
    );
  },
};
