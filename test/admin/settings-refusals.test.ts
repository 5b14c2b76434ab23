/**
 * Browser tests of the seed's two SecSign-administrator rules as the admin page shows them, against
 * the real backend: activating IPSafeZone while no administrator has a SecSign ID is refused — its
 * impact preview says why, Save stays disabled, and the page leads to the users section; clearing the last SecSign administrator's ID while
 * IPSafeZone is active is refused at the SecSign ID field.
 */
import { expect } from '@open-wc/testing';
import { control } from '../support/browser-control.js';
import {
  api,
  buttonByText,
  need,
  openAdmin,
  previewGate,
  sectionRoot,
  signIn,
  signInWithSecSign,
  until,
  userId,
  words,
  resetAdmin,
} from './admin-helpers.js';

describe('admin settings: refusals from the SecSign-administrator rules', () => {
  let origin: string;

  it('refuses to activate IPSafeZone while no administrator has a SecSign ID, says why and links to the users', async () => {
    // IPSafeZone off: every login needs the SecSign ID, so alice signs in with hers. The API
    // refuses to take the last administrator's SecSign ID even while IPSafeZone is off (nobody
    // could sign in then); the state of a fresh installation is set up with plain SQL.
    ({ origin } = await resetAdmin({ ipSafeZoneActive: false }));
    await signInWithSecSign(origin, 'alice.sec');
    const refused = await api(
      origin,
      'DELETE',
      `/api/admin/users/${await userId(origin, 'alice')}/secsign-id`,
    );
    expect(refused.status, JSON.stringify(refused.body)).to.equal(409);
    expect(refused.body.error.code).to.equal('last_secsign_admin');
    await control('clear-secsign-ids', { usernames: ['alice'] });

    const { el, root } = await openAdmin(origin, 'settings', 'ipsz-settings-section');
    const box = await until(
      () => root.querySelector<HTMLInputElement>('input[name=ipSafeZoneActive]:not([disabled])'),
      'settings loaded',
    );
    expect(box.checked).to.equal(false);
    expect(words(root)).to.contain('Administrators with a SecSign ID: 0');

    // The preview says so before anything is saved, and Save stays disabled, saying why.
    box.click();
    const { gate, panel } = await previewGate(root, 'the refusal is shown');
    const alert = words(panel.querySelector('[role=alert]'));
    expect(alert).to.contain('at least one enabled administrator can sign in from outside');
    expect(need<HTMLButtonElement>(gate, '[data-save-previewed]').disabled).to.equal(true);
    expect(words(gate.querySelector('[data-save-refused]'))).to.contain('Save is not possible');
    expect(box.checked, 'the box goes back to off').to.equal(false);
    const settings = await api(origin, 'GET', '/api/admin/settings');
    expect(settings.body.ipSafeZoneActive, 'nothing was changed').to.equal(false);

    const fix = buttonByText(root, 'Give an administrator a SecSign ID');
    expect(fix, 'the way to fix it').to.not.equal(null);
    fix!.click();
    const users = await until(
      () => sectionRoot(el, 'ipsz-users-section')?.querySelector('[data-user=alice]'),
      'the users section shows alice',
    );
    expect(window.location.hash).to.equal('#users');
    expect(words(users)).to.contain('(none)');
    expect(
      need<HTMLInputElement>(sectionRoot(el, 'ipsz-users-section')!, 'input[name=q]').value,
    ).to.equal('alice');
  });

  it('refuses to clear the last SecSign administrator’s ID while IPSafeZone is active, at the field', async () => {
    ({ origin } = await resetAdmin({}));
    // Another administrator clears alice's ID: her own would first ask her for a second-factor
    // session (an administrator's own ID obeys the users' rule, server/domain/own-secsign-id.ts).
    await signIn(origin, 'alice');
    const carol = await userId(origin, 'carol');
    expect(
      (await api(origin, 'PATCH', `/api/admin/users/${carol}`, { role: 'admin' })).status,
    ).to.equal(200);
    await signIn(origin, 'carol');
    const { root } = await openAdmin(origin, 'users', 'ipsz-users-section');
    const link = await until(
      () => root.querySelector<HTMLButtonElement>('[data-user=alice] button'),
      'alice listed',
    );
    link.click();
    const form = await until(
      () => root.querySelector<HTMLFormElement>('form[aria-label="SecSign ID"]'),
      'SecSign ID form',
    );
    expect(need<HTMLInputElement>(form, 'input[name=secSignId]').value).to.equal('alice.sec');
    buttonByText(form, 'Clear SecSign ID')!.click();
    const err = await until(
      () => words(root.querySelector('#secSignId-err')),
      'the error at the SecSign ID field',
    );
    expect(err).to.contain('last enabled administrator who can sign in from outside');
    expect(need(root, 'input[name=secSignId]').getAttribute('aria-invalid')).to.equal('true');

    const after = await api(origin, 'GET', '/api/admin/users?q=alice');
    expect(after.body.users[0].secSignId, 'alice keeps her ID').to.equal('alice.sec');
  });
});
