/**
 * Threat: another site reading the admin API with the administrator's cookie, and a forward-auth
 * check that answers "yes" without a session. CORS with credentials applied to all of `/api/*`,
 * the admin API included; and `OPTIONS /api/verify` answered 204 — a 2xx a proxy may take for
 * "allowed". Now only the widget's endpoints (`/api/zone`, `/api/login/…`, `/api/session`,
 * `/api/logout`) get CORS, and `/api/verify` answers GET and HEAD only (405 otherwise).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { INSIDE, startFixture, type Fixture } from '../login/fixture.js';

const EMBEDDER = 'https://jira.example.com';

let f: Fixture;
before(async () => {
  f = await startFixture({ config: { allowedOrigins: [EMBEDDER] } });
});
after(() => f.close());

const preflight = (method: string) => ({
  origin: EMBEDDER,
  'access-control-request-method': method,
  'access-control-request-headers': 'content-type',
});

test('OPTIONS /api/verify is not a 2xx, even with an allowed origin', async () => {
  const browser = f.client(INSIDE);
  for (const headers of [{}, preflight('GET')]) {
    const res = await browser.request('OPTIONS', '/api/verify', undefined, headers);
    assert.equal(res.status, 405, JSON.stringify(res.body));
    assert.equal(res.headers.get('allow'), 'GET, HEAD');
    assert.equal(res.headers.get('access-control-allow-origin'), null);
  }
});

test('/api/verify answers GET and HEAD; POST, PUT, DELETE are 405', async () => {
  const browser = await f.signIn('bob', INSIDE);
  const head = await browser.request('HEAD', '/api/verify');
  assert.equal(head.status, 200);
  assert.equal(head.headers.get('remote-user'), 'bob');
  assert.equal((await browser.get('/api/verify')).status, 200);
  for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
    const res = await browser.request(method, '/api/verify');
    assert.equal(res.status, 405, method);
    assert.equal(res.body.error.code, 'method_not_allowed');
  }
});

test('the admin and profile APIs give an allowed origin no CORS headers', async () => {
  const admin = await f.signIn('alice', INSIDE);
  for (const path of ['/api/admin/users', '/api/admin/settings', '/api/me']) {
    const read = await admin.get(path, { origin: EMBEDDER });
    assert.equal(read.status, 200, path);
    assert.equal(read.headers.get('access-control-allow-origin'), null, path);
    assert.equal(read.headers.get('access-control-allow-credentials'), null, path);
    const pre = await admin.request('OPTIONS', path, undefined, preflight('PATCH'));
    assert.equal(pre.headers.get('access-control-allow-origin'), null, path);
    assert.ok(pre.status >= 400, `${path} preflight ${pre.status}`);
  }
});

test("the widget's endpoints keep CORS with credentials for the allowed origin only", async () => {
  const browser = f.client(INSIDE);
  for (const path of ['/api/zone', '/api/session']) {
    const res = await browser.get(path, { origin: EMBEDDER });
    assert.equal(res.headers.get('access-control-allow-origin'), EMBEDDER, path);
    assert.equal(res.headers.get('access-control-allow-credentials'), 'true', path);
    const other = await browser.get(path, { origin: 'https://evil.example' });
    if (path === '/api/zone') {
      // The widget's first call from a page that is not allowed: a labelled refusal (so the
      // widget can say so) that carries nothing but the refusal.
      assert.equal(other.status, 403, path);
      assert.equal(other.body.error.code, 'forbidden_origin');
      assert.equal(other.body.clientIp, undefined);
    } else {
      assert.equal(other.headers.get('access-control-allow-origin'), null, path);
    }
  }
  for (const path of ['/api/login/password', '/api/login/secsign/status', '/api/logout']) {
    const pre = await browser.request('OPTIONS', path, undefined, preflight('POST'));
    assert.equal(pre.status, 204, path);
    assert.equal(pre.headers.get('access-control-allow-origin'), EMBEDDER, path);
    assert.equal(pre.headers.get('access-control-allow-credentials'), 'true', path);
  }
});
