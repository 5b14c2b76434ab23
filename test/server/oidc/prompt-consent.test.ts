/**
 * `prompt=consent` (OpenID Connect Core 3.1.2.1): ipsafezone has no consent screen — its relying
 * parties are the organisation's own — so the sign-in the interaction hands back is also the
 * consent. Without that the library asked for consent again after every interaction, and the
 * browser went round between `/oidc/auth` and the interaction until it gave up (too many
 * redirects). The policy still decides: from outside, a password session is sent to the login page.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as client from 'openid-client';
import { OUTSIDE } from '../login/fixture.js';
import {
  browse,
  JIRA_CALLBACK,
  jiraAuthorizationUrl,
  passwordOnLoginPage,
  returnTo,
  signInInside,
  oidcFixturePerFile,
} from './oidc-fixture.js';

const fixture = oidcFixturePerFile();

test('prompt=consent with a session that satisfies the policy issues a code', async () => {
  const f = fixture();
  const first = await signInInside(f);
  for (const prompt of ['consent', 'login consent']) {
    f.clock.advance(1_000); // the session is older than this request
    const req = jiraAuthorizationUrl(f.rp, { prompt });
    let reached = await browse(first.browser, req.url);
    if (prompt === 'login consent') {
      // a fresh sign-in first; the consent is the sign-in's
      assert.equal(new URL(reached.location).pathname, '/login');
      await passwordOnLoginPage(first.browser);
      reached = await browse(first.browser, returnTo(reached.location));
    }
    assert.ok(reached.location.startsWith(JIRA_CALLBACK), `${prompt}: ${reached.location}`);
    const tokens = await client.authorizationCodeGrant(f.rp, new URL(reached.location), {
      expectedState: req.state,
      expectedNonce: req.nonce,
    });
    assert.equal(tokens.claims()!.preferred_username, 'alice');
  }
});

test('prompt=consent from outside with a password session goes to the login page', async () => {
  const f = fixture();
  const first = await signInInside(f);
  first.browser.setAddress(OUTSIDE);
  const req = jiraAuthorizationUrl(f.rp, { prompt: 'consent' });
  const toLogin = await browse(first.browser, req.url);
  assert.equal(new URL(toLogin.location).pathname, '/login');
});
