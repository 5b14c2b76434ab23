/**
 * The /admin and /profile shells: the sign-in widget for nobody (or a session that is not enough
 * from here), 403 "administrators only" for a plain user at /admin, and the element shells under
 * the strict Content-Security-Policy (no inline script or style).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startFixture, INSIDE, OUTSIDE, type Fixture } from '../login/fixture.js';
import type { TestClient } from '../../support/client.js';

let f: Fixture;
before(async () => {
  f = await startFixture();
});
after(() => f.close());

const signIn = (username: string) => f.signIn(username);

const html = (c: TestClient, path: string, lang = 'en') =>
  c.request('GET', path, undefined, { accept: 'text/html', 'accept-language': lang });

describe('pages', () => {
  it('asks nobody to sign in, returning to the page', async () => {
    for (const path of ['/admin', '/profile']) {
      const res = await html(f.client(INSIDE), path);
      assert.equal(res.status, 200);
      assert.match(res.body, new RegExp(`<ipsafezone-login return-to="${path}" zone-hint="`));
      assert.match(res.body, /\/widget\/ipsafezone-login\.js/);
      assert.doesNotMatch(res.body, /ipsafezone-admin/);
    }
  });

  it('serves the admin element to an administrator, with the strict CSP', async () => {
    const res = await html(await signIn('alice'), '/admin', 'de-DE,de;q=0.9');
    assert.equal(res.status, 200);
    assert.match(res.body, /<ipsafezone-admin lang="de" username="alice"/);
    assert.match(res.body, /src="\/assets\/admin\.js(\?v=[\w-]{27})?"/);
    assert.doesNotMatch(res.body, /<script>|<style>| style="/);
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.equal(res.headers.get('cache-control'), 'no-store');
  });

  it('tells a plain user the admin page is for administrators, and serves their profile', async () => {
    const bob = await signIn('bob');
    const admin = await html(bob, '/admin');
    assert.equal(admin.status, 403);
    assert.match(admin.body, /Administrators only/);
    assert.match(admin.body, /href="\/profile"/);
    assert.doesNotMatch(admin.body, /admin\.js/);
    const profile = await html(bob, '/profile');
    assert.equal(profile.status, 200);
    assert.match(profile.body, /<ipsafezone-profile lang="en" username="bob"/);
    assert.match(profile.body, /src="\/assets\/profile\.js(\?v=[\w-]{27})?"/);
  });

  it('asks an administrator outside the zone with a password session to sign in again', async () => {
    const alice = await signIn('alice');
    alice.setAddress(OUTSIDE);
    const res = await html(alice, '/admin');
    assert.equal(res.status, 200);
    assert.match(
      res.body,
      /<ipsafezone-login return-to="\/admin" zone-hint="[^"]*&quot;mode&quot;:&quot;2fa&quot;/,
    );
    assert.match(res.body, /SecSign ID/);
  });
});
