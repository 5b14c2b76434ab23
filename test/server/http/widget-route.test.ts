// The widget route: serves the built bundle with the right type and caching headers, answers 304
// to a matching ETag, lets other origins load it as a module script, notices a rebuild, and says
// clearly when the widget has not been built. Uses a temporary dist folder, not the real build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { widgetRoutes } from '../../../server/http/widget-route.js';

const URL_PATH = '/widget/ipsafezone-login.js';

async function withDist(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'ipsz-widget-'));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('serves the bundle as JavaScript with caching, ETag and cross-origin headers', async () => {
  await withDist(async (dir) => {
    await writeFile(join(dir, 'ipsafezone-login.js'), 'export const x = 1;\n');
    const res = await widgetRoutes({ distDir: dir }).request(URL_PATH);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal(res.headers.get('cache-control'), 'public, max-age=300');
    assert.match(res.headers.get('etag') ?? '', /^"[A-Za-z0-9_-]{27}"$/);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.equal(res.headers.get('cross-origin-resource-policy'), 'cross-origin');
    assert.equal(await res.text(), 'export const x = 1;\n');
  });
});

test('If-None-Match: 304 without a body for a matching tag, 200 otherwise', async () => {
  await withDist(async (dir) => {
    await writeFile(join(dir, 'ipsafezone-login.js'), 'export const x = 2;\n');
    const app = widgetRoutes({ distDir: dir });
    const etag = (await app.request(URL_PATH)).headers.get('etag') ?? '';
    const cases: Array<[string, number]> = [
      [etag, 304],
      [`W/${etag}`, 304],
      [`"other", ${etag}`, 304],
      ['*', 304],
      ['"other"', 200],
    ];
    for (const [header, status] of cases) {
      const res = await app.request(URL_PATH, { headers: { 'If-None-Match': header } });
      assert.equal(res.status, status, `If-None-Match: ${header}`);
      if (status === 304) {
        assert.equal(await res.text(), '');
        assert.equal(res.headers.get('etag'), etag);
        assert.equal(res.headers.get('cache-control'), 'public, max-age=300');
      }
    }
  });
});

test('a rebuilt bundle gets a new ETag and new content', async () => {
  await withDist(async (dir) => {
    const file = join(dir, 'ipsafezone-login.js');
    await writeFile(file, 'export const v = 1;\n');
    const app = widgetRoutes({ distDir: dir });
    const first = await app.request(URL_PATH);
    await writeFile(file, 'export const v = 22;\n');
    await utimes(file, new Date(), new Date(Date.now() + 5000));
    const second = await app.request(URL_PATH, {
      headers: { 'If-None-Match': first.headers.get('etag') ?? '' },
    });
    assert.equal(second.status, 200);
    assert.notEqual(second.headers.get('etag'), first.headers.get('etag'));
    assert.equal(await second.text(), 'export const v = 22;\n');
  });
});

test('no build: 404 with code widget_not_built telling to run npm run build', async () => {
  await withDist(async (dir) => {
    const res = await widgetRoutes({ distDir: join(dir, 'missing') }).request(URL_PATH);
    assert.equal(res.status, 404);
    const body = (await res.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'widget_not_built');
    assert.match(body.error.message, /npm run build/);
  });
});

test('only the bundle is served from the dist folder', async () => {
  await withDist(async (dir) => {
    await writeFile(join(dir, 'ipsafezone-login.js'), 'x');
    await writeFile(join(dir, 'secret.txt'), 'no');
    const app = widgetRoutes({ distDir: dir });
    for (const path of ['/widget/secret.txt', '/widget/../secret.txt', '/widget/']) {
      assert.equal((await app.request(path)).status, 404, path);
    }
  });
});
