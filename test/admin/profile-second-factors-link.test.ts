/**
 * The enrolment prompt sends a user to `/profile#second-factors` (issue 27 §4). The second factors
 * live in a card's shadow DOM, where the browser's own fragment scrolling cannot find them, so the
 * profile page does it: opened with the fragment, it scrolls the "Second factors" card into view
 * and focuses it (named by its heading); and again when the fragment changes to it later
 * (`hashchange`). A tall block above the page puts the card far below the first screen.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../admin/ipsafezone-profile.js';
import { resetAdmin, signIn, until } from './admin-helpers.js';

/** The factors card's section when it has the focus, else null. */
function focusedFactors(profile: HTMLElement): HTMLElement | null {
  const card = profile.shadowRoot!.querySelector('ipsz-factors-card');
  if (!card || profile.shadowRoot!.activeElement !== card) return null;
  const active = card.shadowRoot!.activeElement as HTMLElement | null;
  return active?.matches('section') ? active : null;
}

/** Whether `e`'s top is on the screen (a pixel's fraction above it counts: scrolled to it). */
const onScreen = (e: HTMLElement) => {
  const top = Math.round(e.getBoundingClientRect().top);
  return top >= 0 && top < window.innerHeight;
};

describe('profile: #second-factors', () => {
  let origin: string;
  beforeEach(async () => {
    ({ origin } = await resetAdmin({}));
    await signIn(origin, 'carol');
    window.scrollTo(0, 0);
  });
  afterEach(() => history.replaceState(null, '', location.pathname + location.search));

  it('opened with the fragment: scrolls to the second factors and focuses them', async () => {
    history.replaceState(null, '', '#second-factors');
    const page = await fixture<HTMLElement>(
      html`<div>
        <div style="height: 4000px"></div>
        <ipsafezone-profile server=${origin} username="carol" lang="en"></ipsafezone-profile>
      </div>`,
    );
    const profile = page.querySelector<HTMLElement>('ipsafezone-profile')!;
    const section = await until(() => focusedFactors(profile), 'the second factors focused');
    expect(section.getAttribute('aria-labelledby')).to.equal('factors');
    expect(section.querySelector('h2')?.textContent).to.equal('Second factors');
    expect(
      onScreen(section),
      `scrolled into view (top ${section.getBoundingClientRect().top})`,
    ).to.equal(true);
    await expect(profile).to.be.accessible();
  });

  it('the fragment set later (hashchange): the same', async () => {
    const page = await fixture<HTMLElement>(
      html`<div>
        <div style="height: 4000px"></div>
        <ipsafezone-profile server=${origin} username="carol" lang="de"></ipsafezone-profile>
      </div>`,
    );
    const profile = page.querySelector<HTMLElement>('ipsafezone-profile')!;
    const card = await until(
      () => profile.shadowRoot!.querySelector('ipsz-factors-card')?.shadowRoot?.querySelector('h2'),
      'the profile loaded',
    );
    expect(focusedFactors(profile), 'not without the fragment').to.equal(null);
    expect(onScreen(card), 'below the first screen').to.equal(false);
    location.hash = 'second-factors';
    const section = await until(() => focusedFactors(profile), 'the second factors focused');
    expect(section.querySelector('h2')?.textContent).to.equal('Zweite Faktoren');
    expect(
      onScreen(section),
      `scrolled into view (top ${section.getBoundingClientRect().top})`,
    ).to.equal(true);
  });
});
