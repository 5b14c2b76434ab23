/**
 * Browser tests of the admin page's zones section against the real backend: a zone added, edited,
 * disabled and deleted with the live address count, each saved from its impact preview (issue 27:
 * nothing is saved before the preview was shown); and the "Save anyway" warning before a change
 * that would leave the administrator's own address (127.0.0.1) outside every zone — nothing is
 * saved until it is confirmed, and after confirming the backend really counts the address as outside.
 */
import { expect } from '@open-wc/testing';
import {
  api,
  buttonByText,
  need,
  openAdmin,
  previewGate,
  signIn,
  typeInto,
  until,
  words,
  resetAdmin,
} from './admin-helpers.js';

interface ZoneJson {
  id: number;
  name: string;
  ranges: string[];
  enabled: boolean;
  addressCount: string;
}

async function zonesNow(origin: string): Promise<ZoneJson[]> {
  const r = await api(origin, 'GET', '/api/admin/zones');
  expect(r.status).to.equal(200);
  return r.body.zones as ZoneJson[];
}

describe('admin zones', () => {
  let origin: string;
  beforeEach(async () => {
    ({ origin } = await resetAdmin({}));
    await signIn(origin, 'alice');
  });

  it('adds, edits, disables and deletes a zone, showing how many addresses it covers', async () => {
    const { root } = await openAdmin(origin, 'zones', 'ipsz-zones-section');
    await until(() => root.querySelector('[data-zone=Office]'), 'Office listed');

    // Add: a dash range and a single address; the count follows the typing.
    buttonByText(root, 'Add a zone')!.click();
    const form = await until(
      () => root.querySelector<HTMLFormElement>('form[aria-label="Add a zone"]'),
      'the new-zone form',
    );
    typeInto(need(form, 'input[name=name]'), 'Lab');
    typeInto(need(form, 'input[name=range]'), '192.168.0.0 – 192.168.0.255');
    await until(() => words(form).includes('256 addresses'), 'count of one range');
    buttonByText(form, 'Add a range')!.click();
    await until(() => form.querySelectorAll('input[name=range]').length === 2, 'second field');
    typeInto(form.querySelectorAll<HTMLInputElement>('input[name=range]')[1]!, '192.168.1.7');
    await until(() => words(form).includes('257 addresses'), 'count of both ranges');
    buttonByText(form, 'Save')!.click();
    let { gate } = await previewGate(form);
    expect(gate.querySelector('.msg.warn'), 'no own-address warning').to.equal(null);
    expect(
      (await zonesNow(origin)).some((z) => z.name === 'Lab'),
      'not saved yet',
    ).to.equal(false);
    buttonByText(gate, 'Save this change')!.click();
    const row = await until(() => root.querySelector('[data-zone=Lab]'), 'Lab listed');
    expect(words(row)).to.contain('257 addresses');
    expect(words(row)).to.contain('Enabled');
    expect(root.querySelector('.msg.warn'), 'no own-address warning').to.equal(null);
    let lab = (await zonesNow(origin)).find((z) => z.name === 'Lab')!;
    expect(lab.ranges).to.have.length(2);
    expect(lab.addressCount).to.equal('257');

    // Edit: the single address becomes a /24.
    need<HTMLButtonElement>(root, 'button[aria-label="Edit: Lab"]').click();
    const edit = await until(
      () => root.querySelector<HTMLFormElement>('form[aria-label="Edit: Lab"]'),
      'the edit form',
    );
    typeInto(edit.querySelectorAll<HTMLInputElement>('input[name=range]')[1]!, '192.168.2.0/24');
    await until(() => words(edit).includes('512 addresses'), 'count after the edit');
    buttonByText(edit, 'Save')!.click();
    ({ gate } = await previewGate(edit));
    buttonByText(gate, 'Save this change')!.click();
    await until(
      () =>
        words(root.querySelector('[data-zone=Lab]')).includes('512 addresses') &&
        !root.querySelector('form'),
      'the edited row',
    );
    lab = (await zonesNow(origin)).find((z) => z.name === 'Lab')!;
    expect(lab.ranges).to.include('192.168.2.0/24');

    // Disable: Office still holds my address, so no warning.
    need<HTMLButtonElement>(root, 'button[aria-label="Disable: Lab"]').click();
    ({ gate } = await previewGate(root));
    expect(gate.querySelector('.msg.warn')).to.equal(null);
    expect((await zonesNow(origin)).find((z) => z.name === 'Lab')!.enabled).to.equal(true);
    buttonByText(gate, 'Save this change')!.click();
    await until(
      () => words(root.querySelector('[data-zone=Lab]')).includes('Disabled'),
      'Lab disabled',
    );
    expect(root.querySelector('.msg.warn')).to.equal(null);
    expect((await zonesNow(origin)).find((z) => z.name === 'Lab')!.enabled).to.equal(false);

    // Delete: asked first.
    need<HTMLButtonElement>(root, 'button[aria-label="Delete: Lab"]').click();
    ({ gate } = await previewGate(root, 'the delete question'));
    const ask = need(gate, '.msg.warn');
    expect(words(ask)).to.contain('Delete Lab?');
    expect(words(ask)).to.not.contain('outside every zone');
    expect(
      (await zonesNow(origin)).some((z) => z.name === 'Lab'),
      'not yet deleted',
    ).to.equal(true);
    buttonByText(gate, 'Yes, delete')!.click();
    await until(() => !root.querySelector('[data-zone=Lab]'), 'Lab gone from the list');
    expect((await zonesNow(origin)).map((z) => z.name)).to.deep.equal(['Office']);
  });

  it('warns before a change that leaves my own address outside every zone, and saves only when confirmed', async () => {
    const { root } = await openAdmin(origin, 'zones', 'ipsz-zones-section');
    await until(() => root.querySelector('[data-zone=Office]'), 'Office listed');
    need<HTMLButtonElement>(root, 'button[aria-label="Edit: Office"]').click();
    const form = await until(
      () => root.querySelector<HTMLFormElement>('form[aria-label="Edit: Office"]'),
      'the edit form',
    );
    const fields = () => [...form.querySelectorAll<HTMLInputElement>('input[name=range]')];
    const own = fields().findIndex((f) => f.value.startsWith('127.0.0.1'));
    expect(own, 'Office holds 127.0.0.1').to.be.at.least(0);
    need<HTMLButtonElement>(form, `button[aria-label="Remove range ${own + 1}"]`).click();
    await until(() => fields().length === 1, 'the range removed');

    // First save: only the preview with the warning, nothing stored.
    buttonByText(form, 'Save')!.click();
    const first = await previewGate(form, 'the own-address warning');
    const warn = need(first.gate, '.msg.warn');
    expect(words(warn)).to.contain('your own address 127.0.0.1 is outside every zone');
    expect(words(warn)).to.contain('you would need a second factor to sign in again');
    const office = (await zonesNow(origin)).find((z) => z.name === 'Office')!;
    expect(office.ranges).to.include('127.0.0.1/32');

    // Cancel the warning: still nothing stored, the form stays.
    buttonByText(first.gate, 'Cancel')!.click();
    await until(() => !form.querySelector('[data-preview-gate]'), 'the warning gone');
    expect((await zonesNow(origin)).find((z) => z.name === 'Office')!.ranges).to.include(
      '127.0.0.1/32',
    );

    // Save again, then "Save anyway": stored, and the backend counts this browser as outside.
    buttonByText(form, 'Save')!.click();
    const again = await previewGate(form, 'the warning again');
    expect(words(need(again.gate, '.msg.warn'))).to.contain('outside every zone');
    buttonByText(again.gate, 'Save anyway')!.click();
    for (let i = 0; ; i++) {
      const zone = (await api(origin, 'GET', '/api/zone')).body;
      if (zone.inside === false) {
        expect(zone.clientIp).to.equal('127.0.0.1');
        expect(zone.mode).to.equal('2fa');
        break;
      }
      if (i > 40) throw new Error('the backend still counts 127.0.0.1 as inside');
      await new Promise((r) => setTimeout(r, 100));
    }
  });
});
