/**
 * Demo pages (mounted only with `--demo`): the start page, a Jira-style and a Confluence-style login
 * page embedding `<ipsafezone-login>` as an integrator would, and a protected sample page.
 */
import { Hono } from 'hono';
import type { AppProviders } from '../app.js';
import type { AppEnv } from '../http/context.js';

export function demoRoutes(_providers: AppProviders): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  return routes;
}
