/**
 * Browser tests of `<ipsafezone-admin>` and `<ipsafezone-profile>` in Chromium against the real
 * backend (the shared harness): sections' main paths and refusals from the seed's rules, as an
 * administrator and as a plain user, who reaches no admin data.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { control, PASSWORD } from '../support/browser-control.js';
import '../../admin/ipsafezone-admin.js';
import '../../admin/ipsafezone-profile.js';
import { resetAdmin } from './admin-helpers.js';

async function signIn(origin: string, username: string) {
  const res = await fetch(`${origin}/api/login/password`, {
    method: 'POST',
    credentials: 'include',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  expect(res.status).to.equal(200);
}

/** The shadow root of the section element inside the admin element. */
function section(el: HTMLElement, tag: string): ShadowRoot | null {
  return el.shadowRoot!.querySelector(tag)?.shadowRoot ?? null;
}

/** The admin element as alice, on `name`'s section, once `ready` (a selector) is in it. */
async function openSection(origin: string, name: string, ready: string) {
  const el = await fixture<HTMLElement>(
    html`<ipsafezone-admin server=${origin} username="alice"></ipsafezone-admin>`,
  );
  (el.shadowRoot!.querySelector(`[data-section=${name}]`) as HTMLButtonElement).click();
  await waitUntil(() => section(el, `ipsz-${name}-section`)?.querySelector(ready));
  return { el, root: section(el, `ipsz-${name}-section`)! };
}

/** The users section with `username` opened for editing. */
async function openUser(origin: string, username: string) {
  const opened = await openSection(origin, 'users', `[data-user=${username}]`);
  (opened.root.querySelector(`[data-user=${username}] button`) as HTMLButtonElement).click();
  return opened;
}

describe('<ipsafezone-admin> as an administrator', () => {
  let origin: string;
  beforeEach(async () => {
    ({ origin } = await resetAdmin({}));
    await signIn(origin, 'alice');
    window.location.hash = '';
  });

  it('lists the users with their SecSign IDs', async () => {
    const { root } = await openSection(origin, 'users', '[data-user=bob]');
    const row = root.querySelector('[data-user=bob]')!;
    expect(row.textContent).to.contain('bob.sec');
  });

  it('refuses a SecSign ID that another user has, at the field', async () => {
    const { root } = await openUser(origin, 'carol');
    await waitUntil(() => root.querySelector('form[aria-label="SecSign ID"]'));
    const form = root.querySelector('form[aria-label="SecSign ID"]') as HTMLFormElement;
    (form.querySelector('input[name=secSignId]') as HTMLInputElement).value = 'bob.sec';
    form.requestSubmit();
    await waitUntil(() => root.querySelector('#secSignId-err')?.textContent?.trim());
    expect(root.querySelector('#secSignId-err')!.textContent).to.contain('already');
  });

  it("shows a user's second factors, and resetting them empties the list", async () => {
    await control('totp', { username: 'carol' });
    const { el, root } = await openUser(origin, 'carol');
    await waitUntil(() => root.querySelector('[data-user-factors] li'));
    const list = () => root.querySelector('[data-user-factors]')!.textContent!.replace(/\s+/g, ' ');
    expect(list()).to.match(/Authenticator app “[^”]+” — added .+, not used yet/);
    await expect(el).to.be.accessible();
    (root.querySelector('[data-reset-factors]') as HTMLButtonElement).click();
    await waitUntil(() => root.querySelector('[data-confirm-reset]'));
    (root.querySelector('[data-confirm-reset]') as HTMLButtonElement).click();
    await waitUntil(() => list().includes('No authenticator app, passkey or recovery codes'));
    expect(list()).to.not.contain('Authenticator app “');
  });

  it('checks ranges while typing and shows the error under the range', async () => {
    const { root } = await openSection(origin, 'zones', '[data-zone=Office]');
    (root.querySelector('button.primary') as HTMLButtonElement).click();
    await waitUntil(() => root.querySelector('input[name=range]'));
    const input = root.querySelector('input[name=range]') as HTMLInputElement;
    input.value = '10.0.0.1/8';
    input.dispatchEvent(new Event('input'));
    await waitUntil(() => root.querySelector('#range-err-0')?.textContent?.trim());
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    input.value = '0.0.0.0/0';
    input.dispatchEvent(new Event('input'));
    await waitUntil(() => root.querySelector('input[name=force]'));
  });
});

describe('as a plain user', () => {
  it('gets no admin data from the API, and the profile works', async () => {
    const { origin } = await resetAdmin({});
    await signIn(origin, 'bob');
    for (const path of ['/api/admin/users', '/api/admin/zones', '/api/admin/audit']) {
      const res = await fetch(origin + path, { credentials: 'include' });
      expect(res.status, path).to.equal(403);
    }
    const el = await fixture<HTMLElement>(
      html`<ipsafezone-profile server=${origin} username="bob"></ipsafezone-profile>`,
    );
    await waitUntil(() => el.shadowRoot!.querySelector('[data-secsign-id]'));
    expect(el.shadowRoot!.querySelector('[data-secsign-id]')!.textContent).to.contain('bob.sec');
    expect(el.shadowRoot!.querySelector('[data-id-locked]')).to.not.equal(null);
  });
});
