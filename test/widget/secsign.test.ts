/**
 * `<ipsafezone-login>` outside the safe zone (mode `2fa`, SecSign ID alone) against the real
 * backend and its embedded SecSign ID server: the access pass step, the phone accepting, every
 * other SecSign outcome (each with its own message and "Start again"), Cancel by the user, and
 * the errors of the SecSign ID step. Polling runs in real time (first poll after 2 s); the phone
 * answers before that poll, so each outcome costs one poll.
 */
import { expect } from '@open-wc/testing';
import '../../widget/ipsafezone-login.js';
import { control, PhoneState } from '../support/browser-control.js';
import {
  errorEvent,
  eventsOf,
  focused,
  form,
  input,
  mount,
  part,
  press,
  statement,
  status,
  text,
  type,
  typeAndEnter,
  waitForStep,
  type LoginElement,
} from './helpers.js';

/** Mounts an element outside the zone and starts a SecSign ID login for `id` by keyboard. */
async function startPending(origin: string, id: string) {
  const mounted = await mount({ server: origin });
  await waitForStep(mounted.el, 'secsign-id');
  await typeAndEnter(id);
  await waitForStep(mounted.el, 'pending');
  return mounted;
}

const cancelButton = (el: LoginElement) => part(el, 'cancel-button') as HTMLButtonElement;

describe('<ipsafezone-login> mode 2fa (outside the zone)', () => {
  let origin: string;
  beforeEach(async () => {
    ({ origin } = await control('reset', { inside: false }));
  });

  it('asks for the SecSign ID, shows the access pass, and signs in when the phone accepts', async () => {
    const { el, events } = await mount({ server: origin });
    await waitForStep(el, 'secsign-id');
    expect(statement(el)).to.equal(
      'You are outside the company network (127.0.0.1). Confirm with your SecSign ID.',
    );
    expect(eventsOf(events, 'ipsafezone-zone')[0]?.detail).to.include({
      inside: false,
      mode: '2fa',
    });
    expect(input(el, 'password')).to.equal(null);
    expect(focused(el)).to.equal(input(el, 'secSignId'));
    await expect(el).to.be.accessible();

    await typeAndEnter('alice.sec');
    await waitForStep(el, 'pending');
    // The access pass step: symbol, instruction, countdown, Cancel (focused); no form.
    expect(form(el)).to.equal(null);
    const img = part(el, 'access-pass-image') as HTMLImageElement;
    expect(img.src).to.match(/^data:image\/png;base64,/);
    expect(img.alt).to.equal('Access pass symbol');
    await img.decode();
    expect(img.naturalWidth).to.be.greaterThan(0);
    // The instruction is in the live region, so it is announced when the step starts.
    expect(text(status(el))).to.equal(
      'Open the SecSign ID app for alice.sec and pick the symbol shown here.',
    );
    const countdown = part(el, 'countdown')!;
    expect(countdown.getAttribute('role')).to.equal('timer');
    expect(text(countdown)).to.match(/^Waiting for your confirmation: \d+:\d\d left$/);
    expect(part(el, 'deep-link')).to.equal(null); // not a phone
    expect(focused(el)).to.equal(cancelButton(el));
    await expect(el).to.be.accessible();
    expect((await control('session', { secSignId: 'alice.sec' })).state).to.be.oneOf([1, 7]);

    await control('phone', { secSignId: 'alice.sec', state: PhoneState.accepted });
    await waitForStep(el, 'signed-in');
    expect(eventsOf(events, 'ipsafezone-success')[0]?.detail.user).to.include({
      username: 'alice',
      secSignId: 'alice.sec',
    });
    expect(text(status(el))).to.equal('Signed in as Alice Admin.');
    expect(eventsOf(events, 'ipsafezone-error')).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  const outcomes = [
    { state: PhoneState.expired, code: 'secsign_expired', message: 'The request timed out.' },
    {
      state: PhoneState.denied,
      code: 'secsign_denied',
      message: 'The request was denied in the app (or another symbol was picked).',
    },
    {
      state: PhoneState.suspended,
      code: 'secsign_suspended',
      message: 'A newer sign-in request replaced this one.',
    },
    { state: PhoneState.canceled, code: 'secsign_canceled', message: 'The request was cancelled.' },
    {
      state: PhoneState.invalid,
      code: 'secsign_invalid',
      message: 'The SecSign ID server rejected the request.',
    },
  ];
  for (const [i, o] of outcomes.entries()) {
    it(`phone state ${o.state}: ${o.code} with its own message and Start again`, async () => {
      // Alternate the IDs: the simulator allows an ID only a few requests a minute.
      const id = i % 2 ? 'bob.sec' : 'alice.sec';
      const { el, events } = await startPending(origin, id);
      await control('phone', { secSignId: id, state: o.state });
      await waitForStep(el, 'outcome');
      expect(await errorEvent(events, o.code)).to.include({ status: 401 });
      expect(text(status(el))).to.equal(o.message);
      expect(status(el).classList.contains('error')).to.equal(true);
      const again = part(el, 'retry-button')!;
      expect(text(again)).to.equal('Start again');
      expect(focused(el)).to.equal(again);
      expect(eventsOf(events, 'ipsafezone-success')).to.have.length(0);
      await expect(el).to.be.accessible();
      // Start again with the keyboard: back to the SecSign ID form, the ID kept.
      await press('Enter');
      await waitForStep(el, 'secsign-id');
      expect(input(el, 'secSignId')!.value).to.equal(id);
      expect(eventsOf(events, 'ipsafezone-zone')).to.have.length(2);
    });
  }

  it('Cancel by the user cancels at the SecSign ID server and goes back to the form', async () => {
    const { el, events } = await startPending(origin, 'bob.sec');
    // Keyboard alone: Cancel has the focus, Enter presses it.
    expect(focused(el)).to.equal(cancelButton(el));
    await press('Enter');
    await waitForStep(el, 'secsign-id');
    expect(text(status(el))).to.equal('Sign-in cancelled.');
    expect(input(el, 'secSignId')!.value).to.equal('bob.sec');
    expect(focused(el)).to.equal(input(el, 'secSignId'));
    // The request is cancelled at the ID server too: the phone can no longer approve it.
    let state = 0;
    for (let i = 0; i < 40 && state !== PhoneState.canceled; i++) {
      state = (await control('session', { secSignId: 'bob.sec' })).state;
      if (state !== PhoneState.canceled) await new Promise((r) => setTimeout(r, 50));
    }
    expect(state).to.equal(PhoneState.canceled);
    // And the element stopped polling: nothing more happens.
    await new Promise((r) => setTimeout(r, 2500));
    expect(el.step).to.equal('secsign-id');
    expect(eventsOf(events, 'ipsafezone-error')).to.have.length(0);
    expect(eventsOf(events, 'ipsafezone-success')).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('offers the deep link to the app when asked to (as on a phone)', async () => {
    const { el } = await mount({ server: origin, deepLink: 'always', username: 'alice.sec' });
    await waitForStep(el, 'secsign-id');
    expect(focused(el)).to.equal(input(el, 'secSignId'));
    await press('Enter');
    await waitForStep(el, 'pending');
    const link = part(el, 'deep-link') as HTMLAnchorElement;
    expect(link.getAttribute('href')).to.match(/^com\.secsign\.secsignid:/);
    expect(text(link)).to.equal('Open the SecSign ID app');
    await expect(el).to.be.accessible();
    cancelButton(el).click();
    await waitForStep(el, 'secsign-id');
  });

  it('unknown SecSign ID: says so and stays on the form', async () => {
    const { el, events } = await mount({ server: origin });
    await waitForStep(el, 'secsign-id');
    await type('nobody-at-all.sec');
    await press('Enter');
    expect((await errorEvent(events, 'secsign_no_such_id')).status).to.equal(404);
    await el.updateComplete;
    expect(text(status(el))).to.match(/^This SecSign ID does not exist\./);
    expect(el.step).to.equal('secsign-id');
    await expect(el).to.be.accessible();
  });

  it('a password login from outside is refused and the SecSign ID form is shown', async () => {
    // The zone answer said "inside"; then the network changed before the submit.
    await control('zone', { inside: true });
    const { el, events } = await mount({ server: origin, username: 'alice' });
    await waitForStep(el, 'password');
    await control('zone', { inside: false });
    input(el, 'password')!.focus();
    await type('correct horse battery');
    await press('Enter');
    expect((await errorEvent(events, 'password_not_used')).status).to.equal(409);
    await waitForStep(el, 'secsign-id');
    expect(text(status(el))).to.equal('Your network changed. Please sign in again.');
    expect(eventsOf(events, 'ipsafezone-success')).to.have.length(0);
  });
});

describe('<ipsafezone-login> polling and the page', () => {
  it('stops polling when the element leaves the page and resumes when it is back', async () => {
    const { origin } = await control('reset', { inside: false });
    const { el, events } = await mount({ server: origin, username: 'alice.sec' });
    await waitForStep(el, 'secsign-id');
    await press('Enter');
    await waitForStep(el, 'pending');
    const parent = el.parentElement!;
    el.remove();
    await control('phone', { secSignId: 'alice.sec', state: PhoneState.accepted });
    // Had it polled (first poll after 2 s), it would have signed in by now.
    await new Promise((r) => setTimeout(r, 3000));
    expect(eventsOf(events, 'ipsafezone-success')).to.have.length(0);
    const session = await (await fetch(`${origin}/api/session`, { credentials: 'include' })).json();
    expect(session.user).to.equal(null);
    parent.append(el);
    await waitForStep(el, 'signed-in', 5000);
    expect(eventsOf(events, 'ipsafezone-success')).to.have.length(1);
  });
});
