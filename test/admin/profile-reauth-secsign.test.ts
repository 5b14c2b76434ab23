/**
 * Browser test of "Confirm it's you" with SecSign ID on the profile page, against the real backend
 * and its simulated phone: bob (SecSign ID `bob.sec`, no other factor) signed in ten minutes ago
 * with his password and asks to add an authenticator app. The dialog offers his SecSign ID, not
 * the password; confirming shows the access pass and waits for the phone; once the phone accepts,
 * the dialog closes and the change he asked for goes on (the QR code is shown).
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../admin/ipsafezone-profile.js';
import { control, PhoneState } from '../support/browser-control.js';
import { need, resetAdmin, signIn, until, words } from './admin-helpers.js';

describe('profile: confirm it is you with SecSign ID', () => {
  it('the access pass is shown, the phone accepts, and the change goes on', async () => {
    const { origin } = await resetAdmin({});
    await signIn(origin, 'bob');
    await control('stale-sessions', { username: 'bob' });
    const el = await fixture<HTMLElement>(
      html`<ipsafezone-profile server=${origin} username="bob" lang="en"></ipsafezone-profile>`,
    );
    const root = el.shadowRoot!;
    await until(() => root.querySelector('ipsz-factors-card'), 'the profile loaded');
    const card = root.querySelector('ipsz-factors-card')!.shadowRoot!;
    const add = await until(
      () => card.querySelector<HTMLButtonElement>('[data-add-totp]'),
      'the add button',
    );
    const dialog = root.querySelector('ipsz-reauth-dialog')!.shadowRoot!.querySelector('dialog')!;

    add.click();
    await until(() => dialog.open, 'the dialog opens');
    const secsign = await until(
      () => dialog.querySelector<HTMLButtonElement>('[data-confirm=secsign]'),
      'the SecSign ID way',
    );
    expect(dialog.querySelector('form[data-confirm=password]'), 'no password').to.equal(null);
    secsign.click();
    const pending = await until(
      () => dialog.querySelector('[data-confirm=secsign-pending]'),
      'waiting for the phone',
    );
    expect(words(pending)).to.contain('bob.sec');
    expect(need<HTMLImageElement>(pending, 'img.pass').src).to.match(/^data:image\//);

    await control('phone', { secSignId: 'bob.sec', state: PhoneState.accepted });
    await until(() => !dialog.open, 'the dialog closes', 15_000);
    await until(() => card.querySelector('img.qr'), 'the QR code: the change went on');
  });
});
