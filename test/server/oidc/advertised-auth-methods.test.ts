/**
 * Discovery advertises only what works. It listed `private_key_jwt` (and signing algorithms for
 * client assertions), which no client can use: clients are registered with a secret or as public,
 * never with keys. Each token endpoint authentication method discovery names is used here by a
 * certified relying party (`openid-client`) through a whole sign-in; nothing else is named.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as client from 'openid-client';
import { addOidcClient } from '../../../server/oidc/clients.js';
import { INSIDE, PASSWORD } from '../login/fixture.js';
import { browse, JIRA_CALLBACK, startOidcFixture, type OidcFixture } from './oidc-fixture.js';

let f: OidcFixture;
before(async () => {
  f = await startOidcFixture();
});
after(() => f.close());

const discovery = async () =>
  (await f.client(INSIDE).get('/.well-known/openid-configuration')).body;

/** A whole inside sign-in with `rp`; returns the access token. */
async function signIn(rp: client.Configuration, redirect: string, pkce: boolean) {
  const verifier = client.randomPKCECodeVerifier();
  const url = client.buildAuthorizationUrl(rp, {
    redirect_uri: redirect,
    scope: 'openid',
    state: 'st',
    ...(pkce
      ? {
          code_challenge: await client.calculatePKCECodeChallenge(verifier),
          code_challenge_method: 'S256',
        }
      : {}),
  });
  const browser = f.client(INSIDE);
  const toLogin = await browse(browser, url);
  await browser.post('/api/login/password', { username: 'bob', password: PASSWORD });
  const cb = await browse(browser, new URL(toLogin.location).searchParams.get('return_to')!);
  const tokens = await client.authorizationCodeGrant(rp, new URL(cb.location), {
    expectedState: 'st',
    ...(pkce ? { pkceCodeVerifier: verifier } : {}),
  });
  return tokens.access_token;
}

test('discovery names exactly the client authentication methods that work', async () => {
  const doc = await discovery();
  assert.deepEqual(doc.token_endpoint_auth_methods_supported, [
    'client_secret_basic',
    'client_secret_post',
    'none',
  ]);
  assert.equal(doc.token_endpoint_auth_signing_alg_values_supported, undefined);
});

test('each advertised method signs in: client_secret_basic, client_secret_post, none + PKCE', async () => {
  const insecure = { execute: [client.allowInsecureRequests] };
  const origin = new URL(f.origin);
  const basic = f.rp;
  const post = await client.discovery(
    origin,
    'jira',
    f.secret,
    client.ClientSecretPost(f.secret),
    insecure,
  );
  const spaRedirect = 'http://127.0.0.1:9/spa/callback';
  await addOidcClient(f.db, f.clock, {
    clientId: 'spa',
    name: 'SPA',
    redirectUris: [spaRedirect],
    public: true,
  });
  const none = await client.discovery(origin, 'spa', undefined, client.None(), insecure);
  assert.ok(await signIn(basic, JIRA_CALLBACK, false));
  assert.ok(await signIn(post, JIRA_CALLBACK, false));
  assert.ok(await signIn(none, spaRedirect, true));
});
