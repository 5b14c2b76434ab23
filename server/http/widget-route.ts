/**
 * Serves the built widget, `GET /widget/ipsafezone-login.js`, to any Atlassian page that embeds it,
 * and the chunks it loads itself (`/widget/ipsafezone-login-<name>-<hash>.js`: its words, its form).
 * A module script from another origin is fetched in CORS mode, so the answer carries
 * `Access-Control-Allow-Origin: *` (the file is public and fetched without credentials) and
 * `Cross-Origin-Resource-Policy: cross-origin`. Brotli or gzip by `Accept-Encoding`
 * (`server/http/static-files.ts`). At the stable address integrators use: cached for 5 minutes,
 * revalidated by ETag (304). With `?v=<content hash>` (how our own pages link it): cached for a
 * year, immutable. When `npm run build` has not been run, a clear 404 JSON error says so.
 */
import type { DoorDeps } from './door-deps.js';
import { join } from 'node:path';
import { Hono } from 'hono';
import { errorBody } from './errors.js';
import { loadStaticFile, staticAnswer } from './static-files.js';

/** The entry and its chunks; nothing else in dist/ is served here. */
const FILE = /^ipsafezone-login(-[\w-]+)?\.js$/;

/** The entry file. */
const ENTRY = 'ipsafezone-login.js';

/** The widget's address, stable for integrators. */
export const WIDGET_PATH = `/widget/${ENTRY}`;

/** Caching of a content-hashed URL: a year, never revalidated. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * The widget's address with its content hash (`?v=…`) for our own pages, or the stable address
 * when the widget is not built.
 */
export async function versionedWidgetUrl(distDir: string): Promise<string> {
  const file = await loadStaticFile(join(distDir, ENTRY));
  return file ? `${WIDGET_PATH}?v=${file.hash}` : WIDGET_PATH;
}

/**
 * The widget route as a sub-app; mount it with `app.route('/', widgetRoutes({ distDir }))`.
 * The file is read again only when its size or modification time changes.
 */
/** Takes where the built bundle is: the folder `vite build` writes (`dist/`). */
export function widgetRoutes(options: Pick<DoorDeps, 'distDir'>): Hono {
  const app = new Hono();
  app.get('/widget/:file', async (c, next) => {
    const name = c.req.param('file');
    if (!FILE.test(name)) return next();
    const file = await loadStaticFile(join(options.distDir, name));
    if (!file) {
      return c.json(
        errorBody(
          'widget_not_built',
          'The widget has not been built yet: run npm run build on the server.',
        ),
        404,
      );
    }
    const versioned = c.req.query('v') === file.hash;
    const answer = staticAnswer(
      file,
      {
        acceptEncoding: c.req.header('Accept-Encoding'),
        ifNoneMatch: c.req.header('If-None-Match'),
      },
      'text/javascript; charset=utf-8',
      versioned ? IMMUTABLE : 'public, max-age=300',
    );
    const headers = {
      ...answer.headers,
      'Access-Control-Allow-Origin': '*',
      'Cross-Origin-Resource-Policy': 'cross-origin',
    };
    if (answer.status === 304) return c.body(null, 304, headers);
    return c.body(answer.body as Uint8Array<ArrayBuffer>, 200, headers);
  });

  return app;
}
