/**
 * RP-initiated logout as an attacker would use it: `post_logout_redirect_uri` as an open redirect
 * (only a URI registered for the client is followed, compared exactly; anything else gets our
 * error page, never a redirect), the confirmation posted from another site without its
 * anti-forgery token (refused, the session stays), and request input reflected into the provider's
 * pages (escaped, under a CSP without inline script). These held; nothing tested them before.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as client from 'openid-client';
import { addOidcClient } from '../../../server/oidc/clients.js';
import { INSIDE } from '../login/fixture.js';
import type { TestClient } from '../../support/client.js';
import { browse, jiraAuthorizationUrl, oidcFixturePerFile } from './oidc-fixture.js';

const fixture = oidcFixturePerFile();
const APP_CALLBACK = 'https://app.example.com/cb';
const APP_BYE = 'https://app.example.com/bye';
let apps = 0;

/** A browser signed in to ipsafezone and, through it, to "app"; with the ID token app got. */
async function signedInToApp(): Promise<{ browser: TestClient; idToken: string }> {
  const f = fixture();
  const clientId = `app-${++apps}`;
  const { secret } = await addOidcClient(f.db, f.clock, {
    clientId,
    name: 'App',
    redirectUris: [APP_CALLBACK],
    postLogoutRedirectUris: [APP_BYE],
  });
  const rp = await f.rpWith(clientId, secret!);
  const browser = await f.signIn('alice', INSIDE);
  const req = jiraAuthorizationUrl(rp, { redirect_uri: APP_CALLBACK });
  const cb = await browse(browser, req.url);
  const tokens = await client.authorizationCodeGrant(rp, new URL(cb.location), {
    expectedState: req.state,
    expectedNonce: req.nonce,
  });
  return { browser, idToken: tokens.id_token! };
}

test('only a registered post_logout_redirect_uri is redirected to', async () => {
  const { browser, idToken } = await signedInToApp();
  for (const uri of [
    'https://evil.example/',
    `${APP_BYE}/`,
    `${APP_BYE}?x=1`,
    'http://app.example.com/bye',
  ]) {
    const q = new URLSearchParams({ id_token_hint: idToken, post_logout_redirect_uri: uri });
    const res = await browser.get(`/oidc/session/end?${q}`, { accept: 'text/html' });
    assert.equal(res.status, 400, uri);
    assert.equal(res.headers.get('location'), null, uri);
    assert.match(String(res.body), /post_logout_redirect_uri not registered/, uri);
  }
  const q = new URLSearchParams({
    id_token_hint: idToken,
    post_logout_redirect_uri: APP_BYE,
    state: 'bye-state',
  });
  const page = await browser.get(`/oidc/session/end?${q}`, { accept: 'text/html' });
  assert.equal(page.status, 200);
  const xsrf = /name="xsrf" value="([^"]+)"/.exec(String(page.body))?.[1];
  const done = await browser.request('POST', '/oidc/session/end/confirm', `xsrf=${xsrf}`, {
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'text/html',
  });
  assert.equal(done.status, 303);
  assert.equal(done.headers.get('location'), `${APP_BYE}?state=bye-state`);
});

test('a confirmation posted from another site without the form’s token signs no one out', async () => {
  const { browser, idToken } = await signedInToApp();
  // The victim opened the sign-out page (so a logout is pending), the attacker's page posts.
  await browser.get(`/oidc/session/end?id_token_hint=${idToken}`, { accept: 'text/html' });
  for (const body of ['logout=yes', 'xsrf=guessed&logout=yes']) {
    const res = await browser.request('POST', '/oidc/session/end/confirm', body, {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'text/html',
      origin: 'https://evil.example',
    });
    assert.equal(res.status, 400, body);
    assert.match(String(res.body), /xsrf token invalid|could not find logout details/, body);
  }
  assert.equal((await browser.get('/api/verify')).status, 200, 'the session is still on');
});

test('request input on the provider’s error pages is escaped, under a CSP without inline script', async () => {
  const f = fixture();
  const browser = f.client(INSIDE);
  const attack = '<script>alert(1)</script>';
  for (const path of [
    `/oidc/session/end?client_id=${encodeURIComponent(attack)}`,
    `/oidc/session/end?id_token_hint=${encodeURIComponent(attack)}`,
    `/oidc/auth?client_id=${encodeURIComponent(attack)}&response_type=code&scope=openid`,
    `/oidc/interaction/${encodeURIComponent(attack)}`,
  ]) {
    const res = await browser.get(path, { accept: 'text/html' });
    assert.equal(res.status, 400, path);
    assert.ok(!String(res.body).includes('<script>'), path);
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'/, path);
    assert.doesNotMatch(csp, /unsafe-inline/, path);
  }
});
