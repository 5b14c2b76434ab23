/**
 * The profile page (`/profile`): for any signed-in user, an HTML shell loading
 * `<ipsafezone-profile>` (their data, their sessions, their own SecSign ID); for everyone else
 * `<ipsafezone-login>` returning here.
 */
import { Hono } from 'hono';
import type { DoorEnv } from '../http/context.js';
import { signedInUser } from '../http/require-actor.js';
import { elementShell, shellText, signInShell } from './admin-page.js';
import { pageLang } from '../platform/html.js';
import type { WidgetPageDeps } from './widget-embed.js';

export function profilePage(deps: WidgetPageDeps): Hono<DoorEnv> {
  const { config } = deps;
  const routes = new Hono<DoorEnv>();
  routes.get('/profile', async (c) => {
    const t = shellText(pageLang(c.req.header('accept-language')));
    const actor = signedInUser(c.get('actor'));
    if (!actor) return signInShell(c, config, deps, '/profile', t.profile);
    return elementShell(
      c,
      config,
      deps,
      {
        title: t.profile,
        tag: 'ipsafezone-profile',
        bundle: 'profile',
      },
      actor,
    );
  });
  return routes;
}
