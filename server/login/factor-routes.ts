/**
 * Mounts the factors' own login routes (`FactorModule.routes`, declared without Hono in each
 * factor's folder: `server/factors/factor-routes.ts`) under `/api`, for every module that has
 * them — so a factor with routes touches no shared route file. Each route's body is checked by
 * its schema (400 `invalid_input`), its handler gets where the request stands, and an answer that
 * carries a `sessionToken` sets the session cookie without sending the token.
 */
import { Hono } from 'hono';
import type { DoorDeps } from '../http/door-deps.js';
import type { DoorEnv } from '../http/context.js';
import { validate } from '../http/validation.js';
import { ownOrigins } from '../http/public-origin.js';
import { zoneDecisionOf } from '../http/zone-decision-of.js';
import { FACTOR_MODULES } from '../factors/modules.js';
import type { FactorModule } from '../factors/factor-module.js';
import type { FactorRoute } from '../factors/factor-routes.js';
import type { LoginDeps } from '../domain/login/steps/step-deps.js';
import { setSessionCookie } from './cookies.js';

export function factorRoutes(doors: DoorDeps, deps: LoginDeps): Hono<DoorEnv> {
  const { config, zoneDecision: zoneDecisionDeps } = doors;
  const origins = ownOrigins(config.publicUrl);
  const app = new Hono<DoorEnv>();
  const mount = (route: FactorRoute) =>
    app.post(route.path, validate('json', route.body), async (c) => {
      const request = {
        zoneDecision: await zoneDecisionOf(c, zoneDecisionDeps),
        userAgent: c.req.header('user-agent') ?? null,
      };
      const body: unknown = c.req.valid('json');
      const { sessionToken, ...answer } = await route.handle(request, body);
      if (sessionToken) setSessionCookie(c, config, sessionToken);
      return c.json(answer);
    });
  for (const m of Object.values(FACTOR_MODULES) as FactorModule[])
    for (const route of m.routes?.({ deps, origins }) ?? []) mount(route);
  return app;
}
