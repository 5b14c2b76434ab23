/**
 * `/api/admin/settings`: read and change IPSafeZone, two-step authentication and whether users may
 * change their own SecSign ID.
 */
import { Hono } from 'hono';
import type { AppProviders } from '../providers.js';
import type { AppEnv } from '../http/context.js';
import { updateSettings } from '../domain/settings-service.js';
import { getSettings, type Settings } from '../store/settings.js';
import { countSecSignAdmins } from '../store/users.js';
import { settingsPatch } from './schemas.js';
import { validate } from './validate.js';

/** `GET /api/admin/settings`: the settings and how many administrators have a SecSign ID. */
export interface SettingsJson extends Settings {
  secSignAdmins: number;
}

export function settingsRoutes({ db, clock }: AppProviders) {
  const show = async (): Promise<SettingsJson> => ({
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
