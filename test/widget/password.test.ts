/**
 * `<ipsafezone-login>` inside the safe zone (mode `password`) against the real backend: the zone
 * statement, keyboard-only sign-in with Enter, the session cookie it leaves, the events, focus,
 * and the password errors (wrong password, locked out with the wait, disabled account).
 */
import { expect, waitUntil } from '@open-wc/testing';
import '../../widget/ipsafezone-login.js';
import { control, PASSWORD } from '../support/browser-control.js';
import {
  errorEvent,
  eventsOf,
  focused,
  form,
  input,
  mount,
  press,
  statement,
  status,
  submitButton,
  text,
  type,
  typeAndEnter,
  waitForStep,
} from './helpers.js';

describe('<ipsafezone-login> mode password (inside the zone)', () => {
  let origin: string;
  beforeEach(async () => {
    ({ origin } = await control('reset', { inside: true }));
  });

  it('says where the user stands, focuses the username and signs in with the keyboard', async () => {
    const { el, events } = await mount({ server: origin });
    await waitForStep(el, 'password');
    expect(statement(el)).to.equal(
      'You are on the company network (Office). Sign in with your password.',
    );
    const [zone] = eventsOf(events, 'ipsafezone-zone');
    expect(zone?.detail).to.include({
      inside: true,
      zone: 'Office',
      mode: 'password',
      clientIp: '127.0.0.1',
    });
    expect(form(el)!.getAttribute('method')).to.equal('post');
    expect(input(el, 'username')!.autocomplete).to.equal('username');
    expect(input(el, 'password')!.autocomplete).to.equal('current-password');
    expect(focused(el)).to.equal(input(el, 'username'));
    await expect(el).to.be.accessible();

    await typeAndEnter('alice', PASSWORD);
    await waitForStep(el, 'signed-in');
    const [success] = eventsOf(events, 'ipsafezone-success');
    expect(success?.cancelable).to.equal(true);
    expect(success?.detail.user).to.include({ username: 'alice', role: 'admin' });
    expect(text(status(el))).to.equal('Signed in as Alice Admin.');
    expect(form(el)).to.equal(null);
    expect(eventsOf(events, 'ipsafezone-error')).to.have.length(0);
    await expect(el).to.be.accessible();

    // The session cookie was set cross-origin and is sent back.
    const session = await (await fetch(`${origin}/api/session`, { credentials: 'include' })).json();
    expect(session.user).to.include({ username: 'alice' });
  });

  it('moves focus to the password when the username is prefilled', async () => {
    const { el } = await mount({ server: origin, username: 'bob' });
    await waitForStep(el, 'password');
    expect(input(el, 'username')!.value).to.equal('bob');
    expect(focused(el)).to.equal(input(el, 'password'));
  });

  it('wrong password: says so, clears and focuses the password, fires ipsafezone-error', async () => {
    const { el, events } = await mount({ server: origin });
    await waitForStep(el, 'password');
    await typeAndEnter('alice', 'not the password');
    const detail = await errorEvent(events, 'invalid_credentials');
    expect(detail.status).to.equal(401);
    expect(detail.message).to.be.a('string').and.not.equal('');
    await el.updateComplete;
    const live = status(el);
    expect(live.getAttribute('role')).to.equal('status');
    expect(live.getAttribute('aria-live')).to.equal('polite');
    expect(text(live)).to.equal('Wrong username or password.');
    expect(el.step).to.equal('password');
    expect(input(el, 'username')!.value).to.equal('alice');
    expect(input(el, 'password')!.value).to.equal('');
    await waitUntil(() => focused(el) === input(el, 'password'), 'password not focused');
    expect(eventsOf(events, 'ipsafezone-success')).to.have.length(0);
    await expect(el).to.be.accessible();

    // Right on the second try.
    await type(PASSWORD);
    await press('Enter');
    await waitForStep(el, 'signed-in');
  });

  it('locked out after five failures: shows the wait and keeps the button disabled', async () => {
    const { el, events } = await mount({ server: origin, username: 'carol' });
    await waitForStep(el, 'password');
    for (let i = 1; i <= 5; i++) {
      await type(`wrong ${i}`);
      await press('Enter');
      await waitUntil(
        () => eventsOf(events, 'ipsafezone-error').length === i,
        `failure ${i} not reported`,
        { timeout: 5000 },
      );
    }
    expect(eventsOf(events, 'ipsafezone-error').map((e) => e.detail.code)).to.deep.equal(
      Array(5).fill('invalid_credentials'),
    );
    // Locked now: even the right password is refused, with the wait.
    await waitUntil(() => focused(el) === input(el, 'password'), 'password not focused');
    await type(PASSWORD);
    await press('Enter');
    const detail = await errorEvent(events, 'too_many_attempts');
    expect(detail.status).to.equal(429);
    await el.updateComplete;
    expect(text(status(el))).to.equal('Too many attempts. Try again in 15 min.');
    expect(submitButton(el)!.disabled).to.equal(true);
    // Enter does nothing while locked.
    input(el, 'password')!.focus();
    await press('Enter');
    await new Promise((r) => setTimeout(r, 300));
    expect(eventsOf(events, 'ipsafezone-error')).to.have.length(6);
    expect(el.step).to.equal('password');
    await expect(el).to.be.accessible();
  });

  it('disabled account: right password, still refused', async () => {
    const { el, events } = await mount({ server: origin });
    await waitForStep(el, 'password');
    await typeAndEnter('dave', PASSWORD);
    expect((await errorEvent(events, 'user_disabled')).status).to.equal(403);
    await el.updateComplete;
    expect(text(status(el))).to.equal('This account is disabled.');
    expect(el.step).to.equal('password');
  });

  it('navigates to a same-origin return-to when ipsafezone-success is not cancelled', async () => {
    const before = location.href;
    const { el, events } = await mount(
      { server: origin, returnTo: '#done', username: 'alice' },
      { cancelSuccess: false },
    );
    try {
      await waitForStep(el, 'password');
      await type(PASSWORD);
      await press('Enter');
      await waitForStep(el, 'signed-in');
      expect(eventsOf(events, 'ipsafezone-success')).to.have.length(1);
      expect(location.hash).to.equal('#done');
    } finally {
      history.replaceState(null, '', before);
    }
  });

  it('does not follow a return-to on another origin (no open redirect)', async () => {
    const before = location.href;
    const { el } = await mount(
      { server: origin, returnTo: 'https://evil.example/', username: 'alice' },
      { cancelSuccess: false },
    );
    await waitForStep(el, 'password');
    await type(PASSWORD);
    await press('Enter');
    await waitForStep(el, 'signed-in');
    await new Promise((r) => setTimeout(r, 200));
    expect(location.href).to.equal(before);
    expect(text(status(el))).to.equal('Signed in as Alice Admin.');
  });
});
