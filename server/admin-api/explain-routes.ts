/**
 * `/api/admin/explain?address=…[&username=…]`: which zone an address falls in, what a login from
 * there needs and why — plus, for the admin page, where the administrator's own request comes from.
 */
import { Hono } from 'hono';
import type { DoorDeps } from '../http/door-deps.js';
import type { DoorEnv } from '../http/context.js';
import { explainAddress } from '../domain/explain.js';
import { explainQuery } from './schemas.js';
import { validate } from './validate.js';

export function explainRoutes({ db, zoneDecision }: DoorDeps) {
  return new Hono<DoorEnv>().get('/', validate('query', explainQuery), async (c) => {
    const { address, username } = c.req.valid('query');
    const explanation = await explainAddress(db, zoneDecision.zones, address, username);
    return c.json({ ...explanation, requester: c.get('client') });
  });
}
