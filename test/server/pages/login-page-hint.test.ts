/**
 * The login page hands the widget the zone answer for that very request (`zone-hint`, the same
 * JSON as `GET /api/zone`), links the bundle by content hash with a module preload, and is never
 * cached. The hint is only for rendering: a forged one changes nothing the server decides.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { INSIDE, OUTSIDE, PASSWORD, startFixture, type Fixture } from '../login/fixture.js';

let f: Fixture;
before(async () => {
  f = await startFixture();
});
after(async () => {
  await f.close();
});

const unescape = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

async function page(address: string) {
  const res = await f.client(address).request('GET', '/login', undefined, { accept: 'text/html' });
  const hint = /<ipsafezone-login [^>]*zone-hint="([^"]*)"/.exec(res.body)?.[1];
  return { res, hint: hint === undefined ? undefined : JSON.parse(unescape(hint)) };
}

describe('GET /login', () => {
  it('carries the /api/zone answer of this request, inside and outside', async () => {
    for (const address of [INSIDE, OUTSIDE]) {
      const { res, hint } = await page(address);
      assert.equal(res.status, 200);
      const api = await f.client(address).get('/api/zone');
      assert.deepEqual(hint, api.body);
    }
    assert.equal((await page(INSIDE)).hint.mode, 'password');
    assert.equal((await page(OUTSIDE)).hint.mode, '2fa');
  });

  it('is not cached, preloads the bundle and links it by content hash', async () => {
    const { res } = await page(INSIDE);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const preload = /<link rel="modulepreload" href="([^"]+)">/.exec(res.body)?.[1];
    const script = /<script type="module" src="([^"]+)">/.exec(res.body)?.[1];
    assert.ok(preload, 'a modulepreload link');
    assert.equal(preload, script);
    assert.match(script!, /^\/widget\/ipsafezone-login\.js(\?v=[\w-]{27})?$/);
    assert.doesNotMatch(res.body, /<script>|<style>| style="/);
  });

  it('is only a hint: from outside a password sign-in is still refused', async () => {
    const res = await f
      .client(OUTSIDE)
      .post('/api/login/password', { username: 'carol', password: PASSWORD });
    assert.notEqual(res.body?.status, 'signed_in');
  });
});
