/**
 * Browser tests of the profile page's second factors against the real backend (issue 18): carol,
 * signed in with the password inside, adds an authenticator app — the QR code is shown, the first
 * code from the app (computed with `otpauth` on the node side) confirms it — and sees her ten
 * recovery codes once; with the password alone she may then not remove it. The administrator's
 * policy boxes: the last outside way of the administrators cannot be switched off (the impact
 * preview says why and Save stays disabled); another box is saved from its preview.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../admin/ipsafezone-profile.js';
import { control } from '../support/browser-control.js';
import {
  api,
  buttonByText,
  need,
  openAdmin,
  previewGate,
  resetAdmin,
  signIn,
  typeInto,
  until,
  words,
} from './admin-helpers.js';

async function openProfile(origin: string, username: string): Promise<ShadowRoot> {
  const el = await fixture<HTMLElement>(
    html`<ipsafezone-profile server=${origin} username=${username} lang="en"></ipsafezone-profile>`,
  );
  await until(() => el.shadowRoot!.querySelector('ipsz-factors-card'), 'the profile loaded');
  const card = el.shadowRoot!.querySelector('ipsz-factors-card')!;
  await until(() => card.shadowRoot!.querySelector('[data-recovery-left]'), 'the factors loaded');
  return card.shadowRoot!;
}

describe('profile: second factors', () => {
  let origin: string;
  beforeEach(async () => {
    ({ origin } = await resetAdmin({}));
  });

  it('adds an authenticator app from inside with the password: QR shown, first code confirms, recovery codes shown once', async () => {
    await signIn(origin, 'carol');
    const root = await openProfile(origin, 'carol');
    expect(words(root.querySelector('[data-no-factors]'))).to.equal('No authenticator app yet.');
    need<HTMLButtonElement>(root, '[data-add-totp]').click();
    const qr = await until(() => root.querySelector<HTMLImageElement>('img.qr'), 'the QR code');
    expect(qr.alt).to.equal('QR code for your authenticator app');
    expect(qr.src).to.match(/^data:image\/svg\+xml/);
    await until(() => qr.complete && qr.naturalWidth > 0, 'the QR image decodes');
    const secret = words(root.querySelector('[data-key]'));

    // A wrong code first: refused at the field.
    typeInto(need<HTMLInputElement>(root, 'input[name=code]'), '000000');
    need<HTMLInputElement>(root, 'input[name=code]').form!.requestSubmit();
    await until(() => words(root.querySelector('#code-err')), 'the wrong-code error');
    expect(need(root, 'input[name=code]').getAttribute('aria-invalid')).to.equal('true');

    const { code } = await control('totp-code', { secret });
    typeInto(need<HTMLInputElement>(root, 'input[name=label]'), 'Work phone');
    typeInto(need<HTMLInputElement>(root, 'input[name=code]'), code);
    need<HTMLInputElement>(root, 'input[name=code]').form!.requestSubmit();
    await until(() => root.querySelector('[data-recovery-codes]'), 'the recovery codes');
    expect(root.querySelectorAll('[data-recovery-codes] code')).to.have.length(10);
    expect(words(root.querySelector('[data-factor=totp]'))).to.contain('Work phone');
    expect(words(root.querySelector('[data-recovery-left]'))).to.equal(
      'Unused recovery codes: 10 of 10.',
    );

    // Removing it needs a session confirmed with a second factor: this one is password only. The
    // page asks to confirm with the app; cancelled, the refusal stays and nothing changed.
    buttonByText(root.querySelector('[data-factor=totp]')!, 'Remove')!.click();
    const page = root.host.getRootNode() as ShadowRoot;
    const dialog = page.querySelector('ipsz-reauth-dialog')!.shadowRoot!.querySelector('dialog')!;
    await until(() => dialog.open, 'the confirm dialog');
    expect(dialog.querySelector('form[data-confirm=totp]'), 'the app code offered').to.not.equal(
      null,
    );
    expect(dialog.querySelector('form[data-confirm=password]')).to.equal(null);
    expect(words(dialog)).to.contain('needs a session confirmed with one of your second factors');
    need<HTMLButtonElement>(dialog, '[data-confirm=cancel]').click();
    await until(() => !dialog.open, 'the dialog closes');
    await until(() => words(root.querySelector('[role=alert]')), 'the refusal');
    expect(words(root.querySelector('[role=alert]'))).to.contain(
      'needs a session confirmed with a second factor',
    );
    const after = await api(origin, 'GET', '/api/me/factors');
    expect(after.body.factors).to.have.length(1);
  });

  it('the policy: the last way in from outside of the administrators cannot be switched off', async () => {
    await signIn(origin, 'alice');
    const { root } = await openAdmin(origin, 'settings', 'ipsz-settings-section');
    await until(
      () => words(root.querySelector('[data-outside-factors]')).includes('Administrators who can'),
      'the settings loaded',
    );
    expect(words(root.querySelector('[data-outside-factors]'))).to.contain(
      'Administrators who can sign in from outside: 1',
    );
    const box = need<HTMLInputElement>(root, 'input[name=outside-secsign]');
    expect(box.checked).to.equal(true);
    box.click();
    const refused = await previewGate(root, 'the refusal');
    const alert = words(refused.panel.querySelector('[role=alert]'));
    expect(alert).to.contain('last enabled administrator who can sign in from outside');
    expect(need<HTMLButtonElement>(refused.gate, '[data-save-previewed]').disabled).to.equal(true);
    expect(box.checked).to.equal(true);
    const s = await api(origin, 'GET', '/api/admin/settings');
    expect(s.body.outsideFactors).to.deep.equal(['secsign', 'passkey', 'totp', 'recovery_code']);

    buttonByText(refused.gate, 'Cancel')!.click();
    await until(() => !root.querySelector('[data-preview-gate]'), 'the refused preview closed');

    // Recovery codes may be switched off: saved beside the box.
    const rc = need<HTMLInputElement>(root, 'input[name=outside-recovery_code]');
    rc.click();
    const { gate } = await previewGate(root);
    expect(rc.checked, 'not before the preview is saved').to.equal(true);
    buttonByText(gate, 'Save this change')!.click();
    await until(() => words(root.querySelector('[data-saved=outside-recovery_code]')), 'saved');
    const after = await api(origin, 'GET', '/api/admin/settings');
    expect(after.body.outsideFactors).to.deep.equal(['secsign', 'passkey', 'totp']);
  });
});
