/**
 * The passkey's view (a chunk of its own, see index.ts): "Sign in with a passkey" under the
 * SecSign ID form (mode `2fa`, before any user name; shown only when the zone answer says a passkey
 * alone counts from here and the browser has WebAuthn), and the WebAuthn ceremony in the browser,
 * which also serves the *Passkey* choice of "Use another way". It uses the browser's own JSON
 * helpers (`PublicKeyCredential.parseRequestOptionsFromJSON`, `credential.toJSON()`); a browser
 * without them is told "not available" and the choice is not offered. Without a user name the
 * browser offers the passkeys it holds for this site (discoverable credentials); after the
 * password the password step's transaction is handed on. Its routes are its own
 * (`server/factors/passkey/routes.ts`), called through the client's `factorCall`. The server
 * decides everything else.
 */
import { html, nothing } from 'lit';
import { ApiError, type FactorBody, type LoginApi } from '../api-client.js';
import type { SignedIn } from '../api-types.js';
import type { FactorView, StepView } from '../step-view.js';

/** Whether this browser has WebAuthn with the JSON helpers. */
export function passkeysSupported(): boolean {
  return (
    typeof PublicKeyCredential === 'function' &&
    typeof PublicKeyCredential.parseRequestOptionsFromJSON === 'function' &&
    typeof navigator.credentials?.get === 'function'
  );
}

const notUsed = () => new ApiError(0, 'passkey_canceled', 'No passkey was used.');

/** The ceremony: the server's challenge, the browser's passkey, the server's check. */
async function signIn(
  api: LoginApi,
  transaction: string | null,
  username: string,
  signal: AbortSignal,
): Promise<SignedIn> {
  if (!passkeysSupported())
    throw new ApiError(0, 'passkey_unsupported', 'This browser cannot use passkeys.');
  const start = await api.factorCall(
    '/login/passkey/options',
    transaction ? { transaction } : username ? { username } : {},
    signal,
  );
  let credential: Credential | null;
  try {
    credential = await navigator.credentials.get({
      publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(
        start.options as PublicKeyCredentialRequestOptionsJSON,
      ),
      signal,
    });
  } catch (e) {
    if (signal.aborted) throw e;
    // NotAllowedError: dismissed, timed out, or no passkey for this site on this device.
    throw notUsed();
  }
  if (!(credential instanceof PublicKeyCredential)) throw notUsed();
  // The browser's own JSON of the credential (`any` to TypeScript); the server checks its shape.
  const json = credential.toJSON() as FactorBody<'/login/passkey/verify'>['credential'];
  const body = { transaction: start.transaction, credential: json };
  return api.factorCall('/login/passkey/verify', body, signal);
}

/** The button under the SecSign ID form, where a passkey alone counts from here. */
function extra(v: StepView) {
  const { state } = v;
  const offered =
    state.step.kind === 'secsign-id' &&
    typeof PublicKeyCredential === 'function' &&
    !!state.zone?.factors?.some((o) => o.factor === 'passkey' && !o.withPassword);
  if (!offered) return nothing;
  return html`<button
    class="ipsz-submit ipsz-passkey"
    type="button"
    ?disabled=${state.busy}
    @click=${() => v.send({ type: 'ceremony', factor: 'passkey' })}
  >
    ${words(v.t.code).button}
  </button>`;
}

const WORDS = {
  en: { name: 'Passkey', button: 'Sign in with a passkey' },
  de: { name: 'Passkey', button: 'Mit Passkey anmelden' },
};

const words = (lang: string) => (lang === 'de' ? WORDS.de : WORDS.en);

export const view: FactorView = { words, usable: passkeysSupported, signIn, extra };
