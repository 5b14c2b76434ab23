/**
 * The OpenID Connect provider over real HTTP with a certified relying party (`openid-client`)
 * configured exactly like Jira (client_secret_basic, no PKCE, state + nonce): sign-in inside with
 * the password and outside with SecSign ID through our login page, the claims Jira's JIT needs,
 * userinfo, the policy re-checked for the address of each authorization, fresh sign-in for
 * `prompt=login` and `max_age`, and the refusals (replayed code, wrong redirect URI, unknown
 * client, wrong secret) — each with the OAuth error the specs name, nothing issued, and audited.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as client from 'openid-client';
import { decodeProtectedHeader } from 'jose';
import { listAudit } from '../../../server/store/audit.js';
import { findUserByUsername } from '../../../server/store/users.js';
import { updateUser } from '../../../server/domain/users-service.js';
import { CLI_ACTOR } from '../../../server/domain/actor.js';
import { INSIDE, OUTSIDE } from '../login/fixture.js';
import {
  browse,
  JIRA_CALLBACK,
  jiraAuthorizationUrl,
  passwordOnLoginPage,
  returnTo,
  secSignOnLoginPage,
  signInInside as signInThroughJira,
  startOidcFixture,
  type OidcFixture,
} from './oidc-fixture.js';

let f: OidcFixture;
before(async () => {
  f = await startOidcFixture();
});
after(async () => {
  await f.close();
});

/** The audit entries of an action, newest first, once at least `n` are there (events are async). */
/** The newest audit entry of `action` that `wanted` accepts, once it is written (writes may lag). */
async function auditedOne(
  action: string,
  wanted: (e: { outcome: string | null; details: unknown }) => boolean,
) {
  for (let i = 0; i < 50; i++) {
    const { entries } = await listAudit(f.db, { action, limit: 100 });
    const found = entries.find(wanted);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 20));
  }
  return (await listAudit(f.db, { action, limit: 100 })).entries.find(wanted);
}

async function audited(action: string, n = 1) {
  for (let i = 0; i < 50; i++) {
    const { entries } = await listAudit(f.db, { action, limit: 100 });
    if (entries.length >= n) return entries;
    await new Promise((r) => setTimeout(r, 20));
  }
  return (await listAudit(f.db, { action, limit: 100 })).entries;
}

const signInInside = (extra: Record<string, string> = {}, browser = f.client(INSIDE)) =>
  signInThroughJira(f, extra, browser);

describe('discovery and keys', () => {
  it('publishes the issuer, the endpoints, RS256 and ES256 keys', async () => {
    const meta = f.rp.serverMetadata();
    assert.equal(meta.issuer, f.issuer);
    assert.equal(meta.authorization_endpoint, `${f.issuer}/oidc/auth`);
    assert.equal(meta.token_endpoint, `${f.issuer}/oidc/token`);
    assert.equal(meta.userinfo_endpoint, `${f.issuer}/oidc/userinfo`);
    assert.equal(meta.end_session_endpoint, `${f.issuer}/oidc/session/end`);
    assert.deepEqual(meta.id_token_signing_alg_values_supported, ['RS256', 'ES256']);
    assert.ok(meta.token_endpoint_auth_methods_supported?.includes('client_secret_basic'));
    assert.ok(meta.token_endpoint_auth_methods_supported?.includes('client_secret_post'));
    assert.ok(meta.scopes_supported?.includes('groups'));
    const jwks = await (await fetch(meta.jwks_uri!)).json();
    assert.deepEqual(jwks.keys.map((k: { alg: string }) => k.alg).sort(), ['ES256', 'RS256']);
    for (const k of jwks.keys) assert.equal(k.d, undefined, 'no private part is published');
  });

  it('stores the private keys sealed, never in clear', async () => {
    const rs = await f.db.execute('SELECT private_sealed FROM oidc_keys');
    assert.equal(rs.rows.length, 2);
    for (const row of rs.rows) {
      assert.match(String(row.private_sealed), /^v1\./);
      assert.doesNotMatch(String(row.private_sealed), /"d"/);
    }
  });
});

describe('inside the zone: password', () => {
  it('signs in through the login page and issues tokens Jira accepts', async () => {
    const { callback, state, nonce } = await signInInside({ prompt: 'login' });
    const tokens = await client.authorizationCodeGrant(f.rp, callback, {
      expectedState: state,
      expectedNonce: nonce,
    });
    const claims = tokens.claims()!;
    assert.match(claims.sub, /^[0-9a-f-]{36}$/);
    assert.equal(claims.iss, f.issuer);
    assert.equal(claims.aud, 'jira');
    assert.equal(claims.preferred_username, 'alice');
    assert.equal(claims.name, 'Alice Admin');
    assert.equal(claims.email, 'alice@example.com');
    assert.deepEqual(claims.groups, ['ipsafezone-users', 'ipsafezone-admins']);
    assert.deepEqual(claims.amr, ['pwd']);
    assert.equal(claims.acr, 'urn:ipsafezone:acr:password');
    assert.equal(typeof claims.auth_time, 'number');
    assert.equal(decodeProtectedHeader(tokens.id_token!).alg, 'RS256');

    const info = await client.fetchUserInfo(f.rp, tokens.access_token, claims.sub);
    assert.equal(info.preferred_username, 'alice');
    assert.deepEqual(info.groups, ['ipsafezone-users', 'ipsafezone-admins']);

    const granted = (await audited('oidc.authorize')).find((e) => e.outcome === 'granted')!;
    assert.equal(granted.username, 'alice');
    assert.equal(granted.clientIp, INSIDE);
    assert.equal(granted.zone, 'Office');
    assert.deepEqual(
      { client: (granted.details as any).client, factors: (granted.details as any).factors },
      { client: 'jira', factors: 'password' },
    );
  });

  it('prompt=none gets login_required, even with a session (the address needs the browser)', async () => {
    const first = await signInInside();
    const req = jiraAuthorizationUrl(f.rp, { prompt: 'none' });
    const res = await first.browser.get(req.url.pathname + req.url.search);
    const loc = new URL(res.headers.get('location')!);
    assert.equal(loc.origin + loc.pathname, JIRA_CALLBACK);
    assert.equal(loc.searchParams.get('error'), 'login_required');
    assert.equal(loc.searchParams.get('code'), null);
  });

  it('passes login_hint to the login page as the prefilled user name', async () => {
    const req = jiraAuthorizationUrl(f.rp, { login_hint: 'bob"<x>' });
    const browser = f.client(INSIDE);
    const toLogin = await browse(browser, req.url);
    const login = new URL(toLogin.location);
    assert.equal(login.searchParams.get('login_hint'), 'bob"<x>');
    const page = await browser.get(login.pathname + login.search, { accept: 'text/html' });
    assert.match(
      String(page.body),
      /<ipsafezone-login return-to="[^"]+"[^>]* username="bob&quot;&lt;x&gt;">/,
    );
  });

  it('keeps the subject when the user is renamed', async () => {
    const first = await signInInside();
    const t1 = await client.authorizationCodeGrant(f.rp, first.callback, {
      expectedState: first.state,
      expectedNonce: first.nonce,
    });
    await f.db.execute(
      "UPDATE users SET username = 'alice2', username_key = 'alice2' WHERE username = 'alice'",
    );
    try {
      const req = jiraAuthorizationUrl(f.rp);
      const cb = await browse(first.browser, req.url);
      const t2 = await client.authorizationCodeGrant(f.rp, new URL(cb.location), {
        expectedState: req.state,
        expectedNonce: req.nonce,
      });
      assert.equal(t2.claims()!.sub, t1.claims()!.sub);
      assert.equal(t2.claims()!.preferred_username, 'alice2');
    } finally {
      await f.db.execute(
        "UPDATE users SET username = 'alice', username_key = 'alice' WHERE username = 'alice2'",
      );
    }
  });

  it('without prompt=login, an existing session signs in without the login page', async () => {
    const first = await signInInside();
    const req = jiraAuthorizationUrl(f.rp);
    const cb = await browse(first.browser, req.url);
    assert.ok(cb.location.startsWith(JIRA_CALLBACK), cb.location);
  });

  it('prompt=login and max_age=0 send a signed-in user to the login page again', async () => {
    const first = await signInInside();
    f.clock.advance(1_000); // the session is now older than this request and than max_age=0
    for (const extra of [{ prompt: 'login' }, { max_age: '0' }] as Record<string, string>[]) {
      const req = jiraAuthorizationUrl(f.rp, extra);
      const again = await browse(first.browser, req.url);
      assert.equal(new URL(again.location).pathname, '/login', JSON.stringify(extra));
    }
  });
});

describe('outside the zone', () => {
  it('an inside password session does not count outside: the login page asks for SecSign ID', async () => {
    const { browser } = await signInInside();
    browser.setAddress(OUTSIDE);
    const req = jiraAuthorizationUrl(f.rp);
    const toLogin = await browse(browser, req.url);
    const back = returnTo(toLogin.location);
    const needed = (await audited('oidc.authorize')).find((e) => e.outcome === 'sign_in_needed')!;
    assert.equal(needed.clientIp, OUTSIDE);
    assert.equal(needed.required, 'second-factor');

    await secSignOnLoginPage(f, browser, 'alice.sec');
    const cb = await browse(browser, back);
    const tokens = await client.authorizationCodeGrant(f.rp, new URL(cb.location), {
      expectedState: req.state,
      expectedNonce: req.nonce,
    });
    const claims = tokens.claims()!;
    assert.equal(claims.preferred_username, 'alice');
    assert.deepEqual(claims.amr, ['swk', 'mfa']);
    assert.equal(claims.acr, 'urn:ipsafezone:acr:second-factor');
  });
});

describe('refusals', () => {
  it('a replayed code gets invalid_grant and nothing is issued', async () => {
    const { callback, state, nonce } = await signInInside();
    await client.authorizationCodeGrant(f.rp, callback, {
      expectedState: state,
      expectedNonce: nonce,
    });
    await assert.rejects(
      client.authorizationCodeGrant(f.rp, callback, { expectedState: state, expectedNonce: nonce }),
      (err: any) => err.error === 'invalid_grant',
    );
    const refused = (await audited('oidc.token')).find((e) => e.outcome === 'refused')!;
    assert.equal((refused.details as any).error, 'invalid_grant');
  });

  it('a wrong secret gets invalid_client', async () => {
    const { callback, state, nonce } = await signInInside();
    const wrong = await f.rpWith('jira', 'x'.repeat(43));
    await assert.rejects(
      client.authorizationCodeGrant(wrong, callback, {
        expectedState: state,
        expectedNonce: nonce,
      }),
      (err: any) => err.status === 401 && JSON.stringify(err.cause).includes('invalid_client'),
    );
  });

  it('an unregistered redirect URI is refused on our page, never redirected to', async () => {
    const req = jiraAuthorizationUrl(f.rp);
    req.url.searchParams.set(
      'redirect_uri',
      'https://evil.example.com/plugins/servlet/oidc/callback',
    );
    const res = await f
      .client(INSIDE)
      .get(req.url.pathname + req.url.search, { accept: 'text/html' });
    assert.equal(res.status, 400);
    assert.equal(res.headers.get('location'), null);
    assert.match(String(res.body), /invalid_redirect_uri/);
    assert.match(res.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
    assert.equal(res.headers.get('x-frame-options'), 'DENY');
    // An earlier test's refusal (login_required) is in the log too: wait for this one's.
    const refused = await auditedOne(
      'oidc.authorize',
      (e) => e.outcome === 'refused' && (e.details as any)?.error === 'invalid_redirect_uri',
    );
    assert.ok(refused, 'the refusal is audited with invalid_redirect_uri');
  });

  it('an unknown client is refused', async () => {
    const req = jiraAuthorizationUrl(f.rp);
    req.url.searchParams.set('client_id', 'nobody');
    const res = await f
      .client(INSIDE)
      .get(req.url.pathname + req.url.search, { accept: 'text/html' });
    assert.equal(res.status, 400);
    assert.match(String(res.body), /invalid_client/);
  });

  it('reads a chunked token request (no Content-Length); refuses an oversized one with 413', async () => {
    const { callback } = await signInInside();
    const form = new URLSearchParams({
      grant_type: 'authorization_code',
      code: callback.searchParams.get('code')!,
      redirect_uri: JIRA_CALLBACK,
    }).toString();
    const body = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode(form));
        c.close();
      },
    });
    const res = await fetch(`${f.origin}/oidc/token`, {
      method: 'POST',
      body,
      duplex: 'half',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`jira:${f.secret}`).toString('base64')}`,
      },
    } as RequestInit);
    assert.equal(res.status, 200);
    assert.match(((await res.json()) as { id_token: string }).id_token, /^ey/);
    const big = await fetch(`${f.origin}/oidc/token`, {
      method: 'POST',
      body: `a=${'x'.repeat(100_000)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(big.status, 413);
  });

  it('an interaction reached without its cookie (another browser) gets our error page', async () => {
    const req = jiraAuthorizationUrl(f.rp);
    const toLogin = await browse(f.client(INSIDE), req.url);
    const stranger = f.client(INSIDE);
    const res = await stranger.get(returnTo(toLogin.location), { accept: 'text/html' });
    assert.equal(res.status, 400);
    assert.match(String(res.body), /expired or was started in another browser/);
  });

  it('a user disabled after sign-in gets no tokens', async () => {
    const bob = await findUserByUsername(f.db, 'bob');
    const req = jiraAuthorizationUrl(f.rp);
    const browser = f.client(INSIDE);
    const toLogin = await browse(browser, req.url);
    await passwordOnLoginPage(browser, 'bob');
    const cb = await browse(browser, returnTo(toLogin.location));
    await updateUser(f.db, f.clock, CLI_ACTOR, bob!.id, { disabled: true });
    try {
      await assert.rejects(
        client.authorizationCodeGrant(f.rp, new URL(cb.location), {
          expectedState: req.state,
          expectedNonce: req.nonce,
        }),
        (err: any) => err.error === 'invalid_grant',
      );
    } finally {
      await updateUser(f.db, f.clock, CLI_ACTOR, bob!.id, { disabled: false });
    }
  });

  it('an expired code gets invalid_grant', async () => {
    const { callback, state, nonce } = await signInInside();
    f.clock.advance(61_000);
    await assert.rejects(
      client.authorizationCodeGrant(f.rp, callback, { expectedState: state, expectedNonce: nonce }),
      (err: any) => err.error === 'invalid_grant',
    );
  });
});
