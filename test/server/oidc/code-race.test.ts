/**
 * One authorization code redeemed by two token requests at the same time (RFC 6749 4.1.2: a code
 * used more than once is refused, and the tokens already issued from it revoked) — a stolen code
 * and secret racing the real client. Both requests read the code unconsumed before either marks it
 * used; the adapter lets only one `consume` go on. The other is refused — and, as for a code
 * replayed later (code-theft.test.ts), what the first got must not stay usable: its access token
 * is refused at userinfo and its grant is gone. Played twice: over HTTP with both requests in
 * flight at once (in one process on libSQL the two never interleave — each runs from reading the
 * code to consuming it without waiting on the database — on PostgreSQL they do), and step by step
 * on the adapter, in the order that left the winner's tokens live: read, read, consume, the
 * winner's access token saved, consume refused.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { libsqlAdapter } from '../../../server/oidc/adapter.js';
import {
  JIRA_CALLBACK,
  oidcFixturePerFile,
  signInInside,
  type OidcFixture,
} from './oidc-fixture.js';

const fixture = oidcFixturePerFile();

/** A token request as Jira sends it (client_secret_basic), with `params` over the code grant's. */
const redeem = (f: OidcFixture, params: Record<string, string>) =>
  fetch(`${f.origin}/oidc/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`jira:${f.secret}`).toString('base64')}`,
    },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      redirect_uri: JIRA_CALLBACK,
      ...params,
    }),
  }).then(async (res) => ({
    status: res.status,
    body: (await res.json()) as { access_token?: string; refresh_token?: string; error?: string },
  }));

test('two token requests with one code at once: the tokens either got are revoked', async () => {
  const f = fixture();
  const { callback } = await signInInside(f);
  const code = callback.searchParams.get('code')!;
  const answers = await Promise.all([redeem(f, { code }), redeem(f, { code })]);

  const issued = answers.filter((a) => a.status === 200);
  const refused = answers.filter((a) => a.status !== 200);
  assert.ok(issued.length <= 1, `at most one gets tokens: ${JSON.stringify(answers)}`);
  assert.ok(refused.length >= 1, 'the other is refused');
  for (const a of refused) assert.equal(a.body.error, 'invalid_grant', JSON.stringify(a));
  for (const a of issued) {
    const userinfo = await fetch(`${f.origin}/oidc/userinfo`, {
      headers: { authorization: `Bearer ${a.body.access_token}` },
    });
    assert.equal(userinfo.status, 401, 'the access token the winner got is revoked');
  }
});

test('read, read, consume, consume: the loser revokes the grant and what it issued', async () => {
  const f = fixture();
  const Adapter = libsqlAdapter(f.db, f.clock);
  const [codes, grants, tokens] = [
    new Adapter('AuthorizationCode'),
    new Adapter('Grant'),
    new Adapter('AccessToken'),
  ];
  await grants.upsert('grant-race', { accountId: 'sub-1', clientId: 'jira' }, 3600);
  await codes.upsert('code-race', { grantId: 'grant-race', clientId: 'jira' }, 60);

  assert.equal((await codes.find('code-race'))?.consumed, undefined, 'the winner reads it');
  assert.equal((await codes.find('code-race'))?.consumed, undefined, 'the loser reads it');
  await codes.consume('code-race');
  await tokens.upsert('token-race', { grantId: 'grant-race', clientId: 'jira' }, 3600);
  await assert.rejects(codes.consume('code-race'), (err: Error & { error?: string }) => {
    assert.equal(err.error, 'invalid_grant');
    return true;
  });

  assert.equal(await tokens.find('token-race'), undefined, 'the winner’s access token is revoked');
  // An access token the winner saves only now is refused too: the library looks its grant up
  // whenever it is used (userinfo), and the grant is gone.
  assert.equal(await grants.find('grant-race'), undefined, 'the grant is revoked');
  assert.ok(typeof (await codes.find('code-race'))?.consumed === 'number', 'the code stays used');
});

test('no refresh tokens, even asked for offline access: no rotation to race', async () => {
  const f = fixture();
  const { callback } = await signInInside(f, {
    scope: 'openid profile offline_access',
    prompt: 'consent',
  });
  const issued = await redeem(f, { code: callback.searchParams.get('code')! });
  assert.equal(issued.status, 200, JSON.stringify(issued.body));
  assert.equal(issued.body.refresh_token, undefined);
  const refresh = await redeem(f, { grant_type: 'refresh_token', refresh_token: 'x'.repeat(43) });
  assert.equal(refresh.status, 400);
  assert.equal(refresh.body.error, 'unsupported_grant_type', JSON.stringify(refresh.body));
});
