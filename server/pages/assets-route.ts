/**
 * Serves the pages' own static files (`/assets/*.css`) from server/pages/assets and the built page
 * bundles (`/assets/*.js`) from dist/assets, with short caching. Only plain file names: no paths,
 * so nothing outside those folders can be reached.
 */
import { Hono } from 'hono';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { errorBody } from '../http/errors.js';

const OWN_DIR = fileURLToPath(new URL('./assets/', import.meta.url));
const TYPES: Record<string, string> = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  png: 'image/png',
  svg: 'image/svg+xml',
};

export function assetRoutes(distDir: string): Hono {
  const routes = new Hono();
  routes.get('/assets/:file', async (c) => {
    const file = c.req.param('file');
    const ext = /^[a-z0-9][a-z0-9._-]*\.([a-z]+)$/i.exec(file)?.[1]?.toLowerCase();
    if (!ext || !TYPES[ext] || file.includes('..')) {
      return c.json(errorBody('not_found', 'There is nothing at this address.'), 404);
    }
    for (const dir of [OWN_DIR, join(distDir, 'assets')]) {
      try {
        const body = await readFile(join(dir, file));
        return c.body(body, 200, {
          'Content-Type': TYPES[ext],
          'Cache-Control': 'public, max-age=300',
        });
      } catch {
        // try the next folder
      }
    }
    return c.json(errorBody('not_found', 'There is nothing at this address.'), 404);
  });
  return routes;
}
