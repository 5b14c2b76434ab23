/**
 * The login fixture with OpenID Connect on (a secret key), a confidential client registered like
 * Jira (client_secret_basic, its callback as the one redirect URI) and `openid-client` — a
 * certified relying party — configured exactly as Jira's OIDC client is: no PKCE, state and nonce.
 * `browse` follows the browser's redirects with a TestClient (cookies, address via X-Forwarded-For)
 * until it reaches the login page or the relying party's callback. With `publicHttps` the issuer is
 * https (as behind a TLS-terminating proxy) and the relying party's requests to it go over plain
 * http to the same host and port, as that proxy would pass them on.
 */
import * as client from 'openid-client';
import { addOidcClient } from '../../../server/oidc/clients.js';
import type { TestClient } from '../../support/client.js';
import { startFixture, type Fixture } from '../login/fixture.js';

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

/** Follows redirects (at most 10) from `start` until the login page, the callback or a non-redirect. */
export async function browse(browser: TestClient, start: string | URL): Promise<BrowseResult> {
  let url = new URL(start, browser.origin);
  for (let i = 0; i < 10; i++) {
    const res = await browser.get(url.pathname + url.search, { accept: 'text/html' });
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
