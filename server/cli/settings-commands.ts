/**
 * `ipsafezone settings …`: show the settings, or switch IPSafeZone, two-step authentication,
 * "users may change their own SecSign ID" and "first factor inside" on or off, or set which second
 * factors count outside — with the same rules as the admin API.
 */
import { parseArgs } from 'node:util';
import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import { CLI_ACTOR } from '../domain/actor.js';
import { updateSettings } from '../domain/settings-service.js';
import { getSettings, type Settings } from '../store/settings.js';
import { countSecSignAdmins } from '../store/users.js';
import { formatFactors, parseFactors } from '../factors/proof.js';
import { SECOND_FACTOR_NAMES, isFactorName } from '../factors/registry.js';
import { countOutsideCapable } from '../domain/outside-admins.js';
import { onOff, UsageError, type CliIo } from './io.js';
import { previewDays, printPreview } from './preview-output.js';
import { CAMPAIGN_SETTINGS_HELP, campaignSetting, campaignSettings } from './enrolment-commands.js';

export const SETTINGS_HELP = `Usage: ipsafezone settings <command>

  settings show [--json]                      show the settings
  settings set ipsafezone on|off              consult the safe zones (needs an administrator
                                              with a SecSign ID)
  settings set 2sa on|off                     outside the zones: password, then SecSign ID
  settings set users-change-own-id on|off     users may change their own SecSign ID
  settings set outside-factors F[+F…]         second factors that count outside: secsign,
                                              passkey, totp, recovery_code (e.g. secsign+totp)
  settings set first-factor-inside on|off     a password session inside may enrol a first
                                              second factor
${CAMPAIGN_SETTINGS_HELP}

  settings set … --preview [--days N]         for ipsafezone, 2sa and outside-factors: what the
                                              change would have done to the last N (default 30)
                                              days of sign-ins; changes nothing`;

const NAMES: Record<string, Exclude<keyof Settings, 'outsideFactors'>> = {
  ipsafezone: 'ipSafeZoneActive',
  '2sa': 'twoStepActive',
  'users-change-own-id': 'usersChangeOwnId',
  'first-factor-inside': 'firstFactorInside',
};

/** Runs one `settings` sub-command. */
export async function settingsCommand(
  db: Database,
  clock: Clock,
  io: CliIo,
  args: string[],
): Promise<void> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    options: { json: { type: 'boolean' }, preview: { type: 'boolean' }, days: { type: 'string' } },
    allowPositionals: true,
  });
  const days = previewDays(values.days, SETTINGS_HELP);
  if (sub === 'show') {
    const s = await getSettings(db);
    const admins = await countSecSignAdmins(db);
    const outside = await countOutsideCapable(db, s.outsideFactors);
    const campaign = await campaignSettings(db);
    if (values.json) {
      io.out(
        JSON.stringify({
          ...s,
          outsideFactors: [...s.outsideFactors],
          ...campaign.json,
          secSignAdmins: admins,
          outsideAdmins: outside,
        }),
      );
      return;
    }
    const word = (b: boolean) => (b ? 'on' : 'off');
    io.out(`ipsafezone           ${word(s.ipSafeZoneActive)}`);
    io.out(`2sa                  ${word(s.twoStepActive)}`);
    io.out(`users-change-own-id  ${word(s.usersChangeOwnId)}`);
    io.out(`outside-factors      ${formatFactors(s.outsideFactors)}`);
    io.out(`first-factor-inside  ${word(s.firstFactorInside)}`);
    for (const line of campaign.lines) io.out(line);
    io.out(`administrators with a SecSign ID: ${admins}`);
    io.out(`administrators who can sign in from outside: ${outside}`);
    return;
  }
  if (sub === 'set') {
    const [name, value] = positionals;
    if (!values.preview && (await campaignSetting(db, clock, io, name, value, SETTINGS_HELP)))
      return;
    if (name?.toLowerCase() === 'outside-factors') {
      const names = (value ?? '').split('+').map((n) => n.trim().toLowerCase());
      const unknown = names.filter((n) => !isFactorName(n));
      if (!value || unknown.length > 0)
        throw new UsageError(
          `outside-factors takes names joined by +, of ${SECOND_FACTOR_NAMES.join(', ')}`,
          SETTINGS_HELP,
        );
      const set = parseFactors(names.join('+'));
      if (values.preview) {
        await printPreview(db, clock, io, { outsideFactors: set }, days);
        return;
      }
      await updateSettings(db, clock, CLI_ACTOR, { outsideFactors: set });
      io.out(`outside-factors is ${formatFactors(set)}.`);
      return;
    }
    const key = name ? NAMES[name.toLowerCase()] : undefined;
    if (!key)
      throw new UsageError(
        `settings set needs one of ${Object.keys(NAMES).join(', ')}`,
        SETTINGS_HELP,
      );
    const on = onOff(value, SETTINGS_HELP);
    if (values.preview) {
      if (key !== 'ipSafeZoneActive' && key !== 'twoStepActive')
        throw new UsageError(`${name} does not move the policy: there is nothing to preview`);
      await printPreview(db, clock, io, { [key]: on }, days);
      return;
    }
    await updateSettings(db, clock, CLI_ACTOR, { [key]: on });
    io.out(`${name} is ${on ? 'on' : 'off'}.`);
    return;
  }
  throw new UsageError(
    sub ? `unknown command "settings ${sub}"` : 'name a settings command',
    SETTINGS_HELP,
  );
}
