/**
 * The OAuth 2.0 token relay (`POST /api/guard/oauth2-token`, issue 24 case (b)) over real HTTP on a
 * real database, in front of the Jira stand-in's token endpoint (test/e2e/atlassian-stand-in.ts,
 * written from Atlassian's OAuth 2.0 provider documentation) on its own loopback port: from outside
 * a code grant and a refresh grant reach the stand-in with the exact body bytes and its answer comes
 * back; anything password-shaped, a password grant, a Basic header, an oversized or non-form body,
 * another spelling of the path is refused and never reaches it; the product down is a 502 JSON,
 * no product address a 503; refusals audited and counted like the guard's.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { INSIDE, OUTSIDE, startFixture, type Fixture } from '../login/fixture.js';
import {
  OAUTH_CODE,
  OAUTH_REDIRECT,
  OAUTH_VERIFIER,
  startStandIn,
  type StandIn,
} from '../../e2e/atlassian-stand-in.js';

let f: Fixture;
let standIn: StandIn;
before(async () => {
  standIn = await startStandIn();
  f = await startFixture({ config: { guardUpstream: standIn.origin } });
});
after(async () => {
  await f.close();
  await standIn.close();
});
beforeEach(() => {
  f.config.guardUpstream = standIn.origin;
  f.config.guardTokensOutside = true;
  f.clock.advance(11 * 60_000);
});

const TOKEN_URI = '/jira/rest/oauth2/latest/token';
const FORM = 'application/x-www-form-urlencoded';
const CODE_GRANT =
  `grant_type=authorization_code&code=${OAUTH_CODE}&redirect_uri=${encodeURIComponent(OAUTH_REDIRECT)}` +
  `&client_id=mobile-app&code_verifier=${OAUTH_VERIFIER}`;

interface Sent {
  uri?: string;
  body?: string | Uint8Array<ArrayBuffer>;
  headers?: Record<string, string>;
  from?: string;
}

/** What nginx's relay location sends: the body as it came, the original URI, the client address. */
async function relay({ uri = TOKEN_URI, body = CODE_GRANT, headers = {}, from = OUTSIDE }: Sent) {
  const before = standIn.seen.length;
  const res = await fetch(`${f.origin}/api/guard/oauth2-token`, {
    method: 'POST',
    headers: {
      'content-type': FORM,
      'x-original-uri': uri,
      'x-forwarded-for': from,
      accept: 'application/json',
      ...headers,
    },
    body,
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    text,
    json: (): Record<string, any> => JSON.parse(text),
    reached: standIn.seen.slice(before),
  };
}

async function relayCount(outcome: string, reason: string): Promise<number> {
  const m = (await f.app.metrics.registry.getMetricsAsJSON()).find(
    (x) => x.name === 'ipsafezone_guard_decisions_total',
  );
  return (m?.values ?? [])
    .filter(
      (v) =>
        v.labels.outcome === outcome &&
        v.labels.reason === reason &&
        v.labels.door === 'oauth2-token',
    )
    .reduce((n, v) => n + v.value, 0);
}

describe('POST /api/guard/oauth2-token from outside', () => {
  it("a code grant reaches the product with the exact bytes; the product's answer comes back", async () => {
    const counted = await relayCount('passed', 'oauth2_code');
    const r = await relay({ headers: { cookie: 'JSESSIONID=abc', 'user-agent': 'Jira Mobile' } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json().access_token, 'stand-in-access-token');
    assert.equal(r.json().token_type, 'bearer');
    assert.match(r.headers.get('content-type') ?? '', /^application\/json/);
    assert.equal(r.headers.get('cache-control'), 'no-store');
    assert.equal(r.headers.get('connection'), 'keep-alive', 'our own hop, not the product’s');
    assert.equal(r.reached.length, 1);
    assert.equal(r.reached[0]!.method, 'POST');
    assert.equal(r.reached[0]!.url, TOKEN_URI);
    assert.equal(r.reached[0]!.body, CODE_GRANT);
    assert.equal(await relayCount('passed', 'oauth2_code'), counted + 1);
    const rows = await f.db.execute({
      sql: "SELECT outcome, details FROM audit_log WHERE action = 'guard' AND client_ip = ? ORDER BY id DESC LIMIT 1",
      args: [OUTSIDE],
    });
    assert.equal(rows.rows[0]!.outcome, 'passed');
    assert.equal(JSON.parse(rows.rows[0]!.details as string).relay, 'oauth_relay');
  });

  it('a refresh grant passes; a wrong code gets the product’s own 400', async () => {
    const refresh = await relay({ body: 'grant_type=refresh_token&refresh_token=r3fresh-token' });
    assert.equal(refresh.status, 200, refresh.text);
    const wrong = await relay({ body: 'grant_type=authorization_code&code=nope' });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.json().error, 'invalid_grant');
    assert.equal(wrong.reached.length, 1);
  });

  const refused: [name: string, sent: Sent][] = [
    ['os_password in the body', { body: `${CODE_GRANT}&os_username=bob&os_password=hunter2` }],
    ['os_password percent-encoded in the body', { body: `${CODE_GRANT}&%6Fs_password=hunter2` }],
    ['os_password in the query', { uri: `${TOKEN_URI}?os_password=hunter2` }],
    ['j_password in the body', { body: `${CODE_GRANT}&j_password=hunter2` }],
    ['the password grant', { body: 'grant_type=password&username=bob&password=hunter2' }],
    ['username and password fields', { body: `${CODE_GRANT}&username=bob&password=hunter2` }],
    ['no grant type', { body: 'code=x' }],
    ['two grant types', { body: `${CODE_GRANT}&grant_type=client_credentials` }],
    [
      'Authorization: Basic',
      { headers: { authorization: `Basic ${Buffer.from('bob:hunter2').toString('base64')}` } },
    ],
    ['another path', { uri: '/jira/rest/api/2/myself' }],
    ['a path parameter', { uri: '/jira/rest/oauth2/latest/token;jsessionid=x' }],
    ['an encoded letter', { uri: '/jira/rest/oauth2/latest/to%6Ben' }],
    ['a dot segment', { uri: '/jira/x/../rest/oauth2/latest/token' }],
  ];
  for (const [name, sent] of refused) {
    it(`refused, never reaching the product: ${name}`, async () => {
      const r = await relay(sent);
      assert.equal(r.status, 403, r.text);
      assert.equal(r.json().error.code, 'outside_password_refused');
      assert.equal(r.reached.length, 0);
    });
  }

  it("Apache's request line (X-Original-Request) is read the same way", async () => {
    const line = (target: string) => ({
      'x-original-uri': '',
      'x-original-request': `POST ${target} HTTP/1.1`,
    });
    const empty = await relay({ headers: line(TOKEN_URI) });
    assert.equal(empty.status, 400, 'an empty X-Original-URI is not replaced by the request line');
    const res = await fetch(`${f.origin}/api/guard/oauth2-token`, {
      method: 'POST',
      headers: {
        'content-type': FORM,
        'x-forwarded-for': OUTSIDE,
        'x-original-request': `POST ${TOKEN_URI} HTTP/1.1`,
      },
      body: CODE_GRANT,
    });
    assert.equal(res.status, 200, await res.text());
    assert.equal(standIn.seen.at(-1)!.body, CODE_GRANT);
    const before = standIn.seen.length;
    const encoded = await fetch(`${f.origin}/api/guard/oauth2-token`, {
      method: 'POST',
      headers: {
        'content-type': FORM,
        'x-forwarded-for': OUTSIDE,
        accept: 'application/json',
        'x-original-request': 'POST /jira/rest/oauth2/latest/to%6Ben HTTP/1.1',
      },
      body: CODE_GRANT,
    });
    assert.equal(encoded.status, 403);
    assert.equal(standIn.seen.length, before);
  });

  it('an oversized body: 413 JSON, never reaching the product', async () => {
    const r = await relay({ body: `${CODE_GRANT}&pad=${'x'.repeat(20_000)}` });
    assert.equal(r.status, 413);
    assert.equal(r.json().error.code, 'body_too_large');
    assert.equal(r.reached.length, 0);
  });

  it('a body that is not a form (JSON, multipart): 415 JSON, never reaching the product', async () => {
    for (const type of ['application/json', 'multipart/form-data; boundary=x', 'text/plain']) {
      const r = await relay({ headers: { 'content-type': type } });
      assert.equal(r.status, 415, type);
      assert.equal(r.json().error.code, 'unsupported_media_type');
      assert.equal(r.reached.length, 0);
    }
  });

  it('bad input: no original URI 400, a body that is not UTF-8 400, GET 405 — JSON', async () => {
    const res = await fetch(`${f.origin}/api/guard/oauth2-token`, {
      method: 'POST',
      headers: { 'content-type': FORM, 'x-forwarded-for': OUTSIDE },
      body: CODE_GRANT,
    });
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as any).error.code, 'missing_original_uri');
    const bad = await relay({ body: new Uint8Array([0x67, 0x3d, 0xff, 0xfe]) });
    assert.equal(bad.status, 400);
    assert.equal(bad.json().error.code, 'bad_form_body');
    assert.equal(bad.reached.length, 0);
    const get = await fetch(`${f.origin}/api/guard/oauth2-token`);
    assert.equal(get.status, 405);
  });

  it('the product down: 502 JSON; no product address: 503 JSON', async () => {
    f.config.guardUpstream = 'http://127.0.0.1:9';
    const down = await relay({});
    assert.equal(down.status, 502);
    assert.equal(down.json().error.code, 'upstream_unavailable');
    f.config.guardUpstream = '';
    const off = await relay({});
    assert.equal(off.status, 503);
    assert.equal(off.json().error.code, 'relay_not_configured');
  });

  it('tokens confined to the zones: the code grant is refused from outside too', async () => {
    f.config.guardTokensOutside = false;
    const r = await relay({});
    assert.equal(r.status, 403);
    assert.equal(r.reached.length, 0);
  });
});

describe('POST /api/guard/oauth2-token from inside', () => {
  it('inside a zone the token request passes as at the guard', async () => {
    const r = await relay({ from: INSIDE });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.reached.length, 1);
  });
});
