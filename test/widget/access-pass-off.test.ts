/**
 * `<ipsafezone-login>` with the access pass switched off (`SECSIGN_SHOW_ACCESS_PASS=false`): the
 * server answers `accessPass: null`, and the waiting step shows no symbol — only the instruction
 * to confirm in the app, the countdown and Cancel — and still signs in when the phone accepts.
 * (The widget used to crash on `null.startsWith`.)
 */
import { expect } from '@open-wc/testing';
import '../../widget/ipsafezone-login.js';
import { control, PhoneState } from '../support/browser-control.js';
import { eventsOf, mount, part, status, text, typeAndEnter, waitForStep } from './helpers.js';

describe('<ipsafezone-login> with the access pass switched off', () => {
  let origin: string;
  beforeEach(async () => {
    ({ origin } = await control('reset', { inside: false }));
    await control('access-pass', { on: false });
  });
  afterEach(async () => {
    await control('access-pass', { on: true });
  });

  it('shows the waiting step without a symbol and signs in when the phone accepts', async () => {
    const { el, events } = await mount({ server: origin });
    await waitForStep(el, 'secsign-id');
    await typeAndEnter('bob.sec');
    await waitForStep(el, 'pending');
    expect(part(el, 'access-pass-image')).to.equal(null);
    // The instruction is in the live region, announced when the step starts.
    expect(text(status(el))).to.equal('Open the SecSign ID app for bob.sec and confirm the login.');
    expect(text(part(el, 'countdown'))).to.match(/^Waiting for your confirmation: \d+:\d\d left$/);
    expect(eventsOf(events, 'ipsafezone-error')).to.have.length(0);
    await expect(el).to.be.accessible();

    await control('phone', { secSignId: 'bob.sec', state: PhoneState.accepted });
    await waitForStep(el, 'signed-in');
    expect(eventsOf(events, 'ipsafezone-success')[0]?.detail.user).to.include({ username: 'bob' });
  });
});
