/**
 * The provider's records — authorization codes, access tokens, grants, interactions, its sessions —
 * are kept in `oidc_store` under the SHA-256 of their id (as our own sessions are), and the id is
 * not left inside the stored payload either: a read of the database (a backup, a copy of the file)
 * yields no live access token or code. Every look-up the library makes still works: by id (code
 * exchange, userinfo, revocation), by uid (the provider's session behind an interaction), by grant
 * (a replayed code revokes what its grant issued).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as client from 'openid-client';
import { INSIDE, PASSWORD } from '../login/fixture.js';
import {
  browse,
  JIRA_CALLBACK,
  jiraAuthorizationUrl,
  startOidcFixture,
  type OidcFixture,
} from './oidc-fixture.js';

let f: OidcFixture;
before(async () => {
  f = await startOidcFixture();
});
after(() => f.close());

/** Everything `oidc_store` holds, as text. */
async function storeDump(): Promise<string> {
  const rs = await f.db.execute('SELECT * FROM oidc_store');
  return JSON.stringify(rs.rows);
}

test('no code, access token or interaction id can be read from the database', async () => {
  const browser = f.client(INSIDE);
  const req = jiraAuthorizationUrl(f.rp);
  const toLogin = await browse(browser, req.url);
  const interaction = new URL(toLogin.location).searchParams.get('return_to')!;
  const uid = interaction.split('/').at(-1)!;
  await browser.post('/api/login/password', { username: 'alice', password: PASSWORD });
  const cb = await browse(browser, interaction);
  assert.ok(cb.location.startsWith(JIRA_CALLBACK));
  const code = new URL(cb.location).searchParams.get('code')!;
  assert.ok(code.length >= 20);
  const before = await storeDump();
  assert.ok(!before.includes(code), 'the authorization code is not stored in clear');
  assert.ok(!before.includes(uid), 'the interaction id is not stored in clear');

  const tokens = await client.authorizationCodeGrant(f.rp, new URL(cb.location), {
    expectedState: req.state,
    expectedNonce: req.nonce,
  });
  const after = await storeDump();
  assert.ok(!after.includes(tokens.access_token), 'the access token is not stored in clear');
  assert.ok(!after.includes(code));

  // Look-ups by id: userinfo finds the access token; revocation finds and removes it.
  const sub = tokens.claims()!.sub;
  assert.equal(
    (await client.fetchUserInfo(f.rp, tokens.access_token, sub)).preferred_username,
    'alice',
  );
  await client.tokenRevocation(f.rp, tokens.access_token);
  await assert.rejects(client.fetchUserInfo(f.rp, tokens.access_token, sub));
});

test('look-ups by uid and by grant still work', async () => {
  const browser = f.client(INSIDE);
  const first = jiraAuthorizationUrl(f.rp);
  const toLogin = await browse(browser, first.url);
  await browser.post('/api/login/password', { username: 'bob', password: PASSWORD });
  await browse(browser, new URL(toLogin.location).searchParams.get('return_to')!);

  // A second authorization in the same browser: the interaction finds the provider's session by
  // its uid and signs in without the login page.
  const second = jiraAuthorizationUrl(f.rp);
  const cb = await browse(browser, second.url);
  assert.ok(cb.location.startsWith(JIRA_CALLBACK), cb.location);
  const tokens = await client.authorizationCodeGrant(f.rp, new URL(cb.location), {
    expectedState: second.state,
    expectedNonce: second.nonce,
  });
  const sub = tokens.claims()!.sub;
  assert.equal(
    (await client.fetchUserInfo(f.rp, tokens.access_token, sub)).preferred_username,
    'bob',
  );

  // A replayed code is refused and revokes its grant: the access token it gave stops working.
  await assert.rejects(
    client.authorizationCodeGrant(f.rp, new URL(cb.location), {
      expectedState: second.state,
      expectedNonce: second.nonce,
    }),
    (err: any) => err.error === 'invalid_grant',
  );
  await assert.rejects(client.fetchUserInfo(f.rp, tokens.access_token, sub));
});
