/**
 * Browser test of the admin page's OpenID Connect section against the real backend: the issuer is
 * shown, a client is added with its redirect URI, its secret is shown once (and the backend lists
 * the client without it), a new secret replaces it, and the client is removed after confirming.
 */
import { expect } from '@open-wc/testing';
import { control } from '../support/browser-control.js';
import {
  api,
  buttonByText,
  need,
  openAdmin,
  signIn,
  typeInto,
  until,
  words,
  resetAdmin,
} from './admin-helpers.js';

describe('admin OpenID Connect clients', () => {
  let origin: string;
  beforeEach(async () => {
    ({ origin } = await resetAdmin({}));
    await signIn(origin, 'alice');
  });

  it('adds a client (secret shown once), makes a new secret and removes it', async () => {
    // 'oidc' is a section of <ipsafezone-admin>; the helper's type lists the older ones.
    const { root } = await openAdmin(origin, 'oidc' as never, 'ipsz-oidc-clients-section');
    // The issuer is the backend's public URL (the page itself is served by the test's dev server).
    const { origin: backend } = await control('backend', {});
    await until(() => need(root, '[data-field=issuer]').textContent === backend, 'issuer shown');

    buttonByText(root, 'Add a client')!.click();
    const form = await until(
      () => root.querySelector<HTMLFormElement>('form[aria-label="Add a client"]'),
      'the new-client form',
    );
    typeInto(need(form, 'input[name=clientId]'), 'jira');
    typeInto(need(form, 'input[name=name]'), 'Jira');
    typeInto(
      need<HTMLInputElement>(form, 'textarea[name=redirectUris]'),
      'https://jira.example.com/plugins/servlet/oidc/callback\n',
    );
    buttonByText(form, 'Add')!.click();
    const row = await until(() => root.querySelector('[data-client=jira]'), 'jira listed');
    expect(words(row)).to.contain('https://jira.example.com/plugins/servlet/oidc/callback');
    const shown = need(root, '[data-field=secret] code').textContent!;
    expect(shown).to.match(/^[A-Za-z0-9_-]{43}$/);
    const listed = await api(origin, 'GET', '/api/admin/oidc/clients');
    expect(listed.body.clients.map((c: { clientId: string }) => c.clientId)).to.deep.equal([
      'jira',
    ]);
    expect(JSON.stringify(listed.body)).not.to.contain(shown);

    (await until(() => buttonByText(row, 'New secret'), 'the new-secret button')).click();
    await until(
      () => root.querySelector('[data-field=secret] code')?.textContent !== shown,
      'a new secret shown',
    );

    (
      await until(() => buttonByText(root.querySelector('[data-client=jira]')!, 'Remove'), 'Remove')
    ).click();
    (await until(() => buttonByText(root, 'Yes, remove'), 'the confirmation')).click();
    await until(() => !root.querySelector('[data-client=jira]'), 'jira gone');
    expect((await api(origin, 'GET', '/api/admin/oidc/clients')).body.clients).to.deep.equal([]);
  });
});
