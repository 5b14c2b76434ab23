/**
 * The form's fields (issue 17): a lock-out belongs to the user name that was locked, not to the
 * tab; fields in error say so to assistive technology (`aria-invalid`, `aria-describedby` naming
 * the message); a user without a SecSign ID who types their user name is told what to do and where
 * to get help; the show-password switch; "remember me" (opt-in); help and forgot-password links
 * from attributes or slots.
 */
import { expect, waitUntil } from '@open-wc/testing';
import '../../widget/ipsafezone-login.js';
import { control, PASSWORD } from '../support/browser-control.js';
import {
  errorEvent,
  eventsOf,
  input,
  mount,
  press,
  shadow,
  status,
  submitButton,
  text,
  type,
  typeAndEnter,
  waitForStep,
  type LoginElement,
} from './helpers.js';

const checkbox = (el: LoginElement, name: string) =>
  el.querySelector<HTMLInputElement>(`input[type=checkbox][name=${name}]`)!;

/** Replaces a field's text with the real keyboard. */
async function retype(field: HTMLInputElement, value: string) {
  field.focus();
  field.select();
  await type(value);
}

describe('<ipsafezone-login> fields', () => {
  let origin: string;
  beforeEach(async () => {
    ({ origin } = await control('reset', { inside: true }));
    localStorage.clear();
  });

  it('a lock-out disables Sign in only for the locked name', async () => {
    const { el, events } = await mount({ server: origin, username: 'carol' });
    await waitForStep(el, 'password');
    for (let i = 1; i <= 6; i++) {
      await type(`wrong ${i}`);
      await press('Enter');
      await waitUntil(() => eventsOf(events, 'ipsafezone-error').length === i, `failure ${i}`);
    }
    await errorEvent(events, 'too_many_attempts');
    await el.updateComplete;
    expect(submitButton(el)!.disabled).to.equal(true);
    // Another user on the same computer signs in.
    await retype(input(el, 'username')!, 'alice');
    await el.updateComplete;
    expect(submitButton(el)!.disabled).to.equal(false);
    await retype(input(el, 'password')!, PASSWORD);
    await press('Enter');
    await waitForStep(el, 'signed-in');
  });

  it('fields in error carry aria-invalid and are described by the message', async () => {
    const { el, events } = await mount({ server: origin });
    await waitForStep(el, 'password');
    expect(input(el, 'username')!.hasAttribute('aria-invalid')).to.equal(false);
    await typeAndEnter('alice', 'not the password');
    await errorEvent(events, 'invalid_credentials');
    await el.updateComplete;
    for (const name of ['username', 'password']) {
      const field = input(el, name)!;
      expect(field.getAttribute('aria-invalid')).to.equal('true');
      const described = document.getElementById(field.getAttribute('aria-describedby') ?? '');
      expect(text(described)).to.equal('Wrong username or password.');
      expect(el.contains(described)).to.equal(true);
    }
    // Shown once: the describing copy is visually hidden.
    expect(text(status(el))).to.equal('Wrong username or password.');
    // With the server's request id as a reference for support, the same the event carries.
    const detail = eventsOf(events, 'ipsafezone-error')[0]!.detail;
    expect(detail.requestId).to.be.a('string').and.not.equal('');
    expect(text(shadow(el).querySelector('[part~=reference]'))).to.equal(
      `Reference: ${detail.requestId}`,
    );
    const copy = el.querySelector('.ipsz-error')!;
    expect(copy.getBoundingClientRect().width).to.be.at.most(1);
    await expect(el).to.be.accessible();
  });

  it('2FA: a user name typed as SecSign ID is told an administrator must assign one, and where help is', async () => {
    await control('reset', { inside: false });
    const { el, events } = await mount({ server: origin });
    el.setAttribute('help-href', 'mailto:it-help@example.com');
    await waitForStep(el, 'secsign-id');
    await typeAndEnter('carol');
    await errorEvent(events, 'secsign_no_such_id');
    await el.updateComplete;
    expect(text(status(el))).to.equal(
      'This SecSign ID does not exist. Enter your SecSign ID, not your username; if you have none, an administrator must assign one to you.',
    );
    const help = shadow(el).querySelector<HTMLAnchorElement>('[part~=links] a')!;
    expect(text(help)).to.equal('Can’t sign in?');
    expect(help.getAttribute('href')).to.equal('mailto:it-help@example.com');
    expect(input(el, 'secSignId')!.getAttribute('aria-invalid')).to.equal('true');
  });

  it('shows the password on request, as a real checkbox', async () => {
    const { el } = await mount({ server: origin });
    await waitForStep(el, 'password');
    await type('alice');
    await press('Tab');
    await type('secret');
    expect(input(el, 'password')!.type).to.equal('password');
    await press('Tab');
    await press('Space');
    await el.updateComplete;
    expect(checkbox(el, 'show').checked).to.equal(true);
    expect(input(el, 'password')!.type).to.equal('text');
    expect(input(el, 'password')!.value).to.equal('secret');
    expect(text(checkbox(el, 'show').closest('label'))).to.equal('Show password');
    await expect(el).to.be.accessible();
  });

  it('remembers the user name only when asked to', async () => {
    const first = await mount({ server: origin });
    await waitForStep(first.el, 'password');
    expect(checkbox(first.el, 'remember').checked).to.equal(false);
    checkbox(first.el, 'remember').click();
    input(first.el, 'username')!.focus();
    await typeAndEnter('bob', PASSWORD);
    await waitForStep(first.el, 'signed-in');
    first.el.remove();

    const second = await mount({ server: origin });
    await waitForStep(second.el, 'password');
    expect(input(second.el, 'username')!.value).to.equal('bob');
    expect(checkbox(second.el, 'remember').checked).to.equal(true);
    // Unticked at the next sign-in: forgotten.
    checkbox(second.el, 'remember').click();
    input(second.el, 'password')!.focus();
    await type(PASSWORD);
    await press('Enter');
    await waitForStep(second.el, 'signed-in');
    second.el.remove();

    const third = await mount({ server: origin });
    await waitForStep(third.el, 'password');
    expect(input(third.el, 'username')!.value).to.equal('');
  });

  it('help and forgot-password links from attributes, or the page’s own slotted content', async () => {
    const { el } = await mount({ server: origin });
    el.setAttribute('help-href', 'https://help.example.com/');
    el.setAttribute('forgot-href', '/reset-password');
    await waitForStep(el, 'password');
    await el.updateComplete;
    const links = [...shadow(el).querySelectorAll<HTMLAnchorElement>('[part~=links] a')];
    expect(links.map((a) => [text(a), a.getAttribute('href')])).to.deep.equal([
      ['Forgot password?', '/reset-password'],
      ['Can’t sign in?', 'https://help.example.com/'],
    ]);
    await expect(el).to.be.accessible();
    // A javascript: address never becomes a link.
    el.setAttribute('help-href', 'javascript:alert(1)');
    await el.updateComplete;
    expect(shadow(el).querySelectorAll('[part~=links] a')).to.have.length(1);

    const own = document.createElement('a');
    own.slot = 'help';
    own.href = 'https://intranet.example.com/it';
    own.textContent = 'Call the IT desk';
    el.append(own);
    el.reload();
    await waitForStep(el, 'password');
    const slot = shadow(el).querySelector<HTMLSlotElement>('slot[name=help]')!;
    expect(slot.assignedElements()).to.deep.equal([own]);
  });
});
