/**
 * Serves the pages' own static files (`/assets/*.css`) from server/pages/assets and the built page
 * bundles (`/assets/*.js`) from dist/assets. Only plain file names: no paths, so nothing outside
 * those folders can be reached. Brotli or gzip by `Accept-Encoding` (precompressed by the build,
 * see `server/http/static-files.ts`). A file whose name carries Vite's content hash
 * (`shared-<hash>.js`), or a link with `?v=<content hash>` (how our pages link the others), is
 * cached for a year; anything else for 5 minutes and revalidated by ETag.
 */
import type { DoorDeps } from '../http/door-deps.js';
import { Hono } from 'hono';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { errorBody } from '../http/errors.js';
import { loadStaticFile, staticAnswer, type StaticFile } from '../http/static-files.js';
import { IMMUTABLE } from '../http/widget-route.js';

const OWN_DIR = fileURLToPath(new URL('./assets/', import.meta.url));
const TYPES: Record<string, string> = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  png: 'image/png',
  svg: 'image/svg+xml',
};

/** The page build names its shared chunk by content hash: `shared-<hash>.js` (vite.pages.config.ts). */
const HASHED_NAME = /^shared-[A-Za-z0-9_-]{8,}\.js$/;

/** Finds `/assets/<file>`: our own folder first, then the build's. */
async function findAsset(distDir: string, file: string): Promise<StaticFile | null> {
  const built = join(distDir, 'assets');
  for (const dir of [OWN_DIR, built]) {
    const found = await loadStaticFile(join(dir, file), [built]);
    if (found) return found;
  }
  return null;
}

/** `/assets/<file>?v=<content hash>`, for links in our pages; the plain address when not found. */
export async function versionedAssetUrl(distDir: string, file: string): Promise<string> {
  const found = await findAsset(distDir, file);
  return found ? `/assets/${file}?v=${found.hash}` : `/assets/${file}`;
}

export function assetRoutes({ distDir }: Pick<DoorDeps, 'distDir'>): Hono {
  const routes = new Hono();
  routes.get('/assets/:file', async (c) => {
    const file = c.req.param('file');
    const ext = /^[a-z0-9][a-z0-9._-]*\.([a-z]+)$/i.exec(file)?.[1]?.toLowerCase();
    if (!ext || !TYPES[ext] || file.includes('..')) {
      return c.json(errorBody('not_found', 'There is nothing at this address.'), 404);
    }
    const found = await findAsset(distDir, file);
    if (!found) return c.json(errorBody('not_found', 'There is nothing at this address.'), 404);
    const immutable = HASHED_NAME.test(file) || c.req.query('v') === found.hash;
    const answer = staticAnswer(
      found,
      {
        acceptEncoding: c.req.header('Accept-Encoding'),
        ifNoneMatch: c.req.header('If-None-Match'),
      },
      TYPES[ext],
      immutable ? IMMUTABLE : 'public, max-age=300',
    );
    if (answer.status === 304) return c.body(null, 304, answer.headers);
    return c.body(answer.body as Uint8Array<ArrayBuffer>, 200, answer.headers);
  });
  return routes;
}
