/**
 * `/api/admin/settings`: read and change IPSafeZone, two-step authentication and whether users may
 * change their own SecSign ID.
 */
import { Hono } from 'hono';
import type { AppProviders } from '../providers.js';
import type { AppEnv } from '../http/context.js';
import { updateSettings } from '../domain/settings-service.js';
import { getSettings } from '../store/settings.js';
import { countSecSignAdmins } from '../store/users.js';
import { settingsPatch } from './schemas.js';
import { validate } from './validate.js';

export function settingsRoutes({ db, clock }: AppProviders) {
  const show = async () => ({
    ...(await getSettings(db)),
    secSignAdmins: await countSecSignAdmins(db),
  });
  return new Hono<AppEnv>()
    .get('/', async (c) => c.json(await show()))
    .patch('/', validate('json', settingsPatch), async (c) => {
      await updateSettings(db, clock, c.var.actor!, c.req.valid('json'));
      return c.json(await show());
    });
}
