/**
 * An ipsafezone session that once satisfied the policy outside, after what it proved has been taken
 * away: an administrator removes the user's SecSign ID (a lost phone) — the user's sessions end
 * with it, so the next OpenID Connect sign-in from outside asks again instead of issuing a code on
 * the old proof. And `login_hint` naming another user selects nobody: the code is for the user the
 * session belongs to (the hint only prefills the login page). These held; nothing tested them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as client from 'openid-client';
import { findUserByUsername } from '../../../server/store/users.js';
import { INSIDE, OUTSIDE } from '../login/fixture.js';
import {
  browse,
  JIRA_CALLBACK,
  jiraAuthorizationUrl,
  oidcFixturePerFile,
  secSignOnLoginPage,
} from './oidc-fixture.js';

const fixture = oidcFixturePerFile();

test('a SecSign ID removed by an administrator: the next sign-in from outside asks again', async () => {
  const f = fixture();
  const browser = f.client(OUTSIDE);
  await secSignOnLoginPage(f, browser, 'bob.sec');
  const before = await browse(browser, jiraAuthorizationUrl(f.rp).url);
  assert.ok(before.location.startsWith(JIRA_CALLBACK), 'the SecSign ID session counts outside');

  const admin = await f.signIn('alice', INSIDE);
  const bob = await findUserByUsername(f.db, 'bob');
  const removed = await admin.request('DELETE', `/api/admin/users/${bob!.id}/secsign-id`);
  assert.equal(removed.status, 200, JSON.stringify(removed.body));

  const after = await browse(browser, jiraAuthorizationUrl(f.rp).url);
  assert.equal(new URL(after.location).pathname, '/login');
  assert.equal((await browser.get('/api/verify')).status, 401);
});

test('login_hint naming another user gets a code for the signed-in user, not for them', async () => {
  const f = fixture();
  const browser = await f.signIn('carol', INSIDE);
  const req = jiraAuthorizationUrl(f.rp, { login_hint: 'alice' });
  const cb = await browse(browser, req.url);
  const tokens = await client.authorizationCodeGrant(f.rp, new URL(cb.location), {
    expectedState: req.state,
    expectedNonce: req.nonce,
  });
  assert.equal(tokens.claims()!.preferred_username, 'carol');
});
