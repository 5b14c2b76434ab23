/**
 * `/api/admin/zones`: list, create, update and delete safe zones. A bad range answers 422
 * `invalid_ranges` with `details.problems` (index, text, code, message) for each one. A saved zone
 * that holds a trusted proxy's address answers with a warning saying so. A change that would end
 * the acting administrator's own session answers 409 `ends_own_session` until sent again with
 * `"confirm": true` (a deletion: `?confirm=true`; server/domain/own-session.ts).
 */
import { Hono } from 'hono';
import type { DoorDeps } from '../http/door-deps.js';
import type { DoorEnv } from '../http/context.js';
import { domainActor, ownSessionOf } from '../http/domain-actor.js';
import {
  createZone,
  deleteZone,
  updateZone,
  viewZone,
  type ZoneView,
} from '../domain/zones-service.js';
import { proxyInZoneWarning, trustedProxiesInZones } from '../client-address/index.js';
import { listZones, zonesVersion } from '../store/zones.js';
import { confirmQuery, idParam, zoneCreate, zonePatch } from './schemas.js';
import { validate } from './validate.js';
import { zoneJson } from './views.js';

/** The zone's own warnings plus one for each trusted proxy inside it. */
function withProxyWarnings(zone: ZoneView, trustedProxies: readonly string[]): ZoneView {
  const extra = trustedProxiesInZones(trustedProxies, [zone]).map(proxyInZoneWarning);
  return extra.length ? { ...zone, warnings: [...zone.warnings, ...extra] } : zone;
}

export function zonesRoutes({ db, clock, config, zoneDecision }: DoorDeps) {
  return new Hono<DoorEnv>()
    .get('/', async (c) => {
      const version = await zonesVersion(db);
      const zones = await listZones(db);
      return c.json({
        zones: zones.map((z) => zoneJson(withProxyWarnings(viewZone(z), config.trustedProxies))),
        version,
      });
    })
    .post('/', validate('json', zoneCreate), async (c) => {
      const { confirm, ...input } = c.req.valid('json');
      const own = ownSessionOf(c, zoneDecision, confirm);
      const zone = await createZone(db, clock, domainActor(c), input, own);
      return c.json({ zone: zoneJson(withProxyWarnings(zone, config.trustedProxies)) }, 201);
    })
    .patch('/:id', validate('param', idParam), validate('json', zonePatch), async (c) => {
      const id = Number(c.req.valid('param').id);
      const { confirm, ...patch } = c.req.valid('json');
      const own = ownSessionOf(c, zoneDecision, confirm);
      const zone = await updateZone(db, clock, domainActor(c), id, patch, own);
      return c.json({ zone: zoneJson(withProxyWarnings(zone, config.trustedProxies)) });
    })
    .delete('/:id', validate('param', idParam), validate('query', confirmQuery), async (c) => {
      const own = ownSessionOf(c, zoneDecision, c.req.valid('query').confirm === 'true');
      await deleteZone(db, clock, domainActor(c), Number(c.req.valid('param').id), own);
      return c.json({ ok: true });
    });
}
