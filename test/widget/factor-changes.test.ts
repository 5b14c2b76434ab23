/**
 * `<ipsafezone-login>` after signing in, when the user's sign-in methods changed since their
 * previous sign-in (issue 23, item 2), against the real backend: carol's authenticator app was
 * added (through the profile API, audited with the address), then she signs in again — the element
 * tells "An authenticator app was added … from 127.0.0.1", links to her profile and goes on at
 * "Continue"; English and German; accessible. The next sign-in has nothing new to tell.
 */
import { expect } from '@open-wc/testing';
import '../../widget/ipsafezone-login.js';
import { control, PASSWORD } from '../support/browser-control.js';
import { mount, shadow, text, typeAndEnter, waitForStep, type LoginElement } from './helpers.js';

/** The API through the test page's own origin (the dev server passes /api on to the backend). */
async function call(method: string, path: string, body?: unknown) {
  const res = await fetch(location.origin + path, {
    method,
    credentials: 'include',
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

/** carol adds an authenticator app on her profile, then signs out. */
async function carolAddsAnApp(): Promise<void> {
  const signedIn = await call('POST', '/api/login/password', {
    username: 'carol',
    password: PASSWORD,
  });
  expect(signedIn.body.status).to.equal('signed_in');
  const begun = await call('POST', '/api/me/factors/totp', {});
  expect(begun.status).to.equal(200);
  const { code } = await control('totp-code', { secret: begun.body.secret });
  const done = await call('POST', '/api/me/factors/totp/confirm', {
    enrolment: begun.body.enrolment,
    code,
    label: 'Phone',
  });
  expect(done.status).to.equal(200);
  await call('POST', '/api/logout', {});
}

const notice = (el: LoginElement) => shadow(el).querySelector('[part~=factor-changes]');

describe('<ipsafezone-login> after signing in: changes since the last sign-in', () => {
  let origin: string;
  beforeEach(async () => {
    ({ origin } = await control('reset', { inside: true }));
    await carolAddsAnApp();
  });

  it('tells what changed, when and from where, links to the profile, and goes on at Continue', async () => {
    const { el, events } = await mount({ server: origin, lang: 'en' });
    await waitForStep(el, 'password');
    await typeAndEnter('carol', PASSWORD);
    await waitForStep(el, 'signed-in');
    const n = notice(el)!;
    expect(n, 'the notice').to.not.equal(null);
    expect(n.getAttribute('role')).to.equal('alert');
    expect(text(n)).to.contain('Since you last signed in');
    // Signed in: where the user stands may stay, but no instruction to sign in above the notice.
    const statement = shadow(el).querySelector('[part~=statement]');
    expect(text(statement!)).to.not.match(/password|SecSign/i);
    expect(text(n)).to.match(
      /An authenticator app was added \(“Phone”\) on .+ from 127\.0\.0\.1\./,
    );
    expect(text(n)).to.contain('Not you? Remove it and end your other sessions on your profile.');
    const link = n.querySelector<HTMLAnchorElement>('[part~=profile-link]')!;
    expect(link.href).to.equal(`${origin}/profile`);
    expect(text(link)).to.equal('Open your profile');
    const success = events.find((e) => e.type === 'ipsafezone-success');
    expect(success?.detail.factorChanges).to.have.length(1);
    await expect(el).to.be.accessible();

    n.querySelector<HTMLButtonElement>('[part~=continue-button]')!.click();
    await el.updateComplete;
    expect(notice(el)).to.equal(null);

    // Told once: signing in again has nothing new to tell.
    await call('POST', '/api/logout', {});
    const again = await mount({ server: origin, lang: 'en' });
    await waitForStep(again.el, 'password');
    await typeAndEnter('carol', PASSWORD);
    await waitForStep(again.el, 'signed-in');
    expect(notice(again.el)).to.equal(null);
  });

  it('says it in German', async () => {
    const { el } = await mount({ server: origin, lang: 'de' });
    await waitForStep(el, 'password');
    await typeAndEnter('carol', PASSWORD);
    await waitForStep(el, 'signed-in');
    const n = notice(el)!;
    expect(text(n)).to.contain('Seit Ihrer letzten Anmeldung');
    expect(text(n)).to.match(
      /Eine Authenticator-App wurde hinzugefügt \(„Phone“\) \(am .+, von 127\.0\.0\.1\)\./,
    );
    expect(text(n)).to.contain('Nicht Sie?');
    expect(text(n.querySelector('[part~=continue-button]'))).to.equal('Weiter');
    expect(text(n.querySelector('[part~=profile-link]'))).to.equal('Profil öffnen');
    await expect(el).to.be.accessible();
  });
});
