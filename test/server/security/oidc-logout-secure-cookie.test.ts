/**
 * Threat: "Sign out" in Jira leaves the ipsafezone session alive on every https deployment. The
 * OIDC end-session handler read only the cookie `ipsafezone_session`, while wherever the cookie is
 * Secure it is named `__Host-ipsafezone_session` — so after signing out `/api/verify` still said
 * 200 and the next OIDC sign-in was granted without asking: on a shared computer the next person
 * was the previous user. And the audit said `oidc.logout signed_out` although nothing was revoked.
 * Now the cookie is found by its configured name, the session revoked before the answer leaves,
 * the cookie cleared, and the audit tells `signed_out` from `no_session` and `stayed_signed_in`.
 * Runs with an https public URL (Secure cookies), as behind a TLS-terminating proxy.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as client from 'openid-client';
import { listAudit } from '../../../server/store/audit.js';
import { SECURE_SESSION_COOKIE } from '../../../server/login/cookies.js';
import type { TestClient } from '../../support/client.js';
import { INSIDE, PASSWORD } from '../login/fixture.js';
import {
  browse,
  JIRA_CALLBACK,
  jiraAuthorizationUrl,
  startOidcFixture,
  type OidcFixture,
} from '../oidc/oidc-fixture.js';

let f: OidcFixture;
before(async () => {
  f = await startOidcFixture({ publicHttps: true });
});
after(() => f.close());

/** Signs in to Jira through ipsafezone; returns the browser and the ID token Jira got. */
async function signInToJira(): Promise<{ browser: TestClient; idToken: string }> {
  const browser = f.client(INSIDE);
  const req = jiraAuthorizationUrl(f.rp);
  const toLogin = await browse(browser, req.url);
  const login = await browser.post('/api/login/password', {
    username: 'alice',
    password: PASSWORD,
  });
  assert.equal(login.body.status, 'signed_in');
  assert.ok(browser.cookie(SECURE_SESSION_COOKIE), 'the session cookie is the __Host- one');
  const cb = await browse(browser, new URL(toLogin.location).searchParams.get('return_to')!);
  assert.ok(cb.location.startsWith(JIRA_CALLBACK), cb.location);
  const tokens = await client.authorizationCodeGrant(f.rp, new URL(cb.location), {
    expectedState: req.state,
    expectedNonce: req.nonce,
  });
  return { browser, idToken: tokens.id_token! };
}

/** Jira's "Sign out": the end-session page, then its form with the given button. */
async function signOutOfJira(browser: TestClient, idToken: string, everywhere: boolean) {
  const end = client.buildEndSessionUrl(f.rp, { id_token_hint: idToken });
  const confirm = await browser.get(end.pathname + end.search, { accept: 'text/html' });
  assert.equal(confirm.status, 200);
  const xsrf = /name="xsrf" value="([^"]+)"/.exec(String(confirm.body))?.[1];
  assert.ok(xsrf);
  return browser.request(
    'POST',
    '/oidc/session/end/confirm',
    `xsrf=${xsrf}${everywhere ? '&logout=yes' : ''}`,
    { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
  );
}

async function logoutOutcomes(): Promise<string[]> {
  const { entries } = await listAudit(f.db, { action: 'oidc.logout', limit: 100 });
  return entries.map((e) => e.outcome ?? '').reverse();
}

test('"Yes, sign me out" ends the ipsafezone session: verify refuses, the next sign-in asks again', async () => {
  const { browser, idToken } = await signInToJira();
  const verify = await browser.get('/api/verify');
  assert.equal(verify.status, 200);
  const before = await logoutOutcomes();

  const done = await signOutOfJira(browser, idToken, true);
  assert.equal(done.status, 303);
  const cleared = done.headers
    .getSetCookie()
    .find((c) => c.startsWith(`${SECURE_SESSION_COOKIE}=`));
  assert.ok(cleared, 'the answer clears the session cookie');
  assert.match(cleared, /Max-Age=0/i);
  assert.match(cleared, /Secure/);

  const after = await browser.get('/api/verify');
  assert.notEqual(after.status, 200, 'verify must refuse after the sign-out');
  const req = jiraAuthorizationUrl(f.rp);
  const next = await browse(browser, req.url);
  assert.equal(new URL(next.location).pathname, '/login', 'the next OIDC sign-in asks again');
  assert.deepEqual((await logoutOutcomes()).slice(before.length), ['signed_out']);
});

test('the revoked session stays revoked for a browser that kept the cookie', async () => {
  const { browser, idToken } = await signInToJira();
  const token = browser.cookie(SECURE_SESSION_COOKIE)!;
  assert.equal((await signOutOfJira(browser, idToken, true)).status, 303);
  const verify = await f.client(INSIDE).get('/api/verify', {
    cookie: `${SECURE_SESSION_COOKIE}=${token}`,
  });
  assert.equal(verify.status, 401);
});

test('without an ipsafezone session the audit says no_session; "No" says stayed_signed_in', async () => {
  const first = await signInToJira();
  await first.browser.post('/api/logout');
  const before = await logoutOutcomes();
  assert.equal((await signOutOfJira(first.browser, first.idToken, true)).status, 303);

  const second = await signInToJira();
  const done = await signOutOfJira(second.browser, second.idToken, false);
  assert.equal(done.status, 303);
  assert.equal((await second.browser.get('/api/verify')).status, 200, '"No" keeps the session');
  assert.deepEqual((await logoutOutcomes()).slice(before.length), [
    'no_session',
    'stayed_signed_in',
  ]);
});
