/**
 * The guard end to end (issue 24): real nginx and real Apache, configured by what `ipsafezone
 * proxy-config` writes, in front of a stand-in for Jira/Confluence (atlassian-stand-in.ts, written
 * from Atlassian's documentation) under the context path /jira. Clients on two loopback addresses:
 * 127.0.0.1 is inside the demo zone, 127.0.0.2 outside (bound with the HTTP client's
 * `localAddress`). Each door and each spelling of it is a named row:
 *
 * - from outside, every password door and every normalisation variant is refused and the stand-in
 *   never sees the request; from inside every door works;
 * - (b) the mobile app's OAuth 2.0 code exchange reaches the stand-in through ipsafezone's relay,
 *   byte for byte; the same with os_password, a password grant, a body too large or not a form,
 *   or another spelling of the path does not;
 * - from outside a personal access token reaches the stand-in; a token request that also carries
 *   os_password, or a form body, does not; a forged X-Forwarded-For does not make outside inside;
 * - a browser outside that signed in on ipsafezone's login page with a second factor reaches the
 *   pages (nginx);
 * - ipsafezone stopped: outside refused; inside reaches the product (break-glass).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser } from 'playwright-core';
import {
  accessPass,
  adminClient,
  answerOnPhone,
  freePort,
  launchBrowser,
  startServer,
  submitSecSignId,
  type RunningServer,
} from './harness.js';
import {
  CONTEXT,
  OAUTH_CODE,
  OAUTH_REDIRECT,
  OAUTH_VERIFIER,
  PASSWORD,
  TOKEN,
  USER,
  startStandIn,
  type StandIn,
} from './atlassian-stand-in.js';
import { nginxConfig } from '../../server/cli/proxy-config-nginx.js';
import { apacheConfig } from '../../server/cli/proxy-config-apache.js';
import type { ProxyConfigInput } from '../../server/cli/proxy-config-input.js';
import {
  apacheFiles,
  nginxFiles,
  startProxy,
  type RunningProxy,
} from '../support/proxy-configs.js';

const INSIDE = '127.0.0.1';
const OUTSIDE = '127.0.0.2';
const BASIC = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;
const JUNK_BEARER = 'Bearer junk-not-a-token';
const FORM = 'application/x-www-form-urlencoded';
const CREDENTIALS = `os_username=${USER}&os_password=${PASSWORD}`;

interface Answer {
  status: number;
  body: string;
}

interface Door {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/** One request over HTTP/1.1 from `from` (a loopback address), with the path sent as written. */
function send(port: number, from: string, door: Door): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: door.method,
        path: door.path,
        localAddress: from,
        agent: false,
        headers: {
          ...(door.body !== undefined ? { 'content-length': Buffer.byteLength(door.body) } : {}),
          ...door.headers,
        },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.once('error', reject);
    req.end(door.body);
  });
}

/** Every door of the products that takes a password, as the product takes it. */
const PASSWORD_DOORS: [name: string, door: Door][] = [
  [
    'Basic on a REST path',
    { method: 'GET', path: `${CONTEXT}/rest/api/2/myself`, headers: { authorization: BASIC } },
  ],
  [
    'Basic on a page',
    { method: 'GET', path: `${CONTEXT}/browse/ABC-1`, headers: { authorization: BASIC } },
  ],
  [
    'REST login /rest/auth/1/session',
    {
      method: 'POST',
      path: `${CONTEXT}/rest/auth/1/session`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: USER, password: PASSWORD }),
    },
  ],
  [
    'REST login /rest/auth/latest/session',
    {
      method: 'POST',
      path: `${CONTEXT}/rest/auth/latest/session`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: USER, password: PASSWORD }),
    },
  ],
  [
    'os_* in the query, any path',
    { method: 'GET', path: `${CONTEXT}/rest/api/2/myself?${CREDENTIALS}` },
  ],
  [
    'os_* in a form body, any path',
    {
      method: 'POST',
      path: `${CONTEXT}/secure/Dashboard.jspa`,
      headers: { 'content-type': FORM },
      body: CREDENTIALS,
    },
  ],
  [
    'Jira login form POST /login.jsp',
    {
      method: 'POST',
      path: `${CONTEXT}/login.jsp`,
      headers: { 'content-type': FORM },
      body: CREDENTIALS,
    },
  ],
  [
    'Jira password form login.jsp?auth_fallback',
    { method: 'GET', path: `${CONTEXT}/login.jsp?auth_fallback` },
  ],
  [
    'Confluence login form POST /dologin.action',
    {
      method: 'POST',
      path: `${CONTEXT}/dologin.action`,
      headers: { 'content-type': FORM },
      body: CREDENTIALS,
    },
  ],
  [
    'gadget login /rest/gadget/1.0/login',
    {
      method: 'POST',
      path: `${CONTEXT}/rest/gadget/1.0/login`,
      headers: { 'content-type': FORM },
      body: CREDENTIALS,
    },
  ],
  [
    'Confluence XML-RPC login',
    {
      method: 'POST',
      path: `${CONTEXT}/rpc/xmlrpc`,
      headers: { 'content-type': 'text/xml' },
      body: `<methodCall><methodName>confluence2.login</methodName><params><param><value><string>${USER}</string></value></param><param><value><string>${PASSWORD}</string></value></param></params></methodCall>`,
    },
  ],
  [
    'Confluence JSON-RPC login',
    {
      method: 'POST',
      path: `${CONTEXT}/rpc/json-rpc/confluenceservice-v2/login`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ params: [USER, PASSWORD] }),
    },
  ],
  [
    'Confluence WebDAV with Basic',
    {
      method: 'PROPFIND',
      path: `${CONTEXT}/plugins/servlet/confluence/default/`,
      headers: { authorization: BASIC },
    },
  ],
  [
    'Bitbucket Git over HTTPS with Basic',
    {
      method: 'GET',
      path: `${CONTEXT}/scm/p/r.git/info/refs?service=git-upload-pack`,
      headers: { authorization: BASIC },
    },
  ],
];

/** Spellings Tomcat reads as a password door, each with a junk Bearer header. */
const VARIANTS: [name: string, door: Door][] = [
  [
    'path parameter ;jsessionid=',
    {
      method: 'POST',
      path: `${CONTEXT}/login.jsp;jsessionid=ABC`,
      headers: { 'content-type': FORM },
      body: CREDENTIALS,
    },
  ],
  [
    'double slashes',
    {
      method: 'POST',
      path: `${CONTEXT}//rest//auth/1/session`,
      headers: { 'content-type': 'application/json' },
      body: '{}',
    },
  ],
  [
    'encoded slashes',
    {
      method: 'POST',
      path: `${CONTEXT}/rest%2Fauth%2F1%2Fsession`,
      headers: { 'content-type': 'application/json' },
      body: '{}',
    },
  ],
  [
    'dot segments',
    {
      method: 'POST',
      path: `${CONTEXT}/secure/../rest/./auth/1/session`,
      headers: { 'content-type': 'application/json' },
      body: '{}',
    },
  ],
  [
    'encoded dot segments',
    {
      method: 'POST',
      path: `${CONTEXT}/secure/%2e%2e/rest/auth/1/session`,
      headers: { 'content-type': 'application/json' },
      body: '{}',
    },
  ],
  [
    'percent-encoded letters',
    {
      method: 'POST',
      path: `${CONTEXT}/rest/%61uth/1/session`,
      headers: { 'content-type': 'application/json' },
      body: '{}',
    },
  ],
  [
    'upper case',
    {
      method: 'POST',
      path: `${CONTEXT}/LOGIN.JSP`,
      headers: { 'content-type': FORM },
      body: CREDENTIALS,
    },
  ],
  [
    'repeated os_password',
    { method: 'GET', path: `${CONTEXT}/rest/api/2/myself?os_password=&os_password=${PASSWORD}` },
  ],
  [
    'percent-encoded parameter names',
    {
      method: 'GET',
      path: `${CONTEXT}/rest/api/2/myself?%6Fs_username=${USER}&%6Fs_password=${PASSWORD}`,
    },
  ],
  [
    'HEAD with Basic',
    { method: 'HEAD', path: `${CONTEXT}/rest/api/2/myself`, headers: { authorization: BASIC } },
  ],
];

let server: RunningServer;
let standIn: StandIn;
let nginx: RunningProxy;
let apache: RunningProxy;
let browser: Browser;
const ports = { app: 0, fcgi: 0, nginx: 0, apache: 0 };

async function waitForPort(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => (s.destroy(), resolve(true)));
      s.once('error', () => resolve(false));
    });
    if (up) return;
    await sleep(100);
  }
  throw new Error(`nothing listens on ${port}`);
}

before(async () => {
  ports.app = await freePort();
  ports.fcgi = await freePort();
  ports.nginx = await freePort();
  ports.apache = await freePort();
  const nginxOrigin = `http://127.0.0.1:${ports.nginx}`;
  standIn = await startStandIn();
  [server, browser] = await Promise.all([
    startServer({
      port: ports.app,
      env: {
        HOST: '127.0.0.1',
        // nginx reaches ipsafezone from 127.0.0.3 (proxy_bind); Apache, which cannot choose its
        // source address, from 127.0.0.1 (its ProxyPass to the token relay).
        IPSAFEZONE_TRUSTED_PROXIES: '127.0.0.3,127.0.0.1',
        IPSAFEZONE_PUBLIC_URL: nginxOrigin,
        IPSAFEZONE_FCGI_GUARD: `127.0.0.1:${ports.fcgi}`,
        IPSAFEZONE_GUARD_UPSTREAM: standIn.origin,
      },
    }),
    launchBrowser(),
  ]);
  await waitForPort(ports.fcgi);
  // What `ipsafezone proxy-config` prints for the demo zone (127.0.0.1) and this set-up.
  const input: ProxyConfigInput = {
    product: 'jira',
    serverName: '127.0.0.1',
    listen: `127.0.0.1:${ports.nginx}`,
    upstream: standIn.origin,
    backend: `http://127.0.0.1:${ports.app}`,
    proxyBind: '127.0.0.3',
    tls: null,
    fcgi: `127.0.0.1:${ports.fcgi}`,
    insideBlocks: ['127.0.0.1/32'],
    zonesNote: 'from the zones Demo office',
  };
  nginx = await startProxy('nginx', nginxFiles(nginxConfig(input, 'test')), ports.nginx);
  apache = await startProxy(
    'apache',
    apacheFiles(apacheConfig({ ...input, listen: `127.0.0.1:${ports.apache}` }, 'test')),
    ports.apache,
  );
});
after(async () => {
  await browser?.close();
  await nginx?.stop();
  await apache?.stop();
  await server?.stop();
  await standIn?.close();
});

/** Sends the door and says whether the stand-in saw it. */
async function through(port: number, from: string, door: Door) {
  const before = standIn.seen.length;
  const answer = await send(port, from, door);
  return { ...answer, reached: standIn.seen.length > before };
}

for (const proxy of ['nginx', 'apache'] as const) {
  const port = () => ports[proxy];
  const log = () => (proxy === 'nginx' ? nginx : apache).log();

  describe(`${proxy}: from outside, every password door is refused and never reaches Jira`, () => {
    for (const [name, door] of PASSWORD_DOORS) {
      test(name, async () => {
        const r = await through(port(), OUTSIDE, door);
        assert.equal(r.status, 403, `${r.status} ${r.body}\n${log()}`);
        assert.equal(r.reached, false);
      });
    }
    for (const [name, door] of VARIANTS) {
      test(`variant with a junk Bearer: ${name}`, async () => {
        const r = await through(port(), OUTSIDE, {
          ...door,
          headers: { authorization: JUNK_BEARER, ...door.headers },
        });
        assert.ok(r.status >= 400, `${r.status} ${r.body}`);
        assert.equal(r.reached, false);
      });
    }
  });

  describe(`${proxy}: from inside, every door works`, () => {
    for (const [name, door] of PASSWORD_DOORS) {
      test(name, async () => {
        const r = await through(port(), INSIDE, door);
        assert.equal(r.status, 200, `${r.status} ${r.body}\n${log()}`);
        assert.equal(r.reached, true);
      });
    }
  });

  describe(`${proxy}: tokens from outside`, () => {
    const myself = `${CONTEXT}/rest/api/2/myself`;
    test('a personal access token reaches Jira', async () => {
      const r = await through(port(), OUTSIDE, {
        method: 'GET',
        path: myself,
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      assert.equal(r.status, 200, r.body);
      assert.equal((JSON.parse(r.body) as { via: string }).via, 'token');
    });
    test('a token request with os_password in the query does not', async () => {
      const r = await through(port(), OUTSIDE, {
        method: 'GET',
        path: `${myself}?os_password=${PASSWORD}`,
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      assert.equal(r.status, 403);
      assert.equal(r.reached, false);
    });
    test('a token request with a form body does not', async () => {
      const r = await through(port(), OUTSIDE, {
        method: 'POST',
        path: `${CONTEXT}/rest/api/2/issue`,
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': FORM },
        body: CREDENTIALS,
      });
      assert.equal(r.status, 403);
      assert.equal(r.reached, false);
    });
    test('(c) Git with the token as Bearer (http.extraHeader) reaches Bitbucket', async () => {
      const git = `${CONTEXT}/scm/p/r.git/info/refs?service=git-upload-pack`;
      const r = await through(port(), OUTSIDE, {
        method: 'GET',
        path: git,
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      assert.equal(r.status, 200, r.body);
      const basic = `Basic ${Buffer.from(`${USER}:${TOKEN}`).toString('base64')}`;
      const asBasic = await through(port(), OUTSIDE, {
        method: 'GET',
        path: git,
        headers: { authorization: basic },
      });
      assert.equal(asBasic.status, 403, 'the token as a Basic password is refused like any Basic');
      assert.equal(asBasic.reached, false);
    });
    const tokenRequest = (body: string): Door => ({
      method: 'POST',
      path: `${CONTEXT}/rest/oauth2/latest/token`,
      headers: { 'content-type': FORM, accept: 'application/json' },
      body,
    });
    const codeExchange =
      `grant_type=authorization_code&code=${OAUTH_CODE}` +
      `&redirect_uri=${encodeURIComponent(OAUTH_REDIRECT)}&client_id=jira-mobile` +
      `&code_verifier=${OAUTH_VERIFIER}`;
    {
      test("(b) the mobile app's code exchange reaches Jira through the relay, byte for byte", async () => {
        const r = await through(port(), OUTSIDE, tokenRequest(codeExchange));
        assert.equal(r.status, 200, `${r.status} ${r.body}\n${log()}`);
        assert.equal((JSON.parse(r.body) as { token_type: string }).token_type, 'bearer');
        assert.equal(r.reached, true);
        assert.equal(standIn.seen.at(-1)!.body, codeExchange);
        assert.equal(standIn.seen.at(-1)!.url, `${CONTEXT}/rest/oauth2/latest/token`);
      });
      test('(b) the same with os_password does not reach Jira', async () => {
        const r = await through(
          port(),
          OUTSIDE,
          tokenRequest(`${codeExchange}&os_username=${USER}&os_password=${PASSWORD}`),
        );
        assert.equal(r.status, 403, r.body);
        assert.equal(r.reached, false);
      });
      test('(b) an oversized or non-form body: JSON 413 / 415 from the relay, never reaching Jira', async () => {
        const big = await through(
          port(),
          OUTSIDE,
          tokenRequest(`${codeExchange}&pad=${'x'.repeat(20_000)}`),
        );
        assert.equal(big.status, 413, big.body);
        assert.equal(
          (JSON.parse(big.body) as { error: { code: string } }).error.code,
          'body_too_large',
        );
        assert.equal(big.reached, false);
        const json = await through(port(), OUTSIDE, {
          ...tokenRequest(JSON.stringify({ grant_type: 'authorization_code', code: OAUTH_CODE })),
          headers: { 'content-type': 'application/json' },
        });
        assert.equal(json.status, 415, json.body);
        assert.equal(json.reached, false);
      });
      test('(b) a password grant and another spelling of the path do not reach Jira', async () => {
        const grant = await through(
          port(),
          OUTSIDE,
          tokenRequest(`grant_type=password&username=${USER}&password=${PASSWORD}`),
        );
        assert.equal(grant.status, 403, grant.body);
        assert.equal(grant.reached, false);
        for (const path of [
          `${CONTEXT}/rest/oauth2/latest/token;jsessionid=x`,
          `${CONTEXT}/rest/oauth2/latest/to%6Ben`,
          `${CONTEXT}//rest/oauth2/latest/token`,
        ]) {
          const r = await through(port(), OUTSIDE, { ...tokenRequest(codeExchange), path });
          assert.equal(r.status, 403, `${path}: ${r.status} ${r.body}`);
          assert.equal(r.reached, false, path);
        }
      });
    }
    test('(b) inside, the token endpoint works', async () => {
      const r = await through(port(), INSIDE, tokenRequest(codeExchange));
      assert.equal(r.status, 200, r.body);
      assert.equal(r.reached, true);
    });
    test('Jira sees one X-Forwarded-For address: the client, never what it sent', async () => {
      const r = await through(port(), INSIDE, {
        method: 'GET',
        path: myself,
        headers: { authorization: BASIC, 'x-forwarded-for': '192.0.2.66' },
      });
      assert.equal(r.status, 200, r.body);
      assert.equal(standIn.seen.at(-1)?.forwardedFor, INSIDE);
    });
    test('a forged X-Forwarded-For does not make outside inside', async () => {
      const r = await through(port(), OUTSIDE, {
        method: 'GET',
        path: myself,
        headers: { authorization: BASIC, 'x-forwarded-for': INSIDE, forwarded: `for=${INSIDE}` },
      });
      assert.equal(r.status, 403);
      assert.equal(r.reached, false);
    });
    test('a browser without a session gets the short page in its language', async () => {
      const r = await through(port(), OUTSIDE, {
        method: 'GET',
        path: `${CONTEXT}/browse/ABC-1`,
        headers: { accept: 'text/html', 'accept-language': 'de' },
      });
      assert.equal(r.status, 403);
      assert.equal(r.reached, false);
      assert.match(r.body, /nimmt Jira kein Passwort allein an/);
    });
  });
}

describe('nginx: a browser outside that signed in with a second factor reaches the pages', () => {
  test('the refusal page leads to the sign-in; SecSign ID; back on the page', async () => {
    const origin = `http://127.0.0.1:${ports.nginx}`;
    const admin = await adminClient(server, origin);
    const { zones } = (await admin('GET', '/zones')) as { zones: { id: number }[] };
    // The browser connects from 127.0.0.1: from here on the zone holds another address (the
    // proxies' break-glass lists, written before, still hold 127.0.0.1 for the last test).
    await admin('PATCH', `/zones/${zones[0]!.id}`, { ranges: ['127.0.0.9'], confirm: true });
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    const refused = await page.goto(`${origin}${CONTEXT}/browse/ABC-1`);
    assert.equal(refused?.status(), 403);
    await page.getByRole('link', { name: 'Sign in with single sign-on' }).click();
    await submitSecSignId(page, 'alice.example');
    const pass = await accessPass(page).catch((err: Error) => {
      throw new Error(`${err.message}\n${server.output().slice(-3000)}`);
    });
    const phone = await context.newPage();
    await answerOnPhone(phone, server.inside, 'alice.example', pass, 'right');
    await page.waitForURL(`${origin}${CONTEXT}/browse/ABC-1`);
    await page.getByText(`Stand-in page ${CONTEXT}/browse/ABC-1`).waitFor();
    await context.close();
  });
});

describe('ipsafezone stopped', () => {
  test('outside is refused; inside reaches the product (break-glass)', async () => {
    await server.stop();
    const token = {
      method: 'GET',
      path: `${CONTEXT}/rest/api/2/myself`,
      headers: { authorization: `Bearer ${TOKEN}` },
    };
    const basic = {
      method: 'GET',
      path: `${CONTEXT}/rest/api/2/myself`,
      headers: { authorization: BASIC },
    };
    for (const port of [ports.nginx, ports.apache]) {
      const outside = await through(port, OUTSIDE, token);
      assert.ok(outside.status >= 500, `${port}: ${outside.status}`);
      assert.equal(outside.reached, false);
      const inside = await through(port, INSIDE, basic);
      assert.equal(inside.status, 200, `${port}: ${inside.status}`);
      assert.equal(inside.reached, true);
    }
  });
});
