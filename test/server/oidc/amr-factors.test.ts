/**
 * The ID token's `amr` (RFC 8176) and `acr` follow the factors the session proved (issue 18):
 * password and an authenticator-app code from outside give `pwd`, `otp` and `mfa` with the
 * second-factor `acr`. Password and a recovery code satisfy the policy outside (the code stands in
 * for the lost second factor), but both are things the user knows: `pwd` and `kba`, no `mfa`, and
 * the password `acr` — a relying party that checks either can tell (issue 23).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as client from 'openid-client';
import {
  browse,
  JIRA_CALLBACK,
  jiraAuthorizationUrl,
  startOidcFixture,
  type OidcFixture,
} from './oidc-fixture.js';
import { codeAt, enrolTotp } from '../factors/helpers.js';
import { OUTSIDE, PASSWORD } from '../login/fixture.js';

let f: OidcFixture;
let secret: string;
let recovery: string[];
before(async () => {
  f = await startOidcFixture();
  const e = await enrolTotp(f, await f.signIn('carol'));
  secret = e.secret;
  recovery = e.recoveryCodes!;
});
after(() => f.close());

async function amrAfter(factor: 'totp' | 'recovery_code', code: () => string) {
  const browser = f.client(OUTSIDE);
  const req = jiraAuthorizationUrl(f.rp);
  const toLogin = await browse(browser, req.url);
  const back = new URL(toLogin.location).searchParams.get('return_to')!;
  // Outside in 2FA: the password and the code in one step.
  const done = await browser.post('/api/login/password', {
    username: 'carol',
    password: PASSWORD,
    second: { factor, code: code() },
  });
  assert.equal(done.body.status, 'signed_in', JSON.stringify(done.body));
  const cb = await browse(browser, back);
  assert.ok(cb.location.startsWith(JIRA_CALLBACK), cb.location);
  const tokens = await client.authorizationCodeGrant(f.rp, new URL(cb.location), {
    expectedState: req.state,
    expectedNonce: req.nonce,
  });
  return tokens.claims()!;
}

test('password + authenticator code from outside: amr pwd, otp, mfa; second-factor acr', async () => {
  const claims = await amrAfter('totp', () => codeAt(secret, f.clock.now()));
  assert.deepEqual(claims.amr, ['pwd', 'otp', 'mfa']);
  assert.equal(claims.acr, 'urn:ipsafezone:acr:second-factor');
  assert.equal(claims.preferred_username, 'carol');
});

test('password + recovery code from outside: amr pwd, kba — no mfa, password acr', async () => {
  const claims = await amrAfter('recovery_code', () => recovery[0]!);
  assert.deepEqual(claims.amr, ['pwd', 'kba']);
  assert.equal(claims.acr, 'urn:ipsafezone:acr:password');
});
