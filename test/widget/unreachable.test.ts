/**
 * `<ipsafezone-login>` when the backend cannot be reached: it fails closed — only the message and
 * "Try again", never a form (so never a way around the second factor) — and recovers through
 * "Try again" once the server answers. The backend is reached through the harness's `outage`
 * door, a proxy that really stops listening (connection refused) and starts again.
 */
import { expect, waitUntil } from '@open-wc/testing';
import '../../widget/ipsafezone-login.js';
import { control } from '../support/browser-control.js';
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
  waitForStep,
} from './helpers.js';

describe('<ipsafezone-login> server unreachable', () => {
  beforeEach(async () => {
    await control('reset', { inside: false });
  });
  afterEach(async () => {
    await control('outage', { down: false });
  });

  it('fails closed with only a retry, and recovers when the server is back', async () => {
    const { origin: door } = await control('outage', { down: true });
    const { el, events } = await mount({ server: door });
    await waitForStep(el, 'unreachable');
    expect(await errorEvent(events, 'network')).to.include({ status: 0 });
    expect(eventsOf(events, 'ipsafezone-zone')).to.have.length(0);
    expect(text(status(el))).to.equal(
      'Cannot reach the sign-in server, and there is no other way in. Please try again.',
    );
    expect(statement(el)).to.equal('');
    expect(form(el)).to.equal(null);
    expect(el.querySelectorAll('input')).to.have.length(0);
    expect(part(el, 'access-pass')).to.equal(null);
    const retry = part(el, 'retry-button')!;
    expect(text(retry)).to.equal('Try again');
    expect(focused(el)).to.equal(retry);
    await expect(el).to.be.accessible();

    // Still down: Try again asks again and stays closed.
    await press('Enter');
    await waitUntil(() => eventsOf(events, 'ipsafezone-error').length === 2, 'no second try');
    await waitForStep(el, 'unreachable');
    expect(form(el)).to.equal(null);

    // Back up: Try again shows the right form.
    await control('outage', { down: false });
    await press('Enter');
    await waitForStep(el, 'secsign-id');
    expect(eventsOf(events, 'ipsafezone-zone')).to.have.length(1);
    expect(input(el, 'secSignId')).to.not.equal(null);
    expect(text(status(el))).to.equal('');
  });

  it('an answer that is not the API fails closed too', async () => {
    // The dev server answers with its 404 page, not the API's JSON (its own /api/* goes on to the
    // backend for the admin tests, so the widget is pointed below a path it does not serve).
    const { el, events } = await mount({ server: `${location.origin}/not-the-backend` });
    await waitForStep(el, 'unreachable');
    expect((await errorEvent(events, 'bad_response')).status).to.equal(404);
    expect(form(el)).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('keeps waiting when the server drops out during the access pass step', async () => {
    const { origin: door } = await control('outage', { down: false });
    const { el, events } = await mount({ server: door, username: 'alice.sec' });
    await waitForStep(el, 'secsign-id');
    await press('Enter');
    await waitForStep(el, 'pending');
    await control('outage', { down: true });
    // The first poll (after 2 s) gets no answer: still waiting, never signed in, never a form.
    await new Promise((r) => setTimeout(r, 2600));
    expect(el.step).to.equal('pending');
    expect(text(status(el))).to.equal('The server does not answer; still trying…');
    expect(form(el)).to.equal(null);
    expect(eventsOf(events, 'ipsafezone-success')).to.have.length(0);
    await expect(el).to.be.accessible();
    // Back: the next poll sees the phone's answer.
    await control('outage', { down: false });
    await control('phone', { secSignId: 'alice.sec', state: 3 });
    await waitForStep(el, 'signed-in', 8000);
  });
});
