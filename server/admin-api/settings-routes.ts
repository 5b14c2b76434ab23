/**
 * `/api/admin/settings`: read and change IPSafeZone, two-step authentication and whether users may
 * change their own SecSign ID.
 */
import { Hono } from 'hono';
import type { AppProviders } from '../providers.js';
import type { AppEnv } from '../http/context.js';
import { domainActor } from '../http/domain-actor.js';
import { updateSettings } from '../domain/settings-service.js';
import { getSettings, type Settings } from '../store/settings.js';
import { AppError } from '../errors.js';
import { satisfies } from '../auth/factors.js';
import { computeStanding, type Standing, type StandingDeps } from '../domain/standing.js';
import { countSecSignAdmins } from '../store/users.js';
import { settingsPatch } from './schemas.js';
import { validate } from './validate.js';

/** `GET /api/admin/settings`: the settings and how many administrators have a SecSign ID. */
export interface SettingsJson extends Settings {
  secSignAdmins: number;
}

export function settingsRoutes({ db, clock }: AppProviders, standingDeps: StandingDeps) {
  const show = async (): Promise<SettingsJson> => ({
    ...(await getSettings(db)),
    secSignAdmins: await countSecSignAdmins(db),
  });
  return new Hono<AppEnv>()
    .get('/', async (c) => c.json(await show()))
    .patch('/', validate('json', settingsPatch), async (c) => {
      const { confirm, ...patch } = c.req.valid('json');
      const actor = domainActor(c);
      if (!confirm && actor.factors) {
        // Would the administrator's own session still count from here after the change?
        // ("IPSafeZone off" means: a second factor from everywhere, the office included.)
        const after = { ...(await getSettings(db)), ...patch };
        const standing = await computeStanding(standingDeps, c.var.client, after);
        if (!satisfies(standing.requirement, actor.factors)) throw endsOwnSession(standing);
      }
      await updateSettings(db, clock, actor, patch);
      return c.json(await show());
    });
}

function endsOwnSession(after: Standing): AppError {
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
