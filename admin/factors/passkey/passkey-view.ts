/**
 * Passkeys on the admin and profile pages: their name, the profile's own passkeys card
 * (`passkeys-section.ts`: list, add through the browser's WebAuthn dialog, remove), and the way to
 * confirm "it's you" with one (the browser's WebAuthn dialog, through its JSON helpers).
 */
import { html } from 'lit';
import type { Body } from '../../api.js';
import type { ConfirmHost, FactorView } from '../factor-view.js';
import './passkeys-section.js';

const en = {
  withPasskey: 'Confirm with a passkey',
  passkeyCanceled: 'No passkey was used.',
};

const de: typeof en = {
  withPasskey: 'Mit einem Passkey bestätigen',
  passkeyCanceled: 'Es wurde kein Passkey verwendet.',
};

const words = (code: string) => (code === 'de' ? de : en);

/** Asks the browser for a passkey of this user and sends its answer; no passkey: refused. */
const confirmWithPasskey = (h: ConfirmHost) =>
  h.attempt(async () => {
    const start = await h.api.send('POST', '/api/me/reauth/passkey/options');
    let credential: Credential | null = null;
    try {
      credential = await navigator.credentials.get({
        // The server's options are WebAuthn's JSON form, which the browser's own types spell otherwise.
        publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(
          start.options as PublicKeyCredentialRequestOptionsJSON,
        ),
      });
    } catch {
      credential = null;
    }
    if (!(credential instanceof PublicKeyCredential)) {
      const canceled = words(h.terms.code).passkeyCanceled;
      throw Object.assign(new Error(canceled), { code: 'passkey_canceled' });
    }
    return h.api.send('POST', '/api/me/reauth/passkey', {
      json: {
        transaction: start.transaction,
        // The browser's credential as it serialises it; the server checks its shape.
        credential: credential.toJSON() as Body<'POST', '/api/me/reauth/passkey'>['credential'],
      },
    });
  });

export const view: FactorView = {
  name: 'passkey',
  policyLabel: () => 'Passkey',
  itemLabel: () => 'Passkey',
  profileCard: (api, terms) =>
    html`<ipsz-passkeys-section .api=${api} .terms=${terms}></ipsz-passkeys-section>`,
  confirmWay: (host) => ({
    render: () =>
      html`<p class="way">
        <button
          data-confirm="passkey"
          @click=${() => confirmWithPasskey(host)}
          ?disabled=${host.busy}
        >
          ${words(host.terms.code).withPasskey}
        </button>
      </p>`,
  }),
};
