// Compressed static assets: brotli or gzip chosen by Accept-Encoding with Vary, the build's
// precompressed files used when they match and ignored when stale, an ETag per form that
// revalidates across forms, a year of caching for content-hashed addresses and 5 minutes plus
// ETag for the widget's stable address. Uses temporary dist folders, not the real build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { widgetRoutes } from '../../../server/http/widget-route.js';
import { assetRoutes } from '../../../server/pages/assets-route.js';
import { chooseEncoding } from '../../../server/http/static-files.js';

const WIDGET = '/widget/ipsafezone-login.js';
const BODY = `export const text = "${'ipsafezone '.repeat(200)}";\n`;

async function withDist(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'ipsz-compressed-'));
  try {
    await mkdir(join(dir, 'assets'));
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('Accept-Encoding picks brotli, then gzip, then none; q=0 refuses', () => {
  assert.equal(chooseEncoding('gzip, deflate, br, zstd'), 'br');
  assert.equal(chooseEncoding('gzip, deflate'), 'gzip');
  assert.equal(chooseEncoding('br;q=0, gzip;q=0.5'), 'gzip');
  assert.equal(chooseEncoding('*'), 'br');
  assert.equal(chooseEncoding('*;q=0, identity'), 'identity');
  assert.equal(chooseEncoding(undefined), 'identity');
  assert.equal(chooseEncoding('identity'), 'identity');
});

test('the widget comes brotli- or gzip-compressed by Accept-Encoding, with Vary', async () => {
  await withDist(async (dir) => {
    await writeFile(join(dir, 'ipsafezone-login.js'), BODY);
    const app = widgetRoutes({ distDir: dir });
    const br = await app.request(WIDGET, { headers: { 'Accept-Encoding': 'gzip, br' } });
    assert.equal(br.headers.get('content-encoding'), 'br');
    assert.equal(br.headers.get('vary'), 'Accept-Encoding');
    const brBytes = Buffer.from(await br.arrayBuffer());
    assert.ok(brBytes.length < BODY.length / 4);
    assert.equal(brotliDecompressSync(brBytes).toString(), BODY);

    const gz = await app.request(WIDGET, { headers: { 'Accept-Encoding': 'gzip' } });
    assert.equal(gz.headers.get('content-encoding'), 'gzip');
    assert.equal(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString(), BODY);

    const plain = await app.request(WIDGET);
    assert.equal(plain.headers.get('content-encoding'), null);
    assert.equal(plain.headers.get('vary'), 'Accept-Encoding');
    assert.equal(await plain.text(), BODY);

    const tags = new Set([br, gz, plain].map((r) => r.headers.get('etag')));
    assert.equal(tags.size, 3, 'each form has its own ETag');
    const revalidated = await app.request(WIDGET, {
      headers: { 'Accept-Encoding': 'br', 'If-None-Match': gz.headers.get('etag')! },
    });
    assert.equal(revalidated.status, 304);
    assert.equal(revalidated.headers.get('etag'), br.headers.get('etag'));
    assert.equal(revalidated.headers.get('vary'), 'Accept-Encoding');
  });
});

test('the build’s precompressed file is served when it matches, ignored when stale', async () => {
  await withDist(async (dir) => {
    await writeFile(join(dir, 'ipsafezone-login.js'), BODY);
    // Gzip at level 1 differs from the level 9 the server would make: the bytes show which one.
    const marked = gzipSync(Buffer.from(BODY), { level: 1 });
    assert.notDeepEqual(marked, gzipSync(Buffer.from(BODY), { level: 9 }));
    await writeFile(join(dir, 'ipsafezone-login.js.gz'), marked);
    await writeFile(join(dir, 'ipsafezone-login.js.br'), brotliCompressSync('stale content'));
    const app = widgetRoutes({ distDir: dir });
    const gz = await app.request(WIDGET, { headers: { 'Accept-Encoding': 'gzip' } });
    assert.deepEqual(Buffer.from(await gz.arrayBuffer()), marked);
    const br = await app.request(WIDGET, { headers: { 'Accept-Encoding': 'br' } });
    assert.equal(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString(), BODY);
  });
});

test('the widget: 5 minutes at the stable address, a year immutable with ?v=<hash>', async () => {
  await withDist(async (dir) => {
    await writeFile(join(dir, 'ipsafezone-login.js'), BODY);
    const app = widgetRoutes({ distDir: dir });
    const stable = await app.request(WIDGET);
    assert.equal(stable.headers.get('cache-control'), 'public, max-age=300');
    const hash = stable.headers.get('etag')!.replace(/"/g, '');
    const versioned = await app.request(`${WIDGET}?v=${hash}`);
    assert.equal(versioned.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    const wrong = await app.request(`${WIDGET}?v=not-the-hash`);
    assert.equal(wrong.headers.get('cache-control'), 'public, max-age=300');
  });
});

test('page bundles and CSS: compressed, hashed chunk immutable, others revalidated', async () => {
  await withDist(async (dir) => {
    await writeFile(join(dir, 'assets', 'admin.js'), BODY);
    await writeFile(join(dir, 'assets', 'shared-AbCd12_x.js'), BODY);
    const app = assetRoutes({ distDir: dir });
    const admin = await app.request('/assets/admin.js', { headers: { 'Accept-Encoding': 'br' } });
    assert.equal(admin.status, 200);
    assert.equal(admin.headers.get('content-encoding'), 'br');
    assert.equal(admin.headers.get('cache-control'), 'public, max-age=300');
    const again = await app.request('/assets/admin.js', {
      headers: { 'Accept-Encoding': 'br', 'If-None-Match': admin.headers.get('etag')! },
    });
    assert.equal(again.status, 304);
    const chunk = await app.request('/assets/shared-AbCd12_x.js');
    assert.equal(chunk.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    const css = await app.request('/assets/page.css', { headers: { 'Accept-Encoding': 'gzip' } });
    assert.equal(css.status, 200);
    assert.equal(css.headers.get('content-type'), 'text/css; charset=utf-8');
    assert.equal(css.headers.get('content-encoding'), 'gzip');
    assert.equal(css.headers.get('vary'), 'Accept-Encoding');
    assert.match(gunzipSync(Buffer.from(await css.arrayBuffer())).toString(), /ipsz/);
  });
});
