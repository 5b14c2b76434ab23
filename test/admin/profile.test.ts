/**
 * Browser tests of `<ipsafezone-profile>` against the real backend, as the plain user bob: his
 * sessions listed (this one marked) and ending another one; changing his own SecSign ID while the
 * setting allows it (a taken ID refused at the field), and refused at the field once an
 * administrator has switched the setting off.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { control } from '../support/browser-control.js';
import {
  api,
  buttonByText,
  need,
  signIn,
  signInWithSecSign,
  typeInto,
  until,
  words,
  resetAdmin,
} from './admin-helpers.js';

async function openProfile(origin: string): Promise<ShadowRoot> {
  const el = await fixture<HTMLElement>(
    html`<ipsafezone-profile server=${origin} username="bob" lang="en"></ipsafezone-profile>`,
  );
  await until(() => el.shadowRoot!.querySelector('[data-secsign-id]'), 'the profile loaded');
  return el.shadowRoot!;
}

describe('<ipsafezone-profile>', () => {
  let origin: string;
  beforeEach(async () => {
    ({ origin } = await resetAdmin({}));
  });

  it('lists my sessions and ends another one', async () => {
    await signIn(origin, 'bob'); // an earlier browser's session, still alive
    await signIn(origin, 'bob'); // this one
    const root = await openProfile(origin);
    const rows = () => [...root.querySelectorAll<HTMLElement>('tr[data-session]')];
    await until(() => rows().length === 2, 'both sessions listed');
    const current = root.querySelector('tr[data-session=current]');
    const other = root.querySelector('tr[data-session=other]');
    expect(words(current)).to.contain('this session');
    expect(words(current)).to.contain('127.0.0.1');
    expect(words(current)).to.contain('Office');
    expect(words(other)).to.not.contain('this session');

    buttonByText(other!, 'End')!.click();
    await until(() => rows().length === 1, 'one session left');
    expect(rows()[0]!.dataset.session).to.equal('current');
    const left = await api(origin, 'GET', '/api/me/sessions');
    expect(left.status, 'still signed in').to.equal(200);
    expect(left.body.sessions).to.have.length(1);
    expect(left.body.sessions[0].current).to.equal(true);
  });

  it('changes my own SecSign ID while the setting allows it, and refuses at the field when not', async () => {
    await control('settings', { usersChangeOwnId: true });
    // With the password alone bob may not replace his SecSign ID (issue 11, item 6)...
    await signIn(origin, 'bob');
    const passwordOnly = await api(origin, 'PUT', '/api/me/secsign-id', { secSignId: 'bob.new' });
    expect(passwordOnly.body.error.code).to.equal('second_factor_required');
    // ...with a session confirmed with it (from outside) he may.
    await control('zone', { inside: false });
    await signInWithSecSign(origin, 'bob.sec');
    const root = await openProfile(origin);
    const input = need<HTMLInputElement>(root, 'input[name=secSignId]');
    const form = input.form!;
    expect(input.value).to.equal('bob.sec');

    // Taken by alice: refused at the field, nothing changed.
    typeInto(input, 'alice.sec');
    form.requestSubmit();
    await until(() => words(root.querySelector('#id-err')), 'the taken error');
    expect(words(root.querySelector('#id-err'))).to.contain('already has this SecSign ID');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(words(root.querySelector('[data-secsign-id]'))).to.equal('bob.sec');

    // A free one: saved and shown.
    typeInto(input, 'bob.new');
    form.requestSubmit();
    await until(
      () => words(root.querySelector('[data-secsign-id]')) === 'bob.new',
      'the new ID shown',
    );
    expect(words(root.querySelector('[data-saved=secSignId]'))).to.equal('Saved.');
    expect((await api(origin, 'GET', '/api/me')).body.user.secSignId).to.equal('bob.new');

    // The administrator switches the setting off while the form is open: refused at the field.
    await control('settings', { usersChangeOwnId: false });
    typeInto(input, 'bob.other');
    form.requestSubmit();
    await until(() => words(root.querySelector('#id-err')), 'the not-allowed error');
    expect(words(root.querySelector('#id-err'))).to.contain('You may not change this SecSign ID');
    expect((await api(origin, 'GET', '/api/me')).body.user.secSignId).to.equal('bob.new');
    const direct = await api(origin, 'PUT', '/api/me/secsign-id', { secSignId: 'bob.other' });
    expect(direct.status).to.equal(403);
    expect(direct.body.error.code).to.equal('secsign_id_change_not_allowed');

    // Opened afresh, the page offers no form at all.
    const again = await openProfile(origin);
    expect(again.querySelector('input[name=secSignId]')).to.equal(null);
    expect(words(again.querySelector('[data-id-locked]'))).to.contain(
      'Only an administrator can change your SecSign ID',
    );
  });
});
