/**
 * "Sign in with a passkey" in the widget against the real backend: offered under the SecSign ID
 * form where a passkey alone counts (outside, mode `2fa`, passkeys in the policy), in the page's
 * language, and not offered where the password is enough (inside) or comes first (mode `2sa`).
 * The ceremony itself runs in the end-to-end test with Chromium's virtual authenticator.
 */
import { expect } from '@open-wc/testing';
import '../../widget/ipsafezone-login.js';
import { control } from '../support/browser-control.js';
import { mount, waitForStep, type LoginElement } from './helpers.js';

const passkeyButton = (el: LoginElement) =>
  el.querySelector<HTMLButtonElement>('form button.ipsz-passkey');

describe('<ipsafezone-login> passkey button', () => {
  it('outside (mode 2fa): offered under the SecSign ID form, accessible', async () => {
    const { origin } = await control('reset', { inside: false });
    const { el } = await mount({ server: origin });
    await waitForStep(el, 'secsign-id');
    const button = passkeyButton(el);
    expect(button?.textContent?.trim()).to.equal('Sign in with a passkey');
    expect(button?.type).to.equal('button');
    await expect(el).to.be.accessible();
  });

  it('in German', async () => {
    const { origin } = await control('reset', { inside: false });
    const { el } = await mount({ server: origin, lang: 'de' });
    await waitForStep(el, 'secsign-id');
    expect(passkeyButton(el)?.textContent?.trim()).to.equal('Mit Passkey anmelden');
  });

  it('inside (password) and in mode 2sa (password first): not offered', async () => {
    for (const setup of [{ inside: true }, { inside: false, twoStepActive: true }]) {
      const { origin } = await control('reset', setup);
      const { el } = await mount({ server: origin });
      await waitForStep(el, 'password');
      expect(passkeyButton(el), JSON.stringify(setup)).to.equal(null);
      el.remove();
    }
  });
});
