/**
 * The server-rendered pages, mounted at the root: the login page, the static assets, and (added by
 * the admin-page work) the admin and profile pages.
 */
import { Hono } from 'hono';
import type { DoorDeps } from '../http/door-deps.js';
import type { DoorEnv } from '../http/context.js';
import { assetRoutes } from './assets-route.js';
import { adminPage } from './admin-page.js';
import { loginPage } from './login-page.js';
import { profilePage } from './profile-page.js';

export function pageRoutes(doors: DoorDeps): Hono<DoorEnv> {
  const routes = new Hono<DoorEnv>();
  routes.route('/', assetRoutes(doors));
  routes.route('/', loginPage(doors));
  routes.route('/', adminPage(doors));
  routes.route('/', profilePage(doors));
  return routes;
}
