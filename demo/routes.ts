/**
 * Demo pages (mounted only with `--demo`): the start page, a Jira-style and a Confluence-style login
 * page embedding `<ipsafezone-login>` as an integrator would, and a protected sample page that
 * shows who is signed in. The sample page is guarded by the same session middleware as the admin
 * API and forward-auth, so it opens only while the session's factors suffice from the current
 * address.
 */
import { formatFactors } from '../server/factors/proof.js';
import { Hono } from 'hono';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { DoorDeps } from '../server/http/door-deps.js';
import type { DoorEnv } from '../server/http/context.js';
import { sessionDepsOf, sessionMiddleware } from '../server/login/session-middleware.js';
import { zoneDecisionOf } from '../server/http/zone-decision-of.js';
import { safeReturnUrl } from '../server/login/return-url.js';
import { pageLang } from '../server/platform/html.js';
import { findUserById } from '../server/store/users.js';
import { appPage, productLoginPage, startPage } from './pages.js';
import { demoRelyingParty } from './oidc-rp.js';

const CSS_FILE = fileURLToPath(new URL('./assets/demo.css', import.meta.url));

/** The demo's routes: `/`, `/demo/jira/login`, `/demo/confluence/login`, `/demo/app`, `/demo/demo.css`. */
export function demoRoutes(doors: DoorDeps): Hono<DoorEnv> {
  const { db, config, zoneDecision: deps } = doors;
  const banner = config.embeddedSecSign;
  const routes = new Hono<DoorEnv>();

  routes.get('/demo/demo.css', async (c) =>
    c.body(await readFile(CSS_FILE, 'utf8'), 200, {
      'Content-Type': 'text/css; charset=utf-8',
      'Cache-Control': 'public, max-age=300',
    }),
  );

  routes.get('/', async (c) => {
    const url = new URL(c.req.url);
    const port = url.port || (url.protocol === 'https:' ? '443' : '80');
    return c.html(
      startPage({
        lang: pageLang(c.req.header('accept-language')),
        port,
        zoneDecision: await zoneDecisionOf(c, deps),
        banner,
      }),
    );
  });

  for (const product of ['jira', 'confluence'] as const) {
    routes.get(`/demo/${product}/login`, (c) => {
      const back = safeReturnUrl(c.req.query('return_to') ?? '', config) ?? '/demo/app';
      return c.html(
        productLoginPage({
          lang: pageLang(c.req.header('accept-language')),
          product,
          returnTo: back,
          banner,
        }),
      );
    });
  }

  routes.use('/demo/app', sessionMiddleware(sessionDepsOf(doors)));
  routes.get('/demo/app', async (c) => {
    const actor = c.var.actor;
    const user = actor ? await findUserById(db, actor.id) : null;
    if (!actor || !user || user.disabled) {
      c.header('Cache-Control', 'no-store');
      return c.redirect(`/demo/jira/login?return_to=${encodeURIComponent('/demo/app')}`, 302);
    }
    const client = c.var.client;
    const viaProxy = client.source !== 'socket' && client.source !== 'none';
    c.header('Cache-Control', 'no-store');
    return c.html(
      appPage({
        lang: pageLang(c.req.header('accept-language')),
        banner,
        user,
        factors: formatFactors(actor.factors ?? []),
        zoneDecision: await zoneDecisionOf(c, deps),
        proxyUser: viaProxy ? (c.req.header('remote-user') ?? null) : null,
      }),
    );
  });

  routes.route('/', demoRelyingParty(doors));
  return routes;
}
