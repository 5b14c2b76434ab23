/**
 * What someone who wants another user's authorization code can try (RFC 6749 10.5, 10.6; RFC 9700
 * 4.1): a redirect URI that only looks like the registered one — each spelling is refused on our
 * own page, never redirected to; a code issued for one registered redirect URI of a client redeemed
 * with another; a code used twice — refused, and the tokens issued from its first use revoked. And
 * `state` and `nonce`, which bind the answer to the relying party's request, come back unchanged.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as client from 'openid-client';
import { addOidcClient } from '../../../server/oidc/clients.js';
import { INSIDE } from '../login/fixture.js';
import {
  browse,
  JIRA_CALLBACK,
  jiraAuthorizationUrl,
  oidcFixturePerFile,
  signInInside,
} from './oidc-fixture.js';

const fixture = oidcFixturePerFile();

/** Spellings of `https://jira.example.com/plugins/servlet/oidc/callback` that are not it. */
const LOOK_ALIKES = [
  `${JIRA_CALLBACK}/`,
  `${JIRA_CALLBACK}?`,
  `${JIRA_CALLBACK}?next=https://evil.example/`,
  `${JIRA_CALLBACK}#x`,
  `${JIRA_CALLBACK}.`,
  'https://JIRA.example.com/plugins/servlet/oidc/callback',
  'HTTPS://jira.example.com/plugins/servlet/oidc/callback',
  'https://jira.example.com/plugins/servlet/oidc/Callback',
  'https://jira.example.com./plugins/servlet/oidc/callback',
  'https://jira.example.com@evil.example/plugins/servlet/oidc/callback',
  'https://jira@jira.example.com/plugins/servlet/oidc/callback',
  'https://jira.example.com:443/plugins/servlet/oidc/callback',
  'https://jira.example.com:8443/plugins/servlet/oidc/callback',
  'http://jira.example.com/plugins/servlet/oidc/callback',
  'https://jira.example.com/plugins/servlet/oidc/%63allback',
  'https://jira.example.com/plugins/servlet/oidc%2Fcallback',
  'https://jira.example.com/x/../plugins/servlet/oidc/callback',
];

test('a redirect URI that only looks like the registered one is refused, never redirected to', async () => {
  const f = fixture();
  const browser = await f.signIn('alice', INSIDE);
  for (const uri of LOOK_ALIKES) {
    const req = jiraAuthorizationUrl(f.rp);
    req.url.searchParams.set('redirect_uri', uri);
    const res = await browser.get(req.url.pathname + req.url.search, { accept: 'text/html' });
    assert.equal(res.status, 400, uri);
    assert.equal(res.headers.get('location'), null, uri);
    assert.match(String(res.body), /invalid_redirect_uri/, uri);
  }
});

test('a code issued for one redirect URI is not redeemed with another of the same client', async () => {
  const f = fixture();
  const second = 'https://jira.example.com/other/callback';
  const { secret } = await addOidcClient(f.db, f.clock, {
    clientId: 'two-uris',
    name: 'Two',
    redirectUris: [JIRA_CALLBACK, second],
  });
  const rp = await f.rpWith('two-uris', secret!);
  const browser = await f.signIn('alice', INSIDE);
  const { url } = jiraAuthorizationUrl(rp, { redirect_uri: second });
  const cb = await browse(browser, url);
  assert.ok(cb.location.startsWith(second), cb.location);
  const code = new URL(cb.location).searchParams.get('code')!;
  const res = await fetch(`${f.origin}/oidc/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`two-uris:${secret}`).toString('base64')}`,
    },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: JIRA_CALLBACK,
    }),
  });
  assert.equal(res.status, 400);
  assert.equal(((await res.json()) as { error: string }).error, 'invalid_grant');
});

test('a code used twice: the second use is refused and the first use’s tokens revoked', async () => {
  const f = fixture();
  const { callback, state, nonce } = await signInInside(f);
  const first = await client.authorizationCodeGrant(f.rp, callback, {
    expectedState: state,
    expectedNonce: nonce,
  });
  const userinfo = () =>
    fetch(`${f.origin}/oidc/userinfo`, {
      headers: { authorization: `Bearer ${first.access_token}` },
    });
  assert.equal((await userinfo()).status, 200);
  await assert.rejects(
    client.authorizationCodeGrant(f.rp, callback, { expectedState: state, expectedNonce: nonce }),
    (err: { error?: string }) => err.error === 'invalid_grant',
  );
  assert.equal((await userinfo()).status, 401, 'the access token from the first use is revoked');
});

test('state comes back unchanged, nonce lands in the ID token unchanged', async () => {
  const f = fixture();
  const state = `a b&c=d<'"%2F€`;
  const nonce = `n+/=${'x'.repeat(20)}`;
  const { callback } = await signInInside(f, { state, nonce });
  assert.equal(callback.searchParams.get('state'), state);
  const tokens = await client.authorizationCodeGrant(f.rp, callback, {
    expectedState: state,
    expectedNonce: nonce,
  });
  assert.equal(tokens.claims()!.nonce, nonce);
});
