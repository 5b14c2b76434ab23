/**
 * OpenID Connect after a passkey sign-in: the ID token's `amr` carries what RFC 8176 names for a
 * passkey with user verification — `hwk` (proof of a hardware-secured key) and `user` (user
 * presence and verification) — plus `mfa`, since the passkey alone is multi-factor; the `acr` says
 * the second-factor requirement was met. From outside, through the login page's passkey step.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import * as client from 'openid-client';
import { INSIDE, OUTSIDE } from '../login/fixture.js';
import { authenticator, enrol, passkeySignIn } from '../login/passkey-fixture.js';
import {
  browse,
  jiraAuthorizationUrl,
  startOidcFixture,
  type OidcFixture,
} from './oidc-fixture.js';

let f: OidcFixture;
before(async () => {
  f = await startOidcFixture();
});
after(() => f.close());

it('a passkey sign-in from outside gives amr hwk, user, mfa', async () => {
  const key = authenticator(f);
  assert.equal((await enrol(await f.signIn('carol', INSIDE), key)).status, 201);
  const browser = f.client(OUTSIDE);
  const req = jiraAuthorizationUrl(f.rp);
  const toLogin = await browse(browser, req.url);
  const back = new URL(toLogin.location).searchParams.get('return_to');
  assert.match(back ?? '', /^\/oidc\/interaction\//);
  assert.equal((await passkeySignIn(browser, key)).status, 200);
  const cb = await browse(browser, back!);
  const tokens = await client.authorizationCodeGrant(f.rp, new URL(cb.location), {
    expectedState: req.state,
    expectedNonce: req.nonce,
  });
  const claims = tokens.claims()!;
  assert.equal(claims.preferred_username, 'carol');
  assert.deepEqual(claims.amr, ['hwk', 'user', 'mfa']);
  assert.equal(claims.acr, 'urn:ipsafezone:acr:second-factor');
});
