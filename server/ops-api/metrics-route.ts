/**
 * `GET /metrics` in Prometheus text format, for configured callers only: a request from an
 * address in `IPSAFEZONE_METRICS_ALLOW` (the resolved client address, so behind a trusted proxy
 * the real one), or one carrying `Authorization: Bearer <IPSAFEZONE_METRICS_TOKEN>`. Everyone else
 * gets 404, as if there were nothing here.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import type { DoorEnv } from '../http/context.js';
import { errorBody } from '../http/errors.js';
import { compileZones } from '../zones/index.js';
import type { DoorDeps } from '../http/door-deps.js';

const digest = (s: string) => createHash('sha256').update(s).digest();

export function metricsRoutes({ ops, metrics }: DoorDeps): Hono<DoorEnv> {
  const routes = new Hono<DoorEnv>();
  const access = ops?.metrics;
  // Neither a token nor an allowed address configured: no `/metrics` at all (the app's 404).
  if (!access || (access.token === '' && access.allow.length === 0)) return routes;
  const registry = metrics.registry;
  const allow = compileZones([
    { name: 'metrics', ranges: access.allow, enabled: true, force: true },
  ]);
  const token = access.token ? digest(access.token) : null;
  routes.get('/metrics', async (c) => {
    const auth = c.req.header('authorization') ?? '';
    const bearer = /^Bearer\s+(\S+)$/i.exec(auth)?.[1];
    const byToken =
      token !== null && bearer !== undefined && timingSafeEqual(digest(bearer), token);
    const ip = c.get('client').ip;
    const byAddress =
      ip !== null && c.get('client').stoppedBy === undefined && allow.match(ip).inside;
    if (!byToken && !byAddress) {
      return c.json(errorBody('not_found', 'There is nothing at this address.'), 404);
    }
    c.header('Content-Type', registry.contentType);
    c.header('Cache-Control', 'no-store');
    return c.body(await registry.metrics());
  });
  return routes;
}
