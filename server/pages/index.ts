/**
 * The server-rendered pages, mounted at the root: the login page, the static assets, and (added by
 * the admin-page work) the admin and profile pages.
 */
import { Hono } from 'hono';
import type { AppProviders } from '../providers.js';
import type { DoorEnv } from '../http/context.js';
import { assetRoutes } from './assets-route.js';
import { adminPage } from './admin-page.js';
import { loginPage } from './login-page.js';
import { profilePage } from './profile-page.js';
import type { ZoneDecisionDeps } from '../domain/zone-decision.js';

export function pageRoutes(
  providers: AppProviders,
  distDir: string,
  zoneDecision: ZoneDecisionDeps,
): Hono<DoorEnv> {
  const routes = new Hono<DoorEnv>();
  const deps = { zoneDecision, distDir };
  routes.route('/', assetRoutes(distDir));
  routes.route('/', loginPage(providers.config, deps));
  routes.route('/', adminPage(providers.config, deps));
  routes.route('/', profilePage(providers.config, deps));
  return routes;
}
