/**
 * `/api/admin/zones`: list, create, update and delete safe zones. A bad range answers 422
 * `invalid_ranges` with `details.problems` (index, text, code, message) for each one.
 */
import { Hono } from 'hono';
import type { AppProviders } from '../providers.js';
import type { AppEnv } from '../http/context.js';
import type { ZoneMatcherSource } from '../domain/zone-matcher-source.js';
import { createZone, deleteZone, updateZone, viewZone } from '../domain/zones-service.js';
import { listZones, zonesVersion } from '../store/zones.js';
import { idParam, zoneCreate, zonePatch } from './schemas.js';
import { validate } from './validate.js';
import { zoneJson } from './views.js';

export function zonesRoutes({ db, clock }: AppProviders, matchers: ZoneMatcherSource) {
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const version = await zonesVersion(db);
      const zones = await listZones(db);
      return c.json({ zones: zones.map((z) => zoneJson(viewZone(z))), version });
    })
    .post('/', validate('json', zoneCreate), async (c) => {
      const zone = await createZone(db, clock, c.var.actor!, c.req.valid('json'));
      matchers.invalidate();
      return c.json({ zone: zoneJson(zone) }, 201);
    })
    .patch('/:id', validate('param', idParam), validate('json', zonePatch), async (c) => {
      const id = Number(c.req.valid('param').id);
      const zone = await updateZone(db, clock, c.var.actor!, id, c.req.valid('json'));
      matchers.invalidate();
      return c.json({ zone: zoneJson(zone) });
    })
    .delete('/:id', validate('param', idParam), async (c) => {
      await deleteZone(db, clock, c.var.actor!, Number(c.req.valid('param').id));
      matchers.invalidate();
      return c.json({ ok: true });
    });
}
