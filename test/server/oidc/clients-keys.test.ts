/**
 * Clients and keys: the `ipsafezone oidc` command line on a temporary database (secrets printed
 * once and stored only hashed, exact redirect URIs, rotation, removal), a public client that must
 * use PKCE (a wrong verifier gets invalid_grant), key rotation seen by the running provider with
 * the old key still published, RP-initiated logout ending the ipsafezone session, and OIDC staying
 * off — 503, nothing served — without IPSAFEZONE_SECRET_KEY.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as client from 'openid-client';
import { decodeProtectedHeader } from 'jose';
import { createClient } from '@libsql/client';
import { runCli } from '../../../server/cli/run.js';
import type { CliIo } from '../../../server/cli/io.js';
import { addOidcClient } from '../../../server/oidc/clients.js';
import { rotateKeys } from '../../../server/oidc/keys.js';
import { createSecretBox } from '../../../server/platform/crypto/secret-box.js';
import { INSIDE, PASSWORD } from '../login/fixture.js';
import { startTestServer } from '../../support/test-server.js';
import {
  browse,
  jiraAuthorizationUrl,
  SECRET_KEY,
  startOidcFixture,
  type OidcFixture,
} from './oidc-fixture.js';

async function cli(url: string, args: string[], stdin = '', env: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const io: CliIo = {
    env: { DATABASE_URL: url, ...env },
    readStdin: () => Promise.resolve(stdin),
    out: (line) => (out += line + '\n'),
    err: (line) => (err += line + '\n'),
  };
  return { status: await runCli(args, io), out, err };
}

describe('ipsafezone oidc (command line)', () => {
  let dir: string;
  let url: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ipsz-oidc-cli-'));
    url = `file:${join(dir, 'cli.db')}`;
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('adds a client, prints its secret once, stores only a hash', async () => {
    const r = await cli(url, [
      'oidc',
      'client',
      'add',
      '--id',
      'jira',
      '--name',
      'Jira',
      '--redirect-uri',
      'https://jira.example.com/plugins/servlet/oidc/callback',
    ]);
    assert.equal(r.status, 0, r.err);
    const secret = r.out.trim().split('\n').at(-1)!;
    assert.match(secret, /^[A-Za-z0-9_-]{43}$/);
    const db = createClient({ url });
    try {
      const row = (await db.execute('SELECT secret_hash FROM oidc_clients')).rows[0]!;
      assert.match(String(row.secret_hash), /^sha256:[0-9a-f]{64}$/);
      assert.ok(!String(row.secret_hash).includes(secret));
    } finally {
      db.close();
    }
    const list = await cli(url, ['oidc', 'client', 'list', '--json']);
    const [c] = JSON.parse(list.out);
    assert.deepEqual(
      { id: c.clientId, confidential: c.confidential, uris: c.redirectUris },
      {
        id: 'jira',
        confidential: true,
        uris: ['https://jira.example.com/plugins/servlet/oidc/callback'],
      },
    );
    assert.ok(!list.out.includes(secret));
  });

  it('takes a given secret from stdin, refuses a short one and a duplicate id', async () => {
    const short = await cli(
      url,
      [
        'oidc',
        'client',
        'add',
        '--id',
        'wiki',
        '--redirect-uri',
        'https://wiki.example.com/cb',
        '--secret-stdin',
      ],
      'too-short\n',
    );
    assert.equal(short.status, 1);
    assert.match(short.err, /at least 32 characters/);
    assert.match(short.err, /\[weak_client_secret\]/);
    const ok = await cli(
      url,
      [
        'oidc',
        'client',
        'add',
        '--id',
        'wiki',
        '--redirect-uri',
        'https://wiki.example.com/cb',
        '--secret-stdin',
      ],
      'a-long-enough-secret-0123456789abcdef\n',
    );
    assert.equal(ok.status, 0, ok.err);
    assert.ok(!ok.out.includes('a-long-enough-secret'));
    const dup = await cli(url, [
      'oidc',
      'client',
      'add',
      '--id',
      'wiki',
      '--redirect-uri',
      'https://x.example/cb',
    ]);
    assert.equal(dup.status, 1);
    assert.match(dup.err, /\[oidc_client_exists\]/);
  });

  it('refuses redirect URIs with a fragment or another scheme', async () => {
    for (const uri of ['https://a.example/cb#x', 'javascript:alert(1)', 'not a url']) {
      const r = await cli(url, ['oidc', 'client', 'add', '--id', 'bad', '--redirect-uri', uri]);
      assert.equal(r.status, 1, uri);
      assert.match(r.err, /\[invalid_redirect_uri\]/);
    }
  });

  it('rotates a secret and removes a client', async () => {
    const before = (await createClientRow(url, 'wiki'))!;
    const r = await cli(url, ['oidc', 'client', 'rotate-secret', 'wiki']);
    assert.equal(r.status, 0, r.err);
    assert.notEqual(await createClientRow(url, 'wiki'), before);
    const rm1 = await cli(url, ['oidc', 'client', 'remove', 'wiki']);
    assert.equal(rm1.status, 0);
    const rm2 = await cli(url, ['oidc', 'client', 'remove', 'wiki']);
    assert.equal(rm2.status, 1);
    assert.match(rm2.err, /\[oidc_client_not_found\]/);
  });

  it('rotates keys only with IPSAFEZONE_SECRET_KEY', async () => {
    const without = await cli(url, ['oidc', 'keys', 'rotate']);
    assert.notEqual(without.status, 0);
    assert.match(without.err, /IPSAFEZONE_SECRET_KEY is not set/);
    const withKey = await cli(url, ['oidc', 'keys', 'rotate'], '', {
      IPSAFEZONE_SECRET_KEY: SECRET_KEY,
    });
    assert.equal(withKey.status, 0, withKey.err);
    const list = await cli(url, ['oidc', 'keys', 'list']);
    assert.match(list.out, /RS256/);
    assert.match(list.out, /ES256/);
  });
});

async function createClientRow(url: string, id: string): Promise<string | null> {
  const db = createClient({ url });
  try {
    const rs = await db.execute({
      sql: 'SELECT secret_hash FROM oidc_clients WHERE client_id = ?',
      args: [id],
    });
    return rs.rows[0] ? String(rs.rows[0].secret_hash) : null;
  } finally {
    db.close();
  }
}

describe('the running provider', () => {
  let f: OidcFixture;
  before(async () => {
    f = await startOidcFixture();
  });
  after(() => f.close());

  it('a public client must use PKCE; a wrong verifier gets invalid_grant', async () => {
    const redirect = 'http://127.0.0.1:9/app/callback';
    await addOidcClient(f.db, f.clock, {
      clientId: 'spa',
      name: 'SPA',
      redirectUris: [redirect],
      public: true,
    });
    const rp = await client.discovery(new URL(f.origin), 'spa', undefined, client.None(), {
      execute: [client.allowInsecureRequests],
    });
    const browser = f.client(INSIDE);
    const noPkce = client.buildAuthorizationUrl(rp, {
      redirect_uri: redirect,
      scope: 'openid',
      state: 's1',
    });
    const refused = await browser.get(noPkce.pathname + noPkce.search);
    const loc = new URL(refused.headers.get('location')!);
    assert.equal(loc.origin + loc.pathname, redirect);
    assert.equal(loc.searchParams.get('error'), 'invalid_request');
    assert.match(loc.searchParams.get('error_description') ?? '', /PKCE/);

    const verifier = client.randomPKCECodeVerifier();
    const url = client.buildAuthorizationUrl(rp, {
      redirect_uri: redirect,
      scope: 'openid',
      state: 's2',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    const toLogin = await browse(browser, url);
    const res = await browser.post('/api/login/password', { username: 'bob', password: PASSWORD });
    assert.equal(res.body.status, 'signed_in');
    const cb = await browse(browser, new URL(toLogin.location).searchParams.get('return_to')!);
    await assert.rejects(
      client.authorizationCodeGrant(rp, new URL(cb.location), {
        expectedState: 's2',
        pkceCodeVerifier: client.randomPKCECodeVerifier(),
      }),
      (err: any) => err.error === 'invalid_grant',
    );
  });

  it('after a key rotation signs with the new key and still publishes the old one', async () => {
    const jwks = async () =>
      (
        (await (await fetch(`${f.origin}/oidc/jwks`)).json()) as {
          keys: { kid: string; alg: string }[];
        }
      ).keys;
    const old = await jwks();
    const oldRs = old.find((k) => k.alg === 'RS256')!.kid;
    await rotateKeys(f.db, f.clock, createSecretBox(SECRET_KEY));
    f.clock.advance(31_000); // the server looks for a new key set every 30 s
    const now = await jwks();
    assert.equal(now.length, 4);
    assert.ok(
      now.some((k) => k.kid === oldRs),
      'the old key is still published',
    );

    const req = jiraAuthorizationUrl(f.rp);
    const browser = f.client(INSIDE);
    const toLogin = await browse(browser, req.url);
    await browser.post('/api/login/password', { username: 'alice', password: PASSWORD });
    const cb = await browse(browser, new URL(toLogin.location).searchParams.get('return_to')!);
    const rp = await f.rpWith('jira', f.secret); // a fresh JWKS, as an RP would fetch after a miss
    const tokens = await client.authorizationCodeGrant(rp, new URL(cb.location), {
      expectedState: req.state,
      expectedNonce: req.nonce,
    });
    const kid = decodeProtectedHeader(tokens.id_token!).kid;
    assert.notEqual(kid, oldRs);
    assert.ok(now.some((k) => k.kid === kid));
  });

  it('RP-initiated logout ends the ipsafezone session too', async () => {
    const req = jiraAuthorizationUrl(f.rp);
    const browser = f.client(INSIDE);
    const toLogin = await browse(browser, req.url);
    await browser.post('/api/login/password', { username: 'alice', password: PASSWORD });
    const cb = await browse(browser, new URL(toLogin.location).searchParams.get('return_to')!);
    const tokens = await client.authorizationCodeGrant(f.rp, new URL(cb.location), {
      expectedState: req.state,
      expectedNonce: req.nonce,
    });
    assert.equal((await browser.get('/api/session')).body.session?.factors, 'password');
    const end = client.buildEndSessionUrl(f.rp, { id_token_hint: tokens.id_token! });
    const confirm = await browser.get(end.pathname + end.search, { accept: 'text/html' });
    assert.equal(confirm.status, 200);
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(String(confirm.body))?.[1];
    assert.ok(xsrf, 'the confirmation form carries an anti-forgery token');
    const done = await browser.request(
      'POST',
      '/oidc/session/end/confirm',
      `xsrf=${xsrf}&logout=yes`,
      {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'text/html',
      },
    );
    assert.ok(done.status === 200 || done.status === 303, String(done.status));
    const signedIn = async () => (await browser.get('/api/session')).body.session !== null;
    for (let i = 0; i < 50 && (await signedIn()); i++) await new Promise((r) => setTimeout(r, 20));
    assert.equal(await signedIn(), false);
  });
});

describe('without IPSAFEZONE_SECRET_KEY', () => {
  it('OpenID Connect is off: 503 with the reason, no keys made', async () => {
    const s = await startTestServer();
    try {
      for (const path of [
        '/.well-known/openid-configuration',
        '/oidc/auth?client_id=x',
        '/oidc/jwks',
      ]) {
        const res = await fetch(s.origin + path);
        assert.equal(res.status, 503, path);
        const body = (await res.json()) as { error: { code: string; message: string } };
        assert.equal(body.error.code, 'oidc_disabled');
        assert.match(body.error.message, /IPSAFEZONE_SECRET_KEY/);
      }
      const rs = await s.db.execute('SELECT COUNT(*) AS n FROM oidc_keys');
      assert.equal(Number(rs.rows[0]!.n), 0);
    } finally {
      await s.close();
    }
  });
});
