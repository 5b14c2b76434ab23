/**
 * The admin page's details from issue 17, in Chromium against the real backend: an error shown at
 * its field is not repeated in the message line (user editor, profile) and the field gets the focus;
 * "Saved." appears beside the switch that was changed; the settings heading says what the switches
 * do; the audit log's times are written as its time filter takes them (a time copied from a row
 * filters to that row); actions and outcomes read in the page's language; routine entries are hidden unless asked for; and the overview draws
 * its charts from the audit data, with the same filters.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../admin/ipsafezone-profile.js';
import { control } from '../support/browser-control.js';
import {
  buttonByText,
  need,
  openAdmin,
  signIn,
  signInWithSecSign,
  typeInto,
  until,
  words,
  resetAdmin,
} from './admin-helpers.js';

describe('admin page details', () => {
  let origin: string;
  beforeEach(async () => {
    ({ origin } = await resetAdmin({}));
    await signIn(origin, 'alice');
  });

  it('user editor: an error at its field is shown once, and the field gets the focus', async () => {
    const { root } = await openAdmin(origin, 'users', 'ipsz-users-section');
    const row = await until(() => root.querySelector('[data-user=carol] button'), 'carol listed');
    (row as HTMLButtonElement).click();
    const form = await until(
      () => root.querySelector<HTMLFormElement>('form[aria-label="SecSign ID"]'),
      'the editor',
    );
    const input = need<HTMLInputElement>(form, 'input[name=secSignId]');
    typeInto(input, 'bob.sec');
    form.requestSubmit();
    await until(() => words(root.querySelector('#secSignId-err')), 'the field error');
    expect(words(root.querySelector('#secSignId-err'))).to.contain('already');
    expect(words(root.querySelector('[role=alert]'))).to.equal('');
    expect(root.textContent!.split('Another user already has this SecSign ID.').length).to.equal(2);
    expect(root.activeElement).to.equal(input);
  });

  it('profile: an error at the SecSign ID field is shown once', async () => {
    await control('settings', { usersChangeOwnId: true });
    // Replacing one's SecSign ID needs a session confirmed with it (from outside).
    await control('zone', { inside: false });
    await signInWithSecSign(origin, 'bob.sec');
    const el = await fixture<HTMLElement>(
      html`<ipsafezone-profile server=${origin} username="bob" lang="en"></ipsafezone-profile>`,
    );
    const root = el.shadowRoot!;
    const input = await until(
      () => root.querySelector<HTMLInputElement>('input[name=secSignId]'),
      'the profile',
    );
    typeInto(input, 'alice.sec');
    input.form!.requestSubmit();
    await until(() => words(root.querySelector('#id-err')), 'the field error');
    expect(words(root.querySelector('[role=alert]'))).to.equal('');
    expect(root.activeElement).to.equal(input);
    await expect(el).to.be.accessible();
  });

  it('settings: "Saved." beside the switch that changed, under a heading that says what they do', async () => {
    const { root } = await openAdmin(origin, 'settings', 'ipsz-settings-section');
    const box = await until(
      () => root.querySelector<HTMLInputElement>('input[name=usersChangeOwnId]:not([disabled])'),
      'settings loaded',
    );
    expect(words(root.querySelector('h3'))).to.equal('How people sign in (IPSafeZone)');
    box.click();
    await until(() => words(root.querySelector('[data-saved=usersChangeOwnId]')), 'saved');
    const saved = root.querySelector('[data-saved=usersChangeOwnId]')!;
    expect(words(saved)).to.equal('Saved.');
    expect(saved.getAttribute('role')).to.equal('status');
    expect(saved.closest('label')).to.equal(box.closest('label'));
    expect(words(root.querySelector('[data-saved=ipSafeZoneActive]'))).to.equal('');
  });

  it('audit log: times as the filter takes them, words in the page language, routine hidden', async () => {
    // A forward-auth check is routine (zone answers are no longer audited, only counted).
    const check = await fetch(`${origin}/api/verify`);
    expect(check.status).to.be.oneOf([200, 401]);
    const { root } = await openAdmin(origin, 'audit', 'ipsz-audit-section', 'de');
    const rows = () => [...root.querySelectorAll<HTMLElement>('tr[data-entry]')];
    await until(() => rows().length > 0, 'entries');
    // The proxy check is routine: hidden by default, shown on request.
    expect(rows().some((r) => words(r).includes('verify'))).to.equal(false);
    const routine = need<HTMLInputElement>(root, 'input[name=hideRoutine]');
    expect(routine.checked).to.equal(true);
    routine.click();
    need<HTMLFormElement>(root, 'form[role=search]').requestSubmit();
    await until(() => rows().some((r) => words(r).includes('verify')), 'routine shown');
    const lookup = rows().find((r) => words(r).includes('verify'))!;
    expect(words(lookup)).to.contain('Zugriffsprüfung (Proxy)');
    const time = words(lookup.querySelector('time'));
    expect(time).to.match(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    // The same time typed into the filter's two ends finds that entry.
    const from = need<HTMLInputElement>(root, 'input[name=from]');
    const to = need<HTMLInputElement>(root, 'input[name=to]');
    expect(words(root.querySelector('#from-hint'))).to.equal('JJJJ-MM-TT HH:MM');
    typeInto(from, time);
    typeInto(to, time);
    need<HTMLFormElement>(root, 'form[role=search]').requestSubmit();
    await until(
      () => rows().length > 0 && rows().every((r) => words(r.querySelector('time')) === time),
      'filtered to that second',
    );
    expect(rows().map((r) => r.dataset.entry)).to.include(lookup.dataset.entry);
    // A time in another format is refused at the field, not sent.
    typeInto(from, '30.11.2026');
    need<HTMLFormElement>(root, 'form[role=search]').requestSubmit();
    await until(() => from.getAttribute('aria-invalid') === 'true', 'refused');
    expect(words(root.querySelector('#from-hint'))).to.equal(
      'Schreiben Sie die Zeit als JJJJ-MM-TT HH:MM.',
    );
  });

  it('overview: tiles and charts from the audit data, narrowed by the same filters', async () => {
    // Two failed sign-ins of a name of this run (the audit log outlives the fixture's reset), one
    // of bob, and one locked-out name.
    const ghost = `ghost${Date.now().toString(36)}`;
    for (const [name, password] of [
      [ghost, 'wrong one'],
      [ghost, 'wrong two'],
      ['bob', 'wrong three'],
    ]) {
      await fetch(`${origin}/api/login/password`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: name, password }),
      });
    }
    for (let i = 0; i < 6; i++) {
      await fetch(`${origin}/api/login/password`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'locked-name', password: `x${i}` }),
      });
    }
    await signIn(origin, 'alice');
    const { root } = await openAdmin(origin, 'overview', 'ipsz-overview-section');
    const total = (k: string) => Number(words(root.querySelector(`[data-total=${k}]`)));
    await until(() => root.querySelector('[data-total=signIns]'), 'the overview');
    expect(total('signIns')).to.be.at.least(1);
    expect(total('inside') + total('outside')).to.equal(total('signIns'));
    expect(total('failed')).to.be.at.least(3);
    expect(total('locked')).to.be.at.least(1);
    expect(words(root.querySelector('[data-chart=locked]'))).to.contain('User: locked-name');
    const svg = need<SVGSVGElement>(root, '[data-chart=time] svg');
    expect(svg.getAttribute('role')).to.equal('img');
    expect(svg.getAttribute('aria-label')).to.match(/^Sign-ins over time: \d+ inside/);
    expect(svg.querySelectorAll('rect').length).to.be.greaterThan(0);
    expect(words(root.querySelector('[data-chart=zones]'))).to.contain('Office');
    expect(words(root.querySelector('[data-chart=outcomes]'))).to.contain(
      'Wrong user name or password',
    );
    // Narrowed to that name: its two failures only.
    typeInto(need<HTMLInputElement>(root, 'input[name=user]'), ghost);
    need<HTMLFormElement>(root, 'form[role=search]').requestSubmit();
    await until(() => total('failed') === 2 && total('signIns') === 0, 'only that name');
    expect(buttonByText(root, 'Filter')).to.not.equal(null);
    await expect(root.host as HTMLElement).to.be.accessible();
  });
});
