/**
 * `<ipsafezone-login>` in mode `2sa` (two-step on, outside the zone) against the real backend:
 * password first, then the access pass step on the same element, and the error for a user
 * without a SecSign ID.
 */
import { expect } from '@open-wc/testing';
import '../../widget/ipsafezone-login.js';
import { control, PASSWORD, PhoneState } from '../support/browser-control.js';
import {
  errorEvent,
  eventsOf,
  focused,
  input,
  mount,
  part,
  statement,
  status,
  text,
  typeAndEnter,
  waitForStep,
} from './helpers.js';

describe('<ipsafezone-login> mode 2sa (password, then SecSign ID)', () => {
  let origin: string;
  beforeEach(async () => {
    ({ origin } = await control('reset', { inside: false, twoStepActive: true }));
  });

  it('asks for the password, then for the access pass, and signs in', async () => {
    const { el, events } = await mount({ server: origin });
    await waitForStep(el, 'password');
    expect(statement(el)).to.equal(
      'You are outside the company network (127.0.0.1). Sign in with your password, then confirm with a second factor.',
    );
    expect(eventsOf(events, 'ipsafezone-zone')[0]?.detail.mode).to.equal('2sa');
    expect(focused(el)).to.equal(input(el, 'username'));
    await expect(el).to.be.accessible();

    await typeAndEnter('bob', PASSWORD);
    await waitForStep(el, 'pending');
    expect(text(status(el))).to.contain('for bob.sec');
    // A new request would need the password again: only Cancel.
    expect(part(el, 'send-new-button')).to.equal(null);
    expect(focused(el)).to.equal(part(el, 'cancel-button'));
    await expect(el).to.be.accessible();
    // The password alone did not sign in.
    const before = await (await fetch(`${origin}/api/session`, { credentials: 'include' })).json();
    expect(before.user).to.equal(null);

    await control('phone', { secSignId: 'bob.sec', state: PhoneState.accepted });
    await waitForStep(el, 'signed-in');
    expect(eventsOf(events, 'ipsafezone-success')[0]?.detail.user.username).to.equal('bob');
    const after = await (await fetch(`${origin}/api/session`, { credentials: 'include' })).json();
    expect(after.user).to.include({ username: 'bob' });
  });

  it('no SecSign ID assigned: right password, told to ask an administrator', async () => {
    const { el, events } = await mount({ server: origin });
    await waitForStep(el, 'password');
    await typeAndEnter('carol', PASSWORD);
    expect((await errorEvent(events, 'no_secsign_id')).status).to.equal(403);
    await el.updateComplete;
    expect(text(status(el))).to.equal(
      'You have no SecSign ID yet. Ask an administrator to assign one.',
    );
    expect(el.step).to.equal('password');
    expect(eventsOf(events, 'ipsafezone-success')).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('a wrong password never reaches the SecSign ID step', async () => {
    const { el, events } = await mount({ server: origin });
    await waitForStep(el, 'password');
    await typeAndEnter('alice', 'wrong password');
    await errorEvent(events, 'invalid_credentials');
    expect(el.step).to.equal('password');
    expect(text(status(el))).to.equal('Wrong username or password.');
  });
});
