/**
 * The API's secure headers are set before the handler runs (a fast path, server/http/
 * security-headers.ts) from a list of our own; the pages keep `hono/secure-headers`. This checks
 * the two give the same headers, so the list cannot drift from what the pages get, and that API
 * answers are never cached — on the real app's zone and forward-auth doors too.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Hono } from 'hono';
import { securityHeaders } from '../../../server/http/security-headers.js';
import { startFixture } from '../login/fixture.js';

const PAGE_ONLY = new Set(['content-security-policy', 'content-type', 'content-length']);

function headerMap(res: Response, skip: Set<string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of res.headers) if (!skip.has(k)) out[k] = v;
  return out;
}

test('API answers carry the same secure headers as pages, plus no-store', async () => {
  const app = new Hono();
  app.use('*', securityHeaders());
  app.get('/api/x', (c) => c.json({ ok: true }));
  app.get('/page', (c) => c.html('<p>hi</p>'));
  const api = await app.request('/api/x');
  const page = await app.request('/page');
  assert.equal(api.headers.get('cache-control'), 'no-store');
  assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'self'/);
  const apiHeaders = headerMap(api, new Set([...PAGE_ONLY, 'cache-control']));
  assert.deepEqual(apiHeaders, headerMap(page, PAGE_ONLY));
  assert.equal(apiHeaders['x-frame-options'], 'DENY');
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
