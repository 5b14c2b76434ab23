/**
 * Issue 27 in Chromium, on the real backend: a change that moves the policy shows its impact
 * preview before anything is saved, on the admin page itself — the zones section's enable/disable,
 * and the settings' switches — readable by accessible names (a labelled region that takes the
 * focus, the panel's heading, totals and users' table, Save by its name), axe clean, in English and
 * German; and when an administrator would lose the way in, Save stays disabled and says why.
 */
import { expect } from '@open-wc/testing';
import {
  api,
  buttonByText,
  need,
  openAdmin,
  previewGate,
  resetAdmin,
  signIn,
  until,
  userId,
  words,
} from './admin-helpers.js';

const officeEnabled = async (origin: string) =>
  (
    (await api(origin, 'GET', '/api/admin/zones')).body.zones as {
      name: string;
      enabled: boolean;
    }[]
  ).find((z) => z.name === 'Office')!.enabled;

describe('the impact preview before Save', () => {
  let origin: string;
  beforeEach(async () => {
    ({ origin } = await resetAdmin({}));
  });

  it('zones: disabling the office shows who would need a second factor first; Save is named, axe clean', async () => {
    await signIn(origin, 'bob');
    await signIn(origin, 'alice');
    const { el, root } = await openAdmin(origin, 'zones', 'ipsz-zones-section');
    await until(() => root.querySelector('[data-zone=Office]'), 'Office listed');
    need<HTMLButtonElement>(root, 'button[aria-label="Disable: Office"]').click();
    const { gate, panel } = await previewGate(root);

    expect(gate.getAttribute('role')).to.equal('region');
    expect(gate.getAttribute('aria-label')).to.equal('Before you save: what this change would do');
    await until(() => root.activeElement === gate, 'the focus on the preview');
    expect(words(panel.querySelector('h3'))).to.equal('What this change would have done');
    expect(words(panel.querySelector('.totals'))).to.contain('Would now need a second factor');
    const rows = [...panel.querySelectorAll('tbody th[scope=row]')].map((th) => words(th));
    expect(rows).to.include('bob');
    expect(rows).to.include('alice (administrator)');
    // The own address 127.0.0.1 would be outside: said first, and Save says "anyway".
    expect(words(gate.querySelector('.msg.warn'))).to.contain('127.0.0.1 is outside every zone');
    const save = need<HTMLButtonElement>(gate, '[data-save-previewed]');
    expect(words(save)).to.equal('Save anyway');
    expect(save.disabled).to.equal(false);
    expect(await officeEnabled(origin), 'nothing saved while the preview is shown').to.equal(true);
    await expect(el).to.be.accessible();

    buttonByText(gate, 'Cancel')!.click();
    await until(() => !root.querySelector('[data-preview-gate]'), 'the preview closed');
    expect(await officeEnabled(origin), 'nothing saved on Cancel').to.equal(true);
  });

  it('zones: Save is disabled, saying why, when an administrator without a second factor would be stopped', async () => {
    await signIn(origin, 'alice');
    const carol = await userId(origin, 'carol');
    const promoted = await api(origin, 'PATCH', `/api/admin/users/${carol}`, { role: 'admin' });
    expect(promoted.status, JSON.stringify(promoted.body)).to.equal(200);
    await signIn(origin, 'carol'); // from the office, with the password: her only way in
    const { el, root } = await openAdmin(origin, 'zones', 'ipsz-zones-section');
    await until(() => root.querySelector('[data-zone=Office]'), 'Office listed');
    need<HTMLButtonElement>(root, 'button[aria-label="Disable: Office"]').click();
    const { gate, panel } = await previewGate(root);

    const alert = words(panel.querySelector('[role=alert]'));
    expect(alert).to.contain('Saving this change is refused');
    expect(alert).to.contain('carol');
    const save = need<HTMLButtonElement>(gate, '[data-save-previewed]');
    expect(save.disabled).to.equal(true);
    const why = need(gate, '#gate-why');
    expect(save.getAttribute('aria-describedby')).to.equal('gate-why');
    expect(words(why)).to.contain('an administrator would lose the way in');
    await expect(el).to.be.accessible();
    expect(await officeEnabled(origin)).to.equal(true);
  });

  it('settings, in German: the 2SA switch shows the preview first and saves from it', async () => {
    await signIn(origin, 'bob');
    await signIn(origin, 'alice');
    const { el, root } = await openAdmin(origin, 'settings', 'ipsz-settings-section', 'de');
    const box = await until(
      () => root.querySelector<HTMLInputElement>('input[name=twoStepActive]:not([disabled])'),
      'settings loaded',
    );
    box.click();
    const { gate, panel } = await previewGate(root);
    expect(gate.getAttribute('aria-label')).to.equal(
      'Vor dem Speichern: was diese Änderung bewirken würde',
    );
    expect(words(panel.querySelector('h3'))).to.equal('Was diese Änderung bewirkt hätte');
    expect(words(panel)).to.contain('Noch ist nichts gespeichert.');
    expect(box.checked, 'the switch stays until saved').to.equal(false);
    expect((await api(origin, 'GET', '/api/admin/settings')).body.twoStepActive).to.equal(false);
    await expect(el).to.be.accessible();

    buttonByText(gate, 'Diese Änderung speichern')!.click();
    await until(() => box.checked, 'the switch on once saved');
    await until(() => words(root.querySelector('[data-saved=twoStepActive]')), 'saved');
    expect((await api(origin, 'GET', '/api/admin/settings')).body.twoStepActive).to.equal(true);
    expect(root.querySelector('[data-preview-gate]')).to.equal(null);
  });
});
