/**
 * Passkeys on the admin and profile pages: their name, and the profile's own passkeys card
 * (`passkeys-section.ts`: list, add through the browser's WebAuthn dialog, remove).
 */
import { html } from 'lit';
import type { FactorView } from '../factor-view.js';
import './passkeys-section.js';

export const view: FactorView = {
  name: 'passkey',
  policyLabel: () => 'Passkey',
  itemLabel: () => 'Passkey',
  profileCard: (api, terms) =>
    html`<ipsz-passkeys-section .api=${api} .terms=${terms}></ipsz-passkeys-section>`,
};
