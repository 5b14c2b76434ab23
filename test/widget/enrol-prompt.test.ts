/**
 * `<ipsafezone-login>` and the enrolment campaign (issue 27 §4), against the real backend: carol
 * (no second factor) signs in with her password inside the zone — the element asks her to set one
 * up ("by <date> it will be required"), with "Set it up now" focused and "Later", which signs her
 * in; after the deadline there is no "Later" and no success event. English and German, keyboard
 * first, accessible (axe).
 */
import { expect } from '@open-wc/testing';
import '../../widget/ipsafezone-login.js';
import { control, PASSWORD } from '../support/browser-control.js';
import { mount, shadow, text, typeAndEnter, waitForStep, type LoginElement } from './helpers.js';

const promptOf = (el: LoginElement) => shadow(el).querySelector('[part~=enrol-prompt]');
const button = (el: LoginElement, part: string) =>
  shadow(el).querySelector<HTMLButtonElement>(`[part~=${part}]`);

describe('<ipsafezone-login>: the enrolment prompt after a password sign-in inside', () => {
  let origin: string;
  beforeEach(async () => {
    ({ origin } = await control('reset', { inside: true }));
  });
  after(async () => {
    await control('enrolment', { withinDays: null });
  });

  it('asks to set up a second factor by the deadline; "Later" signs in', async () => {
    await control('enrolment', { withinDays: 14 });
    const { el, events } = await mount({ server: origin, lang: 'en' });
    await waitForStep(el, 'password');
    await typeAndEnter('carol', PASSWORD);
    await waitForStep(el, 'enrol');
    const p = promptOf(el)!;
    expect(p.getAttribute('role')).to.equal('region');
    const heading = p.querySelector(`#${p.getAttribute('aria-labelledby')}`);
    expect(text(heading!)).to.equal('Set up a second factor');
    expect(text(p)).to.match(/By .+ 20\d\d it will be required/);
    expect(events.some((e) => e.type === 'ipsafezone-success')).to.equal(false);
    // Keyboard first: "Set it up now" has the focus, described by the sentence.
    const setUp = button(el, 'enrol-button')!;
    expect(shadow(el).activeElement).to.equal(setUp);
    expect(text(setUp)).to.equal('Set it up now');
    expect(setUp.getAttribute('aria-describedby')).to.be.a('string');
    await expect(el).to.be.accessible();

    button(el, 'later-button')!.click();
    await waitForStep(el, 'signed-in');
    expect(events.filter((e) => e.type === 'ipsafezone-success')).to.have.length(1);
  });

  it('after the deadline: no "Later", no success; in German', async () => {
    await control('enrolment', { withinDays: 14, daysAgo: 20 });
    const { el, events } = await mount({ server: origin, lang: 'de' });
    await waitForStep(el, 'password');
    await typeAndEnter('carol', PASSWORD);
    await waitForStep(el, 'enrol');
    const p = promptOf(el)!;
    expect(text(p)).to.contain('Zweiten Faktor einrichten');
    expect(text(p)).to.match(/Seit .+ ist ein zweiter Faktor Pflicht/);
    expect(text(button(el, 'enrol-button')!)).to.equal('Jetzt einrichten');
    expect(button(el, 'later-button')).to.equal(null);
    expect(events.some((e) => e.type === 'ipsafezone-success')).to.equal(false);
    await expect(el).to.be.accessible();
    // The backend agrees: the session reaches nothing but the profile.
    const verify = await fetch(`${location.origin}/api/verify`, { credentials: 'include' });
    expect(verify.status).to.equal(401);
    const me = await fetch(`${location.origin}/api/me`, { credentials: 'include' });
    expect(me.status).to.equal(200);
  });

  it('a user with a second factor is not asked', async () => {
    await control('enrolment', { withinDays: 14, daysAgo: 20 });
    const { el } = await mount({ server: origin, lang: 'en' });
    await waitForStep(el, 'password');
    await typeAndEnter('bob', PASSWORD);
    await waitForStep(el, 'signed-in');
    expect(promptOf(el)).to.equal(null);
  });
});
