/**
 * Browser tests of the enrolment campaign's approval path against the real backend (issue 27 §4):
 * with approval on, carol's first authenticator app (set up with her password inside) is held —
 * her profile says "waiting for approval"; the admin page's enrolment section lists the request
 * with the address and the time, and carol among the users without a second factor that counts
 * outside; Approve writes the app (it is hers now). Set up through the profile page itself, the
 * card says it was sent and names the app that waits. Her own first SecSign ID, given on her
 * profile, is held the same way: the profile says it was sent for approval (not "Saved."), the
 * factors card says it waits, her SecSign ID stays "(none)". English and German, axe clean.
 */
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import '../../admin/ipsafezone-admin.js';
import '../../admin/ipsafezone-profile.js';
import { control } from '../support/browser-control.js';
import {
  api,
  buttonByText,
  need,
  openAdmin,
  resetAdmin,
  signIn,
  typeInto,
  until,
  words,
} from './admin-helpers.js';

/** carol sets up an authenticator app on her profile's API (held for approval). */
async function carolAsksForAnApp(origin: string): Promise<void> {
  await signIn(origin, 'carol');
  const begun = await api(origin, 'POST', '/api/me/factors/totp', {});
  expect(begun.status).to.equal(200);
  const { code } = await control('totp-code', { secret: begun.body.secret });
  const done = await api(origin, 'POST', '/api/me/factors/totp/confirm', {
    enrolment: begun.body.enrolment,
    code,
    label: 'Phone',
  });
  expect(done.status).to.equal(200);
  expect(done.body.waitingApproval).to.equal(true);
}

async function openProfile(origin: string, lang: string): Promise<ShadowRoot> {
  const el = await fixture<HTMLElement>(
    html`<ipsafezone-profile server=${origin} username="carol" lang=${lang}></ipsafezone-profile>`,
  );
  const card = await until(
    () => el.shadowRoot!.querySelector('ipsz-factors-card')?.shadowRoot,
    'the factors card',
  );
  await until(() => card.querySelector('[data-waiting]'), 'the waiting line');
  return card;
}

describe('enrolment campaign: first factors waiting for approval', () => {
  let origin: string;
  beforeEach(async () => {
    ({ origin } = await resetAdmin({}));
    await control('enrolment', { withinDays: 14, approval: true });
  });
  after(async () => {
    await control('enrolment', { withinDays: null });
  });

  it('carol sees hers waiting; the admin page lists it and approves it', async () => {
    await carolAsksForAnApp(origin);
    const profile = await openProfile(origin, 'en');
    expect(words(profile.querySelector('[data-waiting]'))).to.match(
      /^Waiting for approval: your authenticator app \(“Phone”\), set up on \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\. It counts once an administrator approves it\.$/,
    );
    await expect(profile.host).to.be.accessible();
    fixtureCleanup();

    await signIn(origin, 'alice');
    const { el, root } = await openAdmin(origin, 'enrolment' as never, 'ipsz-enrolment-section');
    const row = await until(() => root.querySelector('[data-approval=carol]'), 'the request');
    expect(words(row)).to.contain('Authenticator app (“Phone”)');
    expect(words(row)).to.contain('127.0.0.1');
    expect(words(row)).to.match(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/);
    const without = await until(() => root.querySelector('[data-user=carol]'), 'carol listed');
    expect(words(without)).to.contain('waiting for approval');
    expect(words(without)).to.match(/ 14$/);
    expect(root.querySelector('[data-user=bob]'), 'bob has a SecSign ID').to.equal(null);
    expect(need<HTMLInputElement>(root, 'input[name=firstFactorApproval]').checked).to.equal(true);
    expect(need<HTMLInputElement>(root, 'input[name=days]').value).to.equal('14');
    await expect(el).to.be.accessible();

    const approve = need<HTMLButtonElement>(row, 'button[aria-label="Approve: carol"]');
    approve.click();
    await until(() => !root.querySelector('[data-approval=carol]'), 'the request decided');
    expect(words(root.querySelector('.msg.ok'))).to.equal('Approved.');
    await until(() => !root.querySelector('[data-user=carol]'), 'carol has one now');
    const audit = await api(origin, 'GET', '/api/admin/audit?action=enrolment.approval');
    expect(JSON.stringify(audit.body)).to.contain('approved');
  });

  // The confirm answers `waitingApproval: true` (docs/api.md), not the list's description of what
  // waits: the card must still name the app and when it was set up, never "undefined".
  it('set up on the profile page: says it was sent for approval, names the app that waits', async () => {
    await signIn(origin, 'carol');
    const el = await fixture<HTMLElement>(
      html`<ipsafezone-profile server=${origin} username="carol" lang="en"></ipsafezone-profile>`,
    );
    const root = await until(
      () => el.shadowRoot!.querySelector('ipsz-factors-card')?.shadowRoot,
      'the factors card',
    );
    await until(() => root.querySelector('[data-add-totp]'), 'the factors loaded');
    need<HTMLButtonElement>(root, '[data-add-totp]').click();
    await until(() => root.querySelector('[data-key]'), 'the key');
    const { code } = await control('totp-code', {
      secret: words(root.querySelector('[data-key]')),
    });
    typeInto(need<HTMLInputElement>(root, 'input[name=label]'), 'Phone');
    typeInto(need<HTMLInputElement>(root, 'input[name=code]'), code);
    need<HTMLInputElement>(root, 'input[name=code]').form!.requestSubmit();

    await until(() => root.querySelector('.msg.warn:not([data-waiting])'), 'the answer shown');
    expect(words(root.querySelector('.msg.warn:not([data-waiting])'))).to.equal(
      'Sent to an administrator for approval.',
    );
    expect(words(root.querySelector('[data-waiting]'))).to.match(
      /^Waiting for approval: your authenticator app \(“Phone”\), set up on \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\. It counts once an administrator approves it\.$/,
    );
    expect(words(root)).to.not.contain('undefined');
    await expect(el).to.be.accessible();
  });

  it('in German: the request, the list and the campaign', async () => {
    await carolAsksForAnApp(origin);
    const profile = await openProfile(origin, 'de');
    expect(words(profile.querySelector('[data-waiting]'))).to.match(
      /^Wartet auf Freigabe: Ihre Authenticator-App/,
    );
    fixtureCleanup();
    await signIn(origin, 'alice');
    const { el, root } = await openAdmin(
      origin,
      'enrolment' as never,
      'ipsz-enrolment-section',
      'de',
    );
    await until(() => root.querySelector('[data-approval=carol]'), 'the request');
    expect(words(root.querySelector('h2'))).to.equal('Einrichtung zweiter Faktoren');
    expect(buttonByText(root, 'Freigeben')).to.not.equal(null);
    expect(buttonByText(root, 'Ablehnen')).to.not.equal(null);
    expect(words(root)).to.contain('Benutzer ohne zweiten Faktor, der außerhalb zählt (1)');
    await expect(el).to.be.accessible();
    buttonByText(root, 'Ablehnen')!.click();
    await until(() => !root.querySelector('[data-approval=carol]'), 'rejected');
    const mine = await api(origin, 'GET', '/api/admin/enrolment');
    expect(mine.body.users.map((u: { username: string }) => u.username)).to.contain('carol');
  });

  for (const [lang, sent, waiting, none, again] of [
    [
      'en',
      'Sent to an administrator for approval.',
      /^Waiting for approval: your SecSign ID \(“nobody\.sec”\), set up on \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\. It counts once an administrator approves it\.$/,
      '(none)',
      /^Your first second factor is waiting for approval by an administrator\./,
    ],
    [
      'de',
      'Zur Freigabe an einen Administrator geschickt.',
      /^Wartet auf Freigabe: Ihre SecSign ID \(“nobody\.sec”\), eingerichtet am .+\. Der Faktor zählt, sobald ein Administrator ihn freigibt\.$/,
      '(keine)',
      /^Ihr erster zweiter Faktor wartet auf die Freigabe durch einen Administrator\./,
    ],
  ] as const) {
    it(`carol's own first SecSign ID on her profile waits for approval (${lang})`, async () => {
      await control('settings', { usersChangeOwnId: true });
      await signIn(origin, 'carol');
      const el = await fixture<HTMLElement>(
        html`<ipsafezone-profile
          server=${origin}
          username="carol"
          lang=${lang}
        ></ipsafezone-profile>`,
      );
      const root = el.shadowRoot!;
      const input = await until(
        () => root.querySelector<HTMLInputElement>('input[name=secSignId]'),
        'the SecSign ID form',
      );
      typeInto(input, 'nobody.sec');
      input.form!.requestSubmit();
      await until(() => root.querySelector('.msg.warn'), 'the answer');
      expect(words(root.querySelector('.msg.warn'))).to.equal(sent);
      expect(words(root.querySelector('[data-saved=secSignId]'))).to.equal('');
      expect(words(root.querySelector('[data-secsign-id]'))).to.equal(none);
      const card = need(root, 'ipsz-factors-card').shadowRoot!;
      const line = await until(() => card.querySelector('[data-waiting]'), 'the waiting line');
      expect(words(line)).to.match(waiting);
      expect((await api(origin, 'GET', '/api/me')).body.user.secSignId).to.equal(null);
      await expect(el).to.be.accessible();
      // Asked again meanwhile: one request waits at a time, said in the page's language.
      typeInto(input, 'nobody.sec');
      input.form!.requestSubmit();
      const refused = await until(() => root.querySelector('.msg.error'), 'the refusal');
      expect(words(refused)).to.match(again);
      fixtureCleanup();

      await signIn(origin, 'alice');
      const admin = await openAdmin(origin, 'enrolment' as never, 'ipsz-enrolment-section', lang);
      const row = await until(() => admin.root.querySelector('[data-approval=carol]'), 'listed');
      expect(words(row)).to.contain('SecSign ID (“nobody.sec”)');
      expect(words(row)).to.contain('127.0.0.1');
    });
  }
});
