/**
 * The enrolment campaign on the command line (issue 27 §4): `settings set enrol-within N|off`
 * (wired into `settings-commands.ts`) and `ipsafezone enrolment list`: who has no second factor that counts outside, since when, how many
 * days are left. The rules are the admin API's (server/domain/enrolment-campaign.ts).
 */
import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import { CLI_ACTOR } from '../domain/actor.js';
import { campaignOverview, updateCampaign } from '../domain/enrolment-campaign.js';
import { getEnrolmentCampaign } from '../store/enrolment-campaign.js';
import { table, UsageError, type CliIo } from './io.js';

/** The lines `settings --help` shows for the campaign. */
export const CAMPAIGN_SETTINGS_HELP = `  settings set enrol-within N|off             every user has a second factor that counts
                                              outside within N days (1–3650) of the campaign's
                                              start or their creation, whichever is later`;

export const ENROLMENT_HELP = `Usage: ipsafezone enrolment <command>

  enrolment list [--json]     the campaign, and who has no second factor that counts outside:
                              since when, the deadline, the days left`;

/**
 * Handles `settings set NAME VALUE` for the campaign's two settings; false when NAME is another
 * setting's.
 */
export async function campaignSetting(
  db: Database,
  clock: Clock,
  io: CliIo,
  name: string | undefined,
  value: string | undefined,
  help: string,
): Promise<boolean> {
  const key = name?.toLowerCase();
  if (key === 'enrol-within') {
    const v = value?.trim().toLowerCase();
    let withinDays: number | null;
    if (v === 'off') withinDays = null;
    else if (v && /^\d{1,4}$/.test(v)) withinDays = Number(v);
    else
      throw new UsageError(
        `enrol-within takes a number of days or off, got "${value ?? ''}"`,
        help,
      );
    await updateCampaign(db, clock, CLI_ACTOR, { withinDays });
    io.out(withinDays === null ? 'enrol-within is off.' : `enrol-within is ${withinDays} days.`);
    return true;
  }
  return false;
}

/** The campaign's lines of `settings show` (and its fields of `--json`). */
export async function campaignSettings(db: Database): Promise<{
  lines: string[];
  json: { enrolWithinDays: number | null };
}> {
  const c = await getEnrolmentCampaign(db);
  return {
    lines: [`enrol-within         ${c.withinDays === null ? 'off' : `${c.withinDays} days`}`],
    json: { enrolWithinDays: c.withinDays },
  };
}

/** Runs one `enrolment` sub-command. */
export async function enrolmentCommand(
  db: Database,
  clock: Clock,
  io: CliIo,
  args: string[],
): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === 'list') {
    const o = await campaignOverview(db, clock);
    if (rest.includes('--json')) {
      io.out(JSON.stringify(o));
      return;
    }
    if (o.withinDays === null) {
      io.out('The enrolment campaign is off (ipsafezone settings set enrol-within N).');
      return;
    }
    io.out(
      `Every user has a second factor that counts outside within ${o.withinDays} days (since ${o.startedAt}).`,
    );
    io.out(`Users without one: ${o.without}`);
    if (o.users.length === 0) return;
    for (const line of table(
      ['USER', 'SINCE', 'DEADLINE', 'DAYS LEFT'],
      o.users.map((u) => [
        u.username,
        u.since.slice(0, 10),
        u.deadline.slice(0, 10),
        u.overdue ? 'overdue' : String(u.daysLeft),
      ]),
    ))
      io.out(line);
    return;
  }
  throw new UsageError(
    sub ? `unknown command "enrolment ${sub}"` : 'name an enrolment command',
    ENROLMENT_HELP,
  );
}
