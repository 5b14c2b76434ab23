/**
 * Browser tests of "Confirm it's you" on the profile page against the real backend (issue 23,
 * item 2): carol's session signed in ten minutes ago (control `stale-sessions`) asks to add an
 * authenticator app — the modal dialog asks for her password (she has no second factor), then
 * the app is added as asked — and the recent changes list shows it with the address. In German
 * the dialog says so in German; cancelled, the refusal is shown and nothing changed. Accessible.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../admin/ipsafezone-profile.js';
import { control, PASSWORD } from '../support/browser-control.js';
import { api, need, resetAdmin, signIn, typeInto, until, words } from './admin-helpers.js';

async function openProfile(origin: string, lang: string) {
  const el = await fixture<HTMLElement>(
    html`<ipsafezone-profile server=${origin} username="carol" lang=${lang}></ipsafezone-profile>`,
  );
  const root = el.shadowRoot!;
  await until(() => root.querySelector('ipsz-factors-card'), 'the profile loaded');
  const card = root.querySelector('ipsz-factors-card')!.shadowRoot!;
  await until(() => card.querySelector('[data-recovery-left]'), 'the factors loaded');
  const changes = await until(
    () => root.querySelector('ipsz-factor-changes-card')?.shadowRoot,
    'the changes card',
  );
  const dialog = await until(
    () => root.querySelector('ipsz-reauth-dialog')?.shadowRoot?.querySelector('dialog'),
    'the dialog element',
  );
  return { el, card, changes, dialog };
}

describe('profile: confirm it is you before changing how you sign in', () => {
  let origin: string;
  beforeEach(async () => {
    ({ origin } = await resetAdmin({}));
    await signIn(origin, 'carol');
    await control('stale-sessions', { username: 'carol' });
  });

  it('an old sign-in: the dialog asks for the password, then the app is added and listed', async () => {
    const { el, card, changes, dialog } = await openProfile(origin, 'en');
    // (The audit log outlives the test backend's resets: earlier tests' changes may be listed.)
    need<HTMLButtonElement>(card, '[data-add-totp]').click();
    await until(() => dialog.open, 'the dialog opens');
    expect(words(dialog.querySelector('h2'))).to.equal("Confirm it's you");
    expect(words(dialog)).to.contain('needs a sign-in within the last 5 minutes');
    // No second factor yet: the password is the way.
    const form = await until(
      () => dialog.querySelector<HTMLFormElement>('form[data-confirm=password]'),
      'the password form',
    );
    expect(dialog.querySelector('[data-confirm=totp]')).to.equal(null);
    await expect(el).to.be.accessible();

    typeInto(need<HTMLInputElement>(form, 'input[name=secret]'), 'not it');
    form.requestSubmit();
    await until(() => words(dialog.querySelector('[role=alert]')), 'the wrong password');
    expect(dialog.open).to.equal(true);
    typeInto(need<HTMLInputElement>(form, 'input[name=secret]'), PASSWORD);
    form.requestSubmit();
    await until(() => !dialog.open, 'the dialog closes');
    // The change asked for goes on: the QR code is there.
    const qr = await until(() => card.querySelector<HTMLImageElement>('img.qr'), 'the QR code');
    const secret = words(card.querySelector('[data-key]'));
    const { code } = await control('totp-code', { secret });
    typeInto(need<HTMLInputElement>(card, 'input[name=label]'), 'Confirmed phone');
    typeInto(need<HTMLInputElement>(card, 'input[name=code]'), code);
    need<HTMLInputElement>(card, 'input[name=code]').form!.requestSubmit();
    await until(() => card.querySelector('[data-recovery-codes]'), 'the recovery codes');
    expect(qr.isConnected).to.equal(false);

    const row = await until(
      () =>
        [...changes.querySelectorAll('[data-change=app_added]')].find((r) =>
          words(r).includes('Confirmed phone'),
        ),
      'listed',
    );
    expect(words(row)).to.contain('An authenticator app was added – Confirmed phone');
    expect(words(row)).to.contain('127.0.0.1');
    expect(words(row)).to.contain('you');
    await expect(el).to.be.accessible();
  });

  it('with an authenticator app: the dialog asks for its code (not the password), then new recovery codes are made', async () => {
    const { secret } = await control('totp', { username: 'carol' });
    const { card, dialog } = await openProfile(origin, 'en');
    const renew = await until(
      () => card.querySelector<HTMLButtonElement>('[data-new-codes]'),
      'the new-codes button',
    );
    renew.click();
    await until(() => dialog.open, 'the dialog opens');
    const form = await until(
      () => dialog.querySelector<HTMLFormElement>('form[data-confirm=totp]'),
      'the code form',
    );
    expect(dialog.querySelector('form[data-confirm=password]')).to.equal(null);
    expect(words(form.querySelector('label'))).to.contain('Code from your authenticator app');
    const { code } = await control('totp-code', { secret });
    typeInto(need<HTMLInputElement>(form, 'input[name=secret]'), code);
    form.requestSubmit();
    await until(() => !dialog.open, 'the dialog closes');
    // Confirmed with the app, this password session now proves it too: the codes are made.
    await until(() => card.querySelector('[data-recovery-codes]'), 'the new recovery codes');
    expect(card.querySelectorAll('[data-recovery-codes] code')).to.have.length(10);
  });

  it('in German; cancelled, nothing changes and the refusal is shown', async () => {
    const { card, dialog } = await openProfile(origin, 'de');
    need<HTMLButtonElement>(card, '[data-add-totp]').click();
    await until(() => dialog.open, 'the dialog opens');
    expect(words(dialog.querySelector('h2'))).to.equal('Bestätigen Sie, dass Sie es sind');
    expect(words(dialog)).to.contain('in den letzten 5 Minuten');
    expect(words(dialog.querySelector('form[data-confirm=password] label'))).to.contain(
      'Ihr Passwort',
    );
    need<HTMLButtonElement>(dialog, '[data-confirm=cancel]').click();
    await until(() => !dialog.open, 'the dialog closes');
    await until(() => words(card.querySelector('[role=alert]')), 'the refusal');
    expect(words(card.querySelector('[role=alert]'))).to.contain(
      'Bestätigen Sie, dass Sie es sind',
    );
    expect(card.querySelector('img.qr')).to.equal(null);
    const factors = await api(origin, 'GET', '/api/me/factors');
    expect(factors.body.factors).to.have.length(0);
  });
});
