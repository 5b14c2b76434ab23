/**
 * Serves the built widget, `GET /widget/ipsafezone-login.js`, to any Atlassian page that embeds it,
 * and the chunks it loads itself (`/widget/ipsafezone-login-<name>-<hash>.js`: its words, its form).
 * A module script from another origin is fetched in CORS mode, so the answer carries
 * `Access-Control-Allow-Origin: *` (the file is public and fetched without credentials) and
 * `Cross-Origin-Resource-Policy: cross-origin`. Cached for 5 minutes, revalidated by ETag (304).
 * When `npm run build` has not been run, a clear 404 JSON error says so.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Hono } from 'hono';
import { errorBody } from './errors.js';

/** The entry and its chunks; nothing else in dist/ is served here. */
const FILE = /^ipsafezone-login(-[\w-]+)?\.js$/;

/** Where to find the built bundle: the folder `vite build` writes (`dist/`). */
export interface WidgetRouteOptions {
  distDir: string;
}

interface Cached {
  key: string;
  body: Uint8Array;
  etag: string;
}

/** True when `If-None-Match` names `etag` (weak comparison) or is `*`. */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => t.trim() === '*' || bare(t) === bare(etag));
}

/**
 * The widget route as a sub-app; mount it with `app.route('/', widgetRoutes({ distDir }))`.
 * The file is read again only when its size or modification time changes.
 */
export function widgetRoutes(options: WidgetRouteOptions): Hono {
  const app = new Hono();
  const cache = new Map<string, Cached>();

  app.get('/widget/:file', async (c, next) => {
    const file = c.req.param('file');
    if (!FILE.test(file)) return next();
    const path = join(options.distDir, file);
    let cached = cache.get(file);
    let key: string;
    try {
      const s = await stat(path);
      key = `${s.size}:${s.mtimeMs}`;
      if (cached?.key !== key) {
        const body = new Uint8Array(await readFile(path));
        const hash = createHash('sha256').update(body).digest('base64url').slice(0, 27);
        cached = { key, body, etag: `"${hash}"` };
        cache.set(file, cached);
      }
    } catch {
      cache.delete(file);
      return c.json(
        errorBody(
          'widget_not_built',
          'The widget has not been built yet: run npm run build on the server.',
        ),
        404,
      );
    }
    const headers = {
      'Cache-Control': 'public, max-age=300',
      ETag: cached.etag,
      'Access-Control-Allow-Origin': '*',
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'X-Content-Type-Options': 'nosniff',
    };
    if (matches(c.req.header('If-None-Match'), cached.etag)) {
      return c.body(null, 304, headers);
    }
    return c.body(cached.body as Uint8Array<ArrayBuffer>, 200, {
      ...headers,
      'Content-Type': 'text/javascript; charset=utf-8',
    });
  });

  return app;
}
