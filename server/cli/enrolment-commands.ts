/**
 * The enrolment campaign on the command line (issue 27 §4): `settings set enrol-within N|off` and
 * `first-factor-approval on|off` (wired into `settings-commands.ts`); `ipsafezone enrolment
 * approvals|approve ID|reject ID` (first factors held for approval) and `enrolment list`: who has no second factor that counts outside, since when, how many
 * days are left. The rules are the admin API's (server/domain/enrolment-campaign.ts).
 */
import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import { CLI_ACTOR } from '../domain/actor.js';
import { campaignOverview, updateCampaign } from '../domain/enrolment-campaign.js';
import { getEnrolmentCampaign } from '../store/enrolment-campaign.js';
import { onOff, table, UsageError, type CliIo } from './io.js';
import { decideApproval, waitingApprovals } from '../domain/factor-approvals.js';

/** The lines `settings --help` shows for the campaign. */
export const CAMPAIGN_SETTINGS_HELP = `  settings set enrol-within N|off             every user has a second factor that counts
                                              outside within N days (1–3650) of the campaign's
                                              start or their creation, whichever is later
  settings set first-factor-approval on|off   a first second factor enrolled with the password
                                              inside waits for an administrator's approval`;

export const ENROLMENT_HELP = `Usage: ipsafezone enrolment <command>

  enrolment list [--json]     the campaign, and who has no second factor that counts outside:
                              since when, the deadline, the days left
  enrolment approvals [--json]  first factors waiting for approval: user, factor, address, time
  enrolment approve ID        write the held factor (it counts from then on)
  enrolment reject ID         discard it`;

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
  if (key === 'first-factor-approval') {
    const on = onOff(value, help);
    await updateCampaign(db, clock, CLI_ACTOR, { firstFactorApproval: on });
    io.out(`first-factor-approval is ${on ? 'on' : 'off'}.`);
    return true;
  }
  return false;
}

/** The campaign's lines of `settings show` (and its fields of `--json`). */
export async function campaignSettings(db: Database): Promise<{
  lines: string[];
  json: { enrolWithinDays: number | null; firstFactorApproval: boolean };
}> {
  const c = await getEnrolmentCampaign(db);
  return {
    lines: [
      `enrol-within         ${c.withinDays === null ? 'off' : `${c.withinDays} days`}`,
      `first-factor-approval ${c.firstFactorApproval ? 'on' : 'off'}`,
    ],
    json: { enrolWithinDays: c.withinDays, firstFactorApproval: c.firstFactorApproval },
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
  if (sub === 'approvals') {
    const waiting = await waitingApprovals(db);
    if (rest.includes('--json')) return io.out(JSON.stringify({ approvals: waiting }));
    if (waiting.length === 0) return io.out('No first factor waits for approval.');
    for (const line of table(
      ['ID', 'USER', 'FACTOR', 'FROM', 'ASKED'],
      waiting.map((a) => [String(a.id), a.username, a.factor, a.clientIp ?? '', a.requestedAt]),
    ))
      io.out(line);
    return;
  }
  if (sub === 'approve' || sub === 'reject') {
    const id = Number(rest[0]);
    if (!Number.isSafeInteger(id) || id <= 0)
      throw new UsageError(`enrolment ${sub} needs the request's ID`, ENROLMENT_HELP);
    await decideApproval(db, clock, CLI_ACTOR, id, sub);
    io.out(sub === 'approve' ? `Request ${id} approved.` : `Request ${id} rejected.`);
    return;
  }
  throw new UsageError(
    sub ? `unknown command "enrolment ${sub}"` : 'name an enrolment command',
    ENROLMENT_HELP,
  );
}
