/**
 * Threat: with an https issuer the provider believed the client's forwarding headers
 * (`provider.proxy = true`): a request with `X-Forwarded-Host: evil.example` got a discovery
 * document whose `jwks_uri`, `token_endpoint` and the rest named the attacker's host — a shared
 * cache keeping that answer sends every relying party's tokens and key look-ups there — and the
 * logout form posted to it. Now client-sent `Forwarded`/`X-Forwarded-Host`/`X-Forwarded-Proto`
 * never reach the provider: scheme and host come from the issuer, and discovery says how long it
 * may be cached. Runs with an https public URL, as behind a TLS-terminating proxy.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { INSIDE, PASSWORD } from '../login/fixture.js';
import {
  browse,
  jiraAuthorizationUrl,
  startOidcFixture,
  type OidcFixture,
} from '../oidc/oidc-fixture.js';

let f: OidcFixture;
before(async () => {
  f = await startOidcFixture({ publicHttps: true });
});
after(() => f.close());

const FORGED = {
  'x-forwarded-host': 'evil.example',
  'x-forwarded-proto': 'http',
  forwarded: 'host=evil.example;proto=http',
};

/** Every string in a JSON value that is an absolute URL. */
function urlsIn(value: unknown): string[] {
  if (typeof value === 'string') return /^[a-z]+:\/\//i.test(value) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(urlsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(urlsIn);
  return [];
}

test('discovery names only the issuer, whatever forwarding headers the client sends', async () => {
  const res = await f.client(INSIDE).get('/.well-known/openid-configuration', FORGED);
  assert.equal(res.status, 200);
  const urls = urlsIn(res.body);
  assert.ok(urls.length >= 6, urls.join(' '));
  for (const url of urls) assert.equal(new URL(url).origin, f.publicOrigin, url);
  for (const key of ['jwks_uri', 'token_endpoint', 'authorization_endpoint', 'userinfo_endpoint'])
    assert.ok(urls.includes(res.body[key]), key);
  assert.match(res.headers.get('cache-control') ?? '', /max-age=\d+/);
});

test('the sign-in redirects and the logout form name only the issuer', async () => {
  const browser = f.client(INSIDE);
  const req = jiraAuthorizationUrl(f.rp);
  const auth = await browser.get(req.url.pathname + req.url.search, FORGED);
  assert.equal(auth.status, 303);
  const to = new URL(auth.headers.get('location')!, f.publicOrigin);
  assert.equal(to.origin, f.publicOrigin, to.href);
  const toLogin = await browse(browser, to.pathname);
  await browser.post('/api/login/password', { username: 'alice', password: PASSWORD });
  // Back from the login page: the interaction hands the sign-in to the provider and redirects to
  // the resume URL the provider kept from the (pinned) authorization request.
  const interaction = new URL(toLogin.location).searchParams.get('return_to')!;
  const back = await browser.get(interaction, FORGED);
  assert.equal(back.status, 303);
  const resume = new URL(back.headers.get('location')!, f.publicOrigin);
  assert.equal(resume.origin, f.publicOrigin, resume.href);

  const end = await browser.get('/oidc/session/end', { ...FORGED, accept: 'text/html' });
  assert.equal(end.status, 200);
  const action = /<form[^>]* action="([^"]+)"/.exec(String(end.body))?.[1];
  assert.ok(action, String(end.body));
  assert.equal(new URL(action, f.publicOrigin).origin, f.publicOrigin, action);
});

test('discovery advertises no pushed authorization request endpoint', async () => {
  const res = await f.client(INSIDE).get('/.well-known/openid-configuration');
  assert.equal(res.body.pushed_authorization_request_endpoint, undefined);
});
