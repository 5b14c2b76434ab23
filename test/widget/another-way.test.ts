/**
 * "Use another way" (issue 18) against the real backend: outside, a user signs in with the
 * password and the code of an authenticator app instead of SecSign ID — from the SecSign ID form
 * (mode `2fa`) and from the access pass step (mode `2sa`); a wrong code is refused on the spot.
 */
import { expect } from '@open-wc/testing';
import '../../widget/ipsafezone-login.js';
import { control, PASSWORD } from '../support/browser-control.js';
import {
  errorEvent,
  eventsOf,
  input,
  mount,
  part,
  shadow,
  status,
  text,
  typeAndEnter,
  waitForStep,
  type LoginElement,
} from './helpers.js';

const choice = (el: LoginElement, factor: string) =>
  shadow(el).querySelector<HTMLButtonElement>(`[part~=choice-${factor}]`);

async function typeCode(el: LoginElement, secret: string) {
  const { code } = await control('totp-code', { secret });
  input(el, 'code')!.focus();
  await typeAndEnter(code);
}

/** From the choice step: the authenticator app, then `username`'s password, up to the code step. */
async function appThenPassword(el: LoginElement, username: string, password = PASSWORD) {
  choice(el, 'totp')!.click();
  await waitForStep(el, 'password');
  input(el, 'username')!.focus();
  await typeAndEnter(username, password);
  await waitForStep(el, 'code');
}

describe('<ipsafezone-login> Use another way', () => {
  it('mode 2fa: SecSign ID form → Use another way → authenticator app → password → code → signed in', async () => {
    const { origin } = await control('reset', { inside: false });
    const { secret } = await control('totp', { username: 'carol' });
    const { el, events } = await mount({ server: origin });
    await waitForStep(el, 'secsign-id');
    const other = el.querySelector<HTMLButtonElement>('.ipsz-link');
    expect(text(other)).to.equal('Use another way');
    other!.click();
    await waitForStep(el, 'choose');
    expect(text(status(el))).to.equal('Choose how to confirm that it is you.');
    // The policy's choices, the same for everyone; passkeys only where the passkey module runs.
    expect(choice(el, 'totp')).to.not.equal(null);
    expect(choice(el, 'recovery_code')).to.not.equal(null);
    expect(choice(el, 'secsign')).to.equal(null);
    await expect(el).to.be.accessible();
    await appThenPassword(el, 'carol');
    expect(input(el, 'code')!.autocomplete).to.equal('one-time-code');
    expect(text(status(el))).to.contain('6-digit code');
    await expect(el).to.be.accessible();
    // Outside in 2FA the password is never checked alone: nothing was sent yet.
    expect(eventsOf(events, 'ipsafezone-error')).to.have.length(0);
    await typeCode(el, secret);
    await waitForStep(el, 'signed-in');
    expect(eventsOf(events, 'ipsafezone-success')[0]?.detail.user.username).to.equal('carol');
    const s = await (await fetch(`${origin}/api/session`, { credentials: 'include' })).json();
    expect(s.session.factors).to.equal('password+totp');
  });

  it('mode 2fa where the policy leaves SecSign ID out: the first step is the choice, no SecSign ID form', async () => {
    const { origin } = await control('reset', { inside: false });
    // The administrator keeps a factor that counts outside (the domain refuses the change otherwise).
    await control('totp', { username: 'alice' });
    const { secret } = await control('totp', { username: 'carol' });
    await control('settings', { outsideFactors: ['totp', 'recovery_code'] });
    const { el, events } = await mount({ server: origin });
    await waitForStep(el, 'choose');
    expect(text(status(el))).to.equal('Choose how to confirm that it is you.');
    expect(input(el, 'secSignId')).to.equal(null);
    expect(choice(el, 'secsign')).to.equal(null);
    expect(choice(el, 'totp')).to.not.equal(null);
    expect(choice(el, 'recovery_code')).to.not.equal(null);
    await expect(el).to.be.accessible();
    await appThenPassword(el, 'carol');
    await typeCode(el, secret);
    await waitForStep(el, 'signed-in');
    expect(eventsOf(events, 'ipsafezone-success')[0]?.detail.user.username).to.equal('carol');
  });

  it('mode 2sa: the access pass step offers the authenticator app; a wrong code is refused, the right one signs in', async () => {
    const { origin } = await control('reset', { inside: false, twoStepActive: true });
    const { secret } = await control('totp', { username: 'bob' });
    const { el, events } = await mount({ server: origin });
    await waitForStep(el, 'password');
    await typeAndEnter('bob', PASSWORD);
    await waitForStep(el, 'pending');
    part(el, 'another-way-button')!.click();
    await waitForStep(el, 'choose');
    choice(el, 'totp')!.click();
    await waitForStep(el, 'code');
    input(el, 'code')!.focus();
    await typeAndEnter('000000');
    const err = await errorEvent(events, 'invalid_code');
    expect(err.status).to.equal(401);
    await el.updateComplete;
    expect(text(status(el))).to.equal('That code is not right, or it was used already.');
    expect(el.step).to.equal('code');
    await typeCode(el, secret);
    await waitForStep(el, 'signed-in');
    const s = await (await fetch(`${origin}/api/session`, { credentials: 'include' })).json();
    expect(s.session.factors).to.equal('password+totp');
  });

  it('mode 2fa: a wrong password with the code is told as "password or code", and both are asked again', async () => {
    const { origin } = await control('reset', { inside: false });
    const { secret } = await control('totp', { username: 'carol' });
    const { el, events } = await mount({ server: origin });
    await waitForStep(el, 'secsign-id');
    el.querySelector<HTMLButtonElement>('.ipsz-link')!.click();
    await waitForStep(el, 'choose');
    await appThenPassword(el, 'carol', 'not the password');
    await typeCode(el, secret);
    await errorEvent(events, 'invalid_password_or_code');
    await waitForStep(el, 'password');
    expect(text(status(el))).to.equal('The username, password or code is wrong.');
    input(el, 'username')!.value = '';
    input(el, 'username')!.focus();
    await typeAndEnter('carol', PASSWORD);
    await waitForStep(el, 'code');
    await typeCode(el, secret);
    await waitForStep(el, 'signed-in');
  });

  it('in German: Anders bestätigen, and the code step in German', async () => {
    const { origin } = await control('reset', { inside: false });
    await control('totp', { username: 'carol' });
    const { el } = await mount({ server: origin, lang: 'de' });
    await waitForStep(el, 'secsign-id');
    el.querySelector<HTMLButtonElement>('.ipsz-link')!.click();
    await waitForStep(el, 'choose');
    expect(text(choice(el, 'totp'))).to.equal('Code aus einer Authenticator-App');
    choice(el, 'totp')!.click();
    await waitForStep(el, 'password');
    input(el, 'username')!.focus();
    await typeAndEnter('carol', PASSWORD);
    await waitForStep(el, 'code');
    expect(text(el.querySelector('.ipsz-label'))).to.equal('Code aus Ihrer Authenticator-App');
  });
});
