/**
 * The API's secure headers are set before the handler runs (a fast path, server/http/
 * security-headers.ts): OWASP's REST Security Cheat Sheet set, each with the value the pages get
 * from `hono/secure-headers` (so the two cannot drift apart), and API answers never cached — on
 * the real app's zone and forward-auth doors too.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Hono } from 'hono';
import { securityHeaders } from '../../../server/http/security-headers.js';
import { startFixture } from '../login/fixture.js';

test("API answers carry OWASP's REST headers, with the pages' values", async () => {
  const app = new Hono();
  app.use('*', securityHeaders());
  app.get('/api/x', (c) => c.json({ ok: true }));
  app.get('/page', (c) => c.html('<p>hi</p>'));
  const api = await app.request('/api/x');
  const page = await app.request('/page');
  assert.equal(api.headers.get('cache-control'), 'no-store');
  assert.equal(api.headers.get('content-security-policy'), "frame-ancestors 'none'");
  assert.match(page.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
  for (const name of [
    'referrer-policy',
    'strict-transport-security',
    'x-content-type-options',
    'x-frame-options',
  ]) {
    assert.ok(api.headers.get(name), name);
    assert.equal(api.headers.get(name), page.headers.get(name), name);
  }
});

test('the zone and forward-auth doors of the real app carry them', async (t) => {
  const f = await startFixture();
  t.after(() => f.close());
  for (const path of ['/api/zone', '/api/verify']) {
    const res = await f.client().get(path);
    assert.equal(res.headers.get('cache-control'), 'no-store', path);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff', path);
    assert.equal(
      res.headers.get('strict-transport-security'),
      'max-age=31536000; includeSubDomains',
      path,
    );
  }
});
