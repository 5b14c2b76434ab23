/**
 * `/api/admin/settings`: read and change IPSafeZone, two-step authentication, whether users may
 * change their own SecSign ID, which second factors count outside and whether a first one may be
 * enrolled with the password inside.
 */
import { Hono } from 'hono';
import type { DoorDeps } from '../http/door-deps.js';
import type { DoorEnv } from '../http/context.js';
import { domainActor, ownSessionOf } from '../http/domain-actor.js';
import { updateSettings } from '../domain/settings-service.js';
import { getSettings, type Settings } from '../store/settings.js';
import { factorSet } from '../factors/proof.js';
import type { FactorName } from '../factors/registry.js';
import { countOutsideCapable } from '../domain/outside-admins.js';
import { countSecSignAdmins } from '../store/users.js';
import { settingsPatch } from './schemas.js';
import { validate } from './validate.js';

/**
 * `GET /api/admin/settings`: the settings, how many administrators have a SecSign ID, and how many
 * can sign in from outside with a factor the policy allows (the seed rule counts these).
 */
export interface SettingsJson extends Omit<Settings, 'outsideFactors'> {
  outsideFactors: FactorName[];
  secSignAdmins: number;
  outsideAdmins: number;
}

export function settingsRoutes({ db, clock, zoneDecision }: DoorDeps) {
  const show = async (): Promise<SettingsJson> => {
    const s = await getSettings(db);
    return {
      ...s,
      outsideFactors: [...s.outsideFactors],
      secSignAdmins: await countSecSignAdmins(db),
      outsideAdmins: await countOutsideCapable(db, s.outsideFactors),
    };
  };
  return new Hono<DoorEnv>()
    .get('/', async (c) => c.json(await show()))
    .patch('/', validate('json', settingsPatch), async (c) => {
      const { confirm, outsideFactors, ...rest } = c.req.valid('json');
      const patch: Partial<Settings> = {
        ...rest,
        ...(outsideFactors ? { outsideFactors: factorSet(...outsideFactors) } : {}),
      };
      // A change that would end the administrator's own session ("IPSafeZone off" means a second
      // factor from everywhere, the office included) waits for `confirm` (409 ends_own_session).
      const own = ownSessionOf(c, zoneDecision, confirm);
      await updateSettings(db, clock, domainActor(c), patch, own);
      return c.json(await show());
    });
}
