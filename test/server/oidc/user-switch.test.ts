/**
 * Another user on the same browser — a shared computer: Alice signed in to Jira through ipsafezone,
 * signed out of ipsafezone, and Bob signs in. The provider's own session cookie still names Alice.
 * The library answers such a switch by making the browser post its logout confirmation ("yes, sign
 * out") before signing Bob in — and that confirmation ended the ipsafezone session Bob had just
 * signed in with (audited as Bob's `oidc.logout`), after which the sign-in itself ended on "interaction
 * session not found". Bob must get Jira, as Bob, and keep his ipsafezone session.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as client from 'openid-client';
import { listAudit } from '../../../server/store/audit.js';
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

test('the next user on the same browser gets their own tokens and keeps their session', async () => {
  const f = fixture();
  const alice = await signInInside(f);
  await client.authorizationCodeGrant(f.rp, alice.callback, {
    expectedState: alice.state,
    expectedNonce: alice.nonce,
  });
  const browser = alice.browser;
  assert.equal((await browser.post('/api/logout')).status, 200);

  const req = jiraAuthorizationUrl(f.rp);
  const toLogin = await browse(browser, req.url);
  await passwordOnLoginPage(browser, 'bob');
  const cb = await browse(browser, returnTo(toLogin.location));
  assert.ok(
    cb.location.startsWith(JIRA_CALLBACK),
    `${cb.status} ${cb.location} ${String(cb.body)}`,
  );
  const tokens = await client.authorizationCodeGrant(f.rp, new URL(cb.location), {
    expectedState: req.state,
    expectedNonce: req.nonce,
  });
  assert.equal(tokens.claims()!.preferred_username, 'bob');

  assert.equal((await browser.get('/api/verify')).status, 200, "Bob's session is still on");
  const { entries } = await listAudit(f.db, { action: 'oidc.logout', limit: 10 });
  assert.deepEqual(entries, [], 'nobody signed out');
});
