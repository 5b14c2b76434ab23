/**
 * The login fixture with OpenID Connect on (a secret key), a confidential client registered like
 * Jira (client_secret_basic, its callback as the one redirect URI) and `openid-client` — a
 * certified relying party — configured exactly as Jira's OIDC client is: no PKCE, state and nonce.
 * `browse` follows the browser's redirects with a TestClient (cookies, address via X-Forwarded-For)
 * until it reaches the login page or the relying party's callback; the sign-in steps the widget
 * takes on the login page are here too. With `publicHttps` the issuer is
 * https (as behind a TLS-terminating proxy) and the relying party's requests to it go over plain
 * http to the same host and port, as that proxy would pass them on.
 */
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import * as client from 'openid-client';
import { addOidcClient } from '../../../server/oidc/clients.js';
import { AuthSessionState } from '../../../server/secsign/types.js';
import type { JsonResponse, TestClient } from '../../support/client.js';
import { INSIDE, PASSWORD, startFixture, type Fixture } from '../login/fixture.js';

export const JIRA_CALLBACK = 'https://jira.example.com/plugins/servlet/oidc/callback';
export const SECRET_KEY = 'test-secret-key-for-oidc-0123456789abcdef';

export interface OidcFixture extends Fixture {
  issuer: string;
  secret: string;
  rp: client.Configuration;
  /** A relying-party configuration with another secret (or client id). */
  rpWith(clientId: string, secret: string): Promise<client.Configuration>;
}

export async function startOidcFixture(
  options: { publicHttps?: boolean } = {},
): Promise<OidcFixture> {
  const f = await startFixture({ config: { secretKey: SECRET_KEY }, ...options });
  const { secret } = await addOidcClient(f.db, f.clock, {
    clientId: 'jira',
    name: 'Jira',
    redirectUris: [JIRA_CALLBACK],
  });
  const terminateTls: client.CustomFetch = (url, init) =>
    fetch(
      url.startsWith(f.publicOrigin) ? f.origin + url.slice(f.publicOrigin.length) : url,
      init as RequestInit,
    );
  const rpWith = (clientId: string, s: string) =>
    client.discovery(new URL(f.publicOrigin), clientId, s, client.ClientSecretBasic(s), {
      execute: [client.allowInsecureRequests],
      [client.customFetch]: terminateTls,
    });
  return {
    ...f,
    issuer: f.publicOrigin,
    secret: secret!,
    rp: await rpWith('jira', secret!),
    rpWith,
  };
}

/**
 * One fixture for a test file: started before its tests, closed after them. Call at the top level;
 * the returned function gives the fixture inside a test.
 */
export function oidcFixturePerFile(options: { publicHttps?: boolean } = {}): () => OidcFixture {
  let f: OidcFixture | undefined;
  before(async () => {
    f = await startOidcFixture(options);
  });
  after(() => f?.close());
  return () => f!;
}

/** Jira's authorization request. */
export function jiraAuthorizationUrl(
  rp: client.Configuration,
  extra: Record<string, string> = {},
): { url: URL; state: string; nonce: string } {
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(rp, {
    redirect_uri: JIRA_CALLBACK,
    scope: 'openid profile email groups',
    state,
    nonce,
    ...extra,
  });
  return { url, state, nonce };
}

export interface BrowseResult {
  /** Where the browser was sent last: the login page, the callback, or an error page. */
  location: string;
  status: number;
  body: unknown;
}

/**
 * The provider's self-submitting form (`Submitting Callback`: a POST it makes the browser send,
 * e.g. to its own logout confirmation), as a browser with JavaScript submits it: its action and
 * hidden fields, or null for any other page.
 */
function selfSubmittingForm(body: unknown): { action: URL; fields: string } | null {
  const html = String(body);
  if (!html.includes('<title>Submitting Callback</title>')) return null;
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  if (!action) return null;
  const fields = new URLSearchParams();
  for (const [, name, value] of html.matchAll(
    /<input type="hidden" name="([^"]+)" value="([^"]*)"\/>/g,
  ))
    fields.append(name!, value!);
  return { action: new URL(action.replaceAll('&amp;', '&')), fields: fields.toString() };
}

/**
 * Follows redirects (at most 10) from `start` until the login page, the callback or a non-redirect
 * — submitting the provider's self-submitting forms on the way, as a browser does.
 */
export async function browse(browser: TestClient, start: string | URL): Promise<BrowseResult> {
  let url = new URL(start, browser.origin);
  let form: { action: URL; fields: string } | null = null;
  for (let i = 0; i < 10; i++) {
    const path = url.pathname + url.search;
    const res: JsonResponse = form
      ? await browser.request('POST', path, form.fields, {
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'text/html',
        })
      : await browser.get(path, { accept: 'text/html' });
    form = res.status === 200 ? selfSubmittingForm(res.body) : null;
    if (form) {
      url = new URL(form.action.pathname + form.action.search, browser.origin);
      continue;
    }
    const loc = res.headers.get('location');
    if (res.status < 300 || res.status >= 400 || !loc)
      return { location: url.href, status: res.status, body: res.body };
    url = new URL(loc, url);
    if (url.origin === browser.pageOrigin) url = new URL(url.pathname + url.search, browser.origin);
    if (url.origin !== browser.origin || url.pathname === '/login')
      return { location: url.href, status: res.status, body: res.body };
  }
  throw new Error('too many redirects');
}

/** Signs in with the password through the API, as the widget on the login page does. */
export async function passwordOnLoginPage(browser: TestClient, username = 'alice') {
  const res = await browser.post('/api/login/password', { username, password: PASSWORD });
  assert.equal(res.body.status, 'signed_in', JSON.stringify(res.body));
}

/** SecSign ID through the API, the phone confirming, as the widget does from outside. */
export async function secSignOnLoginPage(f: Fixture, browser: TestClient, secSignId: string) {
  const start = await browser.post('/api/login/secsign', { secSignId });
  assert.equal(start.body.status, 'secsign_pending', JSON.stringify(start.body));
  f.phone(secSignId, AuthSessionState.AUTHENTICATED);
  const done = await browser.post('/api/login/secsign/status', {
    transaction: start.body.transaction,
  });
  assert.equal(done.body.status, 'signed_in', JSON.stringify(done.body));
}

/** Where the login page sends the browser back to: the interaction. */
export function returnTo(loginLocation: string): string {
  const url = new URL(loginLocation);
  assert.equal(url.pathname, '/login');
  const back = url.searchParams.get('return_to');
  assert.match(back ?? '', /^\/oidc\/interaction\/[A-Za-z0-9_-]+$/);
  return back!;
}

/**
 * Jira's whole sign-in with the password on the login page (inside by default); returns the
 * callback URL the browser reached and the request's state and nonce.
 */
export async function signInInside(
  f: OidcFixture,
  extra: Record<string, string> = {},
  browser = f.client(INSIDE),
  username = 'alice',
) {
  const req = jiraAuthorizationUrl(f.rp, extra);
  const toLogin = await browse(browser, req.url);
  await passwordOnLoginPage(browser, username);
  const callback = await browse(browser, returnTo(toLogin.location));
  assert.ok(callback.location.startsWith(JIRA_CALLBACK), callback.location);
  return { ...req, callback: new URL(callback.location), browser };
}
