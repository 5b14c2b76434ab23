/**
 * Switching IPSafeZone off from the office with a password session would end the administrator's
 * own session ("off" means the SecSign ID from everywhere). The switch first shows the change's
 * impact preview (issue 27); its Save then explains that, keeps the switch on, and changes it only
 * when asked again (issue 11, item 8).
 */
import { expect } from '@open-wc/testing';
import {
  api,
  buttonByText,
  openAdmin,
  previewGate,
  resetAdmin,
  signIn,
  until,
  words,
} from './admin-helpers.js';

describe('admin settings: a change that would end my own session', () => {
  it('warns, keeps the setting, and goes ahead only on "Change anyway"', async () => {
    const { origin } = await resetAdmin({});
    await signIn(origin, 'alice');
    const { root } = await openAdmin(origin, 'settings', 'ipsz-settings-section');
    const box = await until(
      () => root.querySelector<HTMLInputElement>('input[name=ipSafeZoneActive]:not([disabled])'),
      'settings loaded',
    );
    expect(words(root)).to.contain('Off: a second factor is needed from everywhere');
    box.click();
    const { gate } = await previewGate(root);
    expect(box.checked, 'nothing changes before the preview is saved').to.equal(true);
    expect((await api(origin, 'GET', '/api/admin/settings')).body.ipSafeZoneActive).to.equal(true);
    buttonByText(gate, 'Save this change')!.click();
    const alert = await until(() => words(root.querySelector('[role=alert]')), 'the warning');
    expect(alert).to.contain('your current session would end');
    expect(box.checked, 'still on').to.equal(true);
    expect((await api(origin, 'GET', '/api/admin/settings')).body.ipSafeZoneActive).to.equal(true);

    const anyway = await until(
      () => buttonByText(root, 'Change anyway and end my session'),
      'the confirm button',
    );
    anyway.click();
    await until(() => !box.checked, 'switched off');
    expect((await api(origin, 'GET', '/api/me')).status, 'the session ended as warned').to.equal(
      401,
    );
  });
});
