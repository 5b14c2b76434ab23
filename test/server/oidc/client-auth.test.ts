/**
 * Client authentication at the token endpoint, as a second registered client or an outsider would
 * try it. RFC 6749 2.3.1: with client_secret_basic the id and the secret are form-encoded before
 * base64, so a secret with `:`, `%`, `+`, `/`, `&`, `=` works for a relying party that encodes
 * (openid-client does, as Jira's Nimbus does). A secret is `*VSCHAR` (RFC 6749 appendix A.2:
 * printable ASCII): the library refuses any other character in the header, so such a secret is
 * refused when it is set — before, it was stored and the client could never sign anyone in. An
 * unknown client and a wrong secret get the same answer, and a code is only redeemed by the client
 * it was issued to.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as client from 'openid-client';
import { addOidcClient, rotateOidcClientSecret } from '../../../server/oidc/clients.js';
import {
  browse,
  JIRA_CALLBACK,
  jiraAuthorizationUrl,
  oidcFixturePerFile,
  signInInside,
} from './oidc-fixture.js';

const fixture = oidcFixturePerFile();

/** A token request with this Authorization header for a code nobody has. */
async function tokenRequestAs(authorization: string) {
  const res = await fetch(`${fixture().origin}/oidc/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: 'no-such-code',
      redirect_uri: JIRA_CALLBACK,
    }),
  });
  return { status: res.status, body: await res.text() };
}

const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

test('a secret with reserved characters works with client_secret_basic, form-encoded', async () => {
  const f = fixture();
  const secret = `pa:ss%w+rd/&=?${'x'.repeat(30)}`;
  await addOidcClient(f.db, f.clock, {
    clientId: 'wiki.example_1',
    name: 'Wiki',
    redirectUris: [JIRA_CALLBACK],
    secret,
  });
  const rp = await f.rpWith('wiki.example_1', secret);
  const browser = await f.signIn('alice');
  const { url, state, nonce } = jiraAuthorizationUrl(rp);
  const cb = await browse(browser, url);
  const tokens = await client.authorizationCodeGrant(rp, new URL(cb.location), {
    expectedState: state,
    expectedNonce: nonce,
  });
  assert.equal(tokens.claims()!.aud, 'wiki.example_1');
});

test('a secret outside printable ASCII is refused when set, not stored unusable', async () => {
  const f = fixture();
  for (const secret of [`geheim-äöü-${'x'.repeat(30)}`, `price-€-${'x'.repeat(30)}`]) {
    await assert.rejects(
      addOidcClient(f.db, f.clock, {
        clientId: 'nonascii',
        name: 'X',
        redirectUris: [JIRA_CALLBACK],
        secret,
      }),
      (err: { status?: number; code?: string }) =>
        err.status === 422 && err.code === 'weak_client_secret',
    );
    await assert.rejects(
      rotateOidcClientSecret(f.db, f.clock, 'jira', secret),
      (err: { status?: number; code?: string }) =>
        err.status === 422 && err.code === 'weak_client_secret',
    );
  }
  // Jira's secret is unchanged.
  assert.equal((await tokenRequestAs(basic('jira', f.secret))).status, 400); // invalid_grant
});

test('an unknown client and a wrong secret get the same 401 answer', async () => {
  const unknown = await tokenRequestAs(basic('nobody', 'x'.repeat(43)));
  const wrong = await tokenRequestAs(basic('jira', 'x'.repeat(43)));
  assert.equal(unknown.status, 401);
  assert.deepEqual(unknown, wrong);
  assert.match(wrong.body, /"error":"invalid_client"/);
});

test('a code issued to one client is not redeemed by another with its own valid secret', async () => {
  const f = fixture();
  const { secret } = await addOidcClient(f.db, f.clock, {
    clientId: 'other',
    name: 'Other',
    redirectUris: [JIRA_CALLBACK],
  });
  const other = await f.rpWith('other', secret!);
  const { callback, state, nonce } = await signInInside(f);
  await assert.rejects(
    client.authorizationCodeGrant(other, callback, { expectedState: state, expectedNonce: nonce }),
    (err: { error?: string }) => err.error === 'invalid_grant',
  );
});
