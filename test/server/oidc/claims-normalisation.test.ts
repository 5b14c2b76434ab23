/**
 * The login finds a user by the name's key (trimmed, Unicode NFKC, lower-cased:
 * server/core/identifiers.ts), so `ALICE`, ` alice ` and full-width `ａｌｉｃｅ` sign in as alice. The
 * claims must name that same user, spelt as stored — never the name as typed, which Jira would
 * take for another account — while a look-alike with a Cyrillic `а` is another name and signs no
 * one in. This held; nothing tested it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as client from 'openid-client';
import { INSIDE, PASSWORD } from '../login/fixture.js';
import {
  browse,
  jiraAuthorizationUrl,
  oidcFixturePerFile,
  passwordOnLoginPage,
  returnTo,
} from './oidc-fixture.js';

const fixture = oidcFixturePerFile();

async function claimsAfterSignInAs(typed: string) {
  const f = fixture();
  const browser = f.client(INSIDE);
  const req = jiraAuthorizationUrl(f.rp);
  const toLogin = await browse(browser, req.url);
  await passwordOnLoginPage(browser, typed);
  const cb = await browse(browser, returnTo(toLogin.location));
  const tokens = await client.authorizationCodeGrant(f.rp, new URL(cb.location), {
    expectedState: req.state,
    expectedNonce: req.nonce,
  });
  return tokens.claims()!;
}

test('another spelling of the same name gets the stored name and the same subject', async () => {
  const alice = await claimsAfterSignInAs('alice');
  for (const typed of ['ALICE', ' alice ', 'ａｌｉｃｅ', 'Ａｌｉｃｅ']) {
    const claims = await claimsAfterSignInAs(typed);
    assert.equal(claims.preferred_username, 'alice', typed);
    assert.equal(claims.sub, alice.sub, typed);
    assert.deepEqual(claims.groups, alice.groups, typed);
  }
});

test('a look-alike name (Cyrillic а) signs no one in', async () => {
  const res = await fixture()
    .client(INSIDE)
    .post('/api/login/password', { username: '\u0430lice', password: PASSWORD });
  assert.notEqual(res.body?.status, 'signed_in', JSON.stringify(res.body));
});
