/**
 * A path under `/oidc` the provider does not serve (the endpoints it leaves off — dynamic client
 * registration, introspection, device flow, pushed requests — or a typo) gets 404 in the OAuth 2.0
 * error shape the provider's other errors have (RFC 6749 5.2), not the library's bare
 * `Not Found` text; a wrong method on a real endpoint likewise.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { oidcFixturePerFile } from './oidc-fixture.js';

const fixture = oidcFixturePerFile();

test('an unknown path or method under /oidc gets 404 with an OAuth error body', async () => {
  const f = fixture();
  for (const [method, path] of [
    ['POST', '/oidc/reg'],
    ['POST', '/oidc/token/introspection'],
    ['POST', '/oidc/device/auth'],
    ['POST', '/oidc/request'],
    ['GET', '/oidc/nope'],
    ['GET', '/oidc'],
    ['PUT', '/oidc/token'],
    ['DELETE', '/oidc/auth'],
  ] as const) {
    const res = await fetch(f.origin + path, {
      method,
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: method === 'GET' || method === 'DELETE' ? undefined : '{}',
    });
    assert.equal(res.status, 404, `${method} ${path}`);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/, `${method} ${path}`);
    const body = (await res.json()) as { error?: unknown; error_description?: unknown };
    assert.equal(body.error, 'not_found', `${method} ${path}`);
    assert.equal(typeof body.error_description, 'string', `${method} ${path}`);
  }
});
