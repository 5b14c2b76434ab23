/**
 * `/api/admin/settings`: read and change IPSafeZone, two-step authentication, whether users may
 * change their own SecSign ID, which second factors count outside and whether a first one may be
 * enrolled with the password inside.
 */
import { Hono } from 'hono';
import type { DoorDeps } from '../http/door-deps.js';
import type { DoorEnv } from '../http/context.js';
import { domainActor } from '../http/domain-actor.js';
import { updateSettings } from '../domain/settings-service.js';
import { getSettings, type Settings } from '../store/settings.js';
import { AppError } from '../platform/errors.js';
import { factorSet } from '../factors/proof.js';
import type { FactorName } from '../factors/registry.js';
import { countOutsideCapable } from '../domain/outside-admins.js';
import { decideZone, factorsSatisfy, type ZoneDecision } from '../domain/zone-decision.js';
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

export function settingsRoutes({ db, clock, zoneDecision: zoneDecisionDeps }: DoorDeps) {
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
      const actor = domainActor(c);
      if (!confirm && actor.factors) {
        // Would the administrator's own session still count from here after the change?
        // ("IPSafeZone off" means: a second factor from everywhere, the office included.)
        const after = { ...(await getSettings(db)), ...patch };
        const zoneDecision = await decideZone(zoneDecisionDeps, c.get('client'), after);
        if (!factorsSatisfy(zoneDecision, actor.factors)) throw endsOwnSession(zoneDecision);
      }
      await updateSettings(db, clock, actor, patch);
      return c.json(await show());
    });
}

function endsOwnSession(after: ZoneDecision): AppError {
  const needs =
    after.requirement === 'password-and-second-factor'
      ? 'your password and then your SecSign ID'
      : 'your SecSign ID';
  return new AppError(
    409,
    'ends_own_session',
    `After this change, signing in from where you are (${after.clientIp ?? 'an unknown address'}) needs ${needs}: your current session would end. Send the change again with "confirm": true to go ahead.`,
    { requirement: after.requirement },
  );
}
