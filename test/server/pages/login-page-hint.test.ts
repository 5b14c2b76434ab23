/**
 * The login page hands the widget the zone answer for that very request (`zone-hint`, the same
 * JSON as `GET /api/zone`) and is never cached; the hint is only for rendering: a forged one
 * changes nothing the server decides. With a self-contained bundle the page carries it inline,
 * allowed by its hash in the page's CSP, and comes compressed; with a bundle that imports chunks
 * (or none built) it links the bundle by content hash with a module preload.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { loginPage } from '../../../server/pages/login-page.js';
import { createZoneMatcherSource } from '../../../server/domain/zone-matcher-source.js';
import { createSettingsSource } from '../../../server/domain/settings-source.js';
import { defaultConfig } from '../../../server/config/settings.js';
import { INSIDE, OUTSIDE, PASSWORD, startFixture, type Fixture } from '../login/fixture.js';
import { createMetrics } from '../../../server/ops/metrics.js';

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

  it('is not cached', async () => {
    const { res } = await page(INSIDE);
    assert.equal(res.headers.get('cache-control'), 'no-store');
  });

  it('is only a hint: from outside a password sign-in is still refused', async () => {
    const res = await f
      .client(OUTSIDE)
      .post('/api/login/password', { username: 'carol', password: PASSWORD });
    assert.notEqual(res.body?.status, 'signed_in');
  });
});

/**
 * The login page alone over a temporary dist folder holding `widget` as the bundle (and `inline`
 * as the page's one-module build, `assets/login-page.js`, when given).
 */
async function withWidget(
  widget: string,
  fn: (res: Response) => Promise<void>,
  inline?: string,
): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'ipsz-login-page-'));
  try {
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'ipsafezone-login.js'), widget);
    if (inline !== undefined) await writeFile(join(dir, 'assets', 'login-page.js'), inline);
    const routes = loginPage({
      config: defaultConfig(),
      distDir: dir,
      metrics: createMetrics(),
      zoneDecision: {
        db: f.db,
        zones: createZoneMatcherSource(f.db, f.clock),
        settings: createSettingsSource(f.db),
      },
    });
    await fn(await routes.request('/login', { headers: { 'Accept-Encoding': 'gzip, br' } }));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

describe('GET /login with the bundle inline', () => {
  it('carries a self-contained bundle inline, allowed by its hash, compressed', async () => {
    const code =
      'const s = "</script>"; customElements.define("x-y", class extends HTMLElement {});';
    await withWidget(code, async (res) => {
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-encoding'), 'br');
      assert.equal(res.headers.get('vary'), 'Accept-Encoding');
      const html = brotliDecompressSync(Buffer.from(await res.arrayBuffer())).toString();
      const inline = /<script type="module">([\s\S]*?)<\/script>/.exec(html)?.[1];
      assert.equal(inline, code.replace('</script', '<\\/script'));
      const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1];
      assert.ok(style && style.includes('ipsz'), 'page.css inline');
      const csp = res.headers.get('content-security-policy') ?? '';
      assert.match(
        csp,
        new RegExp(`script-src 'self' ${sha256(inline!).replace(/[+/]/g, '\\$&')}(;|$)`),
      );
      assert.ok(csp.includes(`style-src 'self' ${sha256(style!)}`));
      assert.doesNotMatch(csp, /unsafe-inline/);
      assert.doesNotMatch(html, /<script type="module" src=/);
    });
  });

  it('carries the one-module build inline when the widget itself imports chunks', async () => {
    const whole = 'customElements.define("x-y", class extends HTMLElement {}); const t = {};';
    await withWidget(
      'import("./steps.js");',
      async (res) => {
        const html = brotliDecompressSync(Buffer.from(await res.arrayBuffer())).toString();
        assert.equal(/<script type="module">([\s\S]*?)<\/script>/.exec(html)?.[1], whole);
        assert.doesNotMatch(html, /<script type="module" src=/);
      },
      whole,
    );
  });

  it('links a bundle that imports chunks, by content hash with a module preload', async () => {
    await withWidget('import("./steps.js");', async (res) => {
      const html = brotliDecompressSync(Buffer.from(await res.arrayBuffer())).toString();
      const preload = /<link rel="modulepreload" href="([^"]+)">/.exec(html)?.[1];
      const script = /<script type="module" src="([^"]+)">/.exec(html)?.[1];
      assert.equal(preload, script);
      assert.match(script!, /^\/widget\/ipsafezone-login\.js\?v=[\w-]{27}$/);
      assert.doesNotMatch(html, /<script type="module">|<style>/);
      assert.equal(
        res.headers.get('content-security-policy'),
        null,
        'the app-wide strict CSP applies',
      );
    });
  });
});
