/**
 * The access pass step as the user waits (issue 17): the countdown counts down to the `expiresAt`
 * the server sent, measured on the SERVER's clock (a page whose clock is off by minutes still shows
 * the time the phone shows); the instruction is announced when the step starts (it is in the live
 * region); "Send a new request" replaces the request without going back to the form.
 */
import { expect, waitUntil } from '@open-wc/testing';
import '../../widget/ipsafezone-login.js';
import { control, PhoneState } from '../support/browser-control.js';
import {
  eventsOf,
  focused,
  mount,
  part,
  status,
  text,
  typeAndEnter,
  waitForStep,
} from './helpers.js';

/** Records the JSON of every answer to `path` the page fetches (the element's own calls too). */
function recordAnswers(path: string): { answers: any[]; stop(): void } {
  const real = window.fetch.bind(window);
  const answers: any[] = [];
  window.fetch = async (...args: Parameters<typeof fetch>) => {
    const res = await real(...args);
    if (String(args[0]).endsWith(path)) answers.push(await res.clone().json());
    return res;
  };
  return { answers, stop: () => void (window.fetch = real) };
}

const seconds = (clock: string) => {
  const [m, s] = clock.split(':').map(Number);
  return m! * 60 + s!;
};

describe('<ipsafezone-login> waiting for the phone', () => {
  let origin: string;
  beforeEach(async () => {
    ({ origin } = await control('reset', { inside: false }));
  });

  it('counts down to the server’s expiresAt on the server’s clock, even when the page’s clock is off', async () => {
    const realNow = Date.now;
    const rec = recordAnswers('/api/login/secsign');
    // This page's clock runs 90 s fast.
    Date.now = () => realNow.call(Date) + 90_000;
    try {
      const { el } = await mount({ server: origin });
      await waitForStep(el, 'secsign-id');
      await typeAndEnter('alice.sec');
      await waitForStep(el, 'pending');
      const expiresAt = Date.parse(rec.answers[0].expiresAt);
      const truth = (expiresAt - realNow.call(Date)) / 1000;
      const shown = /(\d+:\d\d)/.exec(text(part(el, 'countdown')))![1]!;
      expect(Math.abs(seconds(shown) - truth)).to.be.at.most(2.5, `shown ${shown}, left ${truth}`);
    } finally {
      Date.now = realNow;
      rec.stop();
    }
  });

  it('announces the instruction when the step starts: it is in the live region', async () => {
    const { el } = await mount({ server: origin });
    await waitForStep(el, 'secsign-id');
    expect(text(status(el))).to.equal('');
    await typeAndEnter('bob.sec');
    await waitForStep(el, 'pending');
    const live = status(el);
    expect(live.getAttribute('aria-live')).to.equal('polite');
    expect(text(live)).to.equal(
      'Open the SecSign ID app for bob.sec and pick the symbol shown here.',
    );
    // The symbol it speaks of has a name a screen reader says.
    expect((part(el, 'access-pass-image') as HTMLImageElement).alt).to.equal('Access pass symbol');
  });

  it('“Send a new request” cancels the waiting request and sends a new one (2FA)', async () => {
    const rec = recordAnswers('/api/login/secsign');
    try {
      const { el, events } = await mount({ server: origin });
      await waitForStep(el, 'secsign-id');
      await typeAndEnter('alice.sec');
      await waitForStep(el, 'pending');
      const first = (await control('session', { secSignId: 'alice.sec' })).authSessionId;
      const again = part(el, 'send-new-button') as HTMLButtonElement;
      expect(text(again)).to.equal('Send a new request');
      again.focus();
      again.click();
      await waitUntil(() => rec.answers.length === 2, 'no second request');
      await el.updateComplete;
      expect(el.step).to.equal('pending');
      const second = await control('session', { secSignId: 'alice.sec' });
      expect(second.authSessionId).to.not.equal(first);
      expect(rec.answers[1].transaction).to.not.equal(rec.answers[0].transaction);
      expect(focused(el)).to.equal(part(el, 'send-new-button'));
      await expect(el).to.be.accessible();
      // The new request is the one that counts.
      await control('phone', { secSignId: 'alice.sec', state: PhoneState.accepted });
      await waitForStep(el, 'signed-in');
      expect(eventsOf(events, 'ipsafezone-success')).to.have.length(1);
    } finally {
      rec.stop();
    }
  });
});
