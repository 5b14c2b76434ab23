/**
 * Passkeys on the admin and profile pages: their name, the profile's own passkeys card
 * (`passkeys-section.ts`: list, add through the browser's WebAuthn dialog, remove), and the way to
 * confirm "it's you" with one (the browser's WebAuthn dialog, through its JSON helpers).
 */
import { html } from 'lit';
import type { ConfirmHost, Confirming, FactorView } from '../factor-view.js';
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
    const start = await h.api.send<{
      transaction: string;
      options: PublicKeyCredentialRequestOptionsJSON;
    }>('POST', '/api/me/reauth/passkey/options');
    let credential: Credential | null = null;
    try {
      credential = await navigator.credentials.get({
        publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(start.options),
      });
    } catch {
      credential = null;
    }
    if (!(credential instanceof PublicKeyCredential)) {
      const canceled = words(h.terms.code).passkeyCanceled;
      throw Object.assign(new Error(canceled), { code: 'passkey_canceled' });
    }
    return h.api.send<Confirming>('POST', '/api/me/reauth/passkey', {
      transaction: start.transaction,
      credential: credential.toJSON() as unknown,
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
