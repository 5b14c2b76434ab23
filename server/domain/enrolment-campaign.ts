/**
 * The enrolment campaign (issue 27 §4): "every user has a second factor that counts outside within
 * N days". Users who always work in the office never set one up — and then the first person to
 * enrol one for them may be whoever stole their password. So, while the campaign runs:
 * - each user's clock starts when the campaign started or when the user was created, whichever is
 *   later, and runs for `withinDays` days (`enrolDeadline`);
 * - a password sign-in inside by a user without a factor that counts outside (`countsOutside`: a
 *   factor the outside policy allows, that is not a recovery code, held, with the password where
 *   the factor needs it) is answered with a prompt to enrol (`enrolmentDue`): skippable until the
 *   deadline; from then on the session is limited to enrolling (`sessions.enrol_by`,
 *   `isEnrolmentLimited`), which every door but the profile refuses;
 * - the admin overview lists who has none and since when (`campaignOverview`).
 * Switching the campaign off frees every limited session; changing the days moves their limits.
 */
import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import { AppError } from '../platform/errors.js';
import { satisfies, type FactorSet } from '../factors/proof.js';
import { FACTORS, holds, type Holdings } from '../factors/registry.js';
import { auditStatement } from '../store/audit.js';
import {
  campaignCandidates,
  clearAllEnrolByStatement,
  getEnrolmentCampaign,
  moveEnrolByStatement,
  updateEnrolmentCampaignStatement,
  usersWithEnrolBy,
  type EnrolmentCampaign,
} from '../store/enrolment-campaign.js';
import { listWaitingApprovals, waitingApprovalOf } from '../store/factor-approvals.js';
import { getSettings } from '../store/settings.js';
import { enrolledKinds } from '../store/user-factors.js';
import type { UserRecord } from '../store/users.js';
import { auditActor, requireAdmin, type DomainActor } from './actor.js';

export const DAY_MS = 86_400_000;

/** Where the profile enrols factors: the prompt's "Set it up now". */
export const ENROL_PATH = '/profile#second-factors';

/** When a user's clock starts: the campaign's start or the user's creation, whichever is later. */
export function clockStartsAt(c: Pick<EnrolmentCampaign, 'startedAt'>, createdAt: number): number {
  return Math.max(c.startedAt ?? createdAt, createdAt);
}

/** The user's deadline (epoch ms), or null while the campaign is off. Pure. */
export function enrolDeadline(
  c: Pick<EnrolmentCampaign, 'withinDays' | 'startedAt'>,
  createdAt: number,
): number | null {
  if (c.withinDays === null || c.startedAt === null) return null;
  return clockStartsAt(c, createdAt) + c.withinDays * DAY_MS;
}

/**
 * Whether the user holds a second factor that counts outside under `policy`: one the policy
 * allows, that is no recovery code (those stand in for a lost factor and run out), with the
 * password where the factor needs it. Pure.
 */
export function countsOutside(h: Holdings, policy: FactorSet): boolean {
  return policy.some(
    (f) =>
      FACTORS[f].keepsAdminOutside && holds(f, h) && (!FACTORS[f].needsPassword || h.hasPassword),
  );
}

/** Whether a session is limited to enrolling a factor now. Pure; fail closed on the boundary. */
export function isEnrolmentLimited(session: { enrolBy?: number | null }, now: number): boolean {
  const by = session.enrolBy;
  return by !== null && by !== undefined && now >= by;
}

/** What the sign-in answer carries when the user is asked to enrol (docs/api.md). */
export interface EnrolPrompt {
  /** The deadline (ISO time): from then on a factor is required. */
  by: string;
  /** True once the deadline has passed: no "Later"; the session may only enrol. */
  required: boolean;
  /** A first factor is enrolled and waits for an administrator's approval. */
  waiting: boolean;
  /** Where to enrol (the profile's second factors). */
  url: string;
}

/** What the user holds, as far as counting outside goes (recovery codes never count). */
export const holdingsOf = async (
  db: Database,
  user: Pick<UserRecord, 'id' | 'passwordHash' | 'directory' | 'secSignId'>,
): Promise<Holdings> => ({
  hasPassword: user.passwordHash !== null || user.directory !== 'local',
  secSignId: user.secSignId,
  enrolled: await enrolledKinds(db, user.id),
  recoveryCodesLeft: 0,
});

/**
 * At a sign-in: whether `user`, proving `proof`, is to be asked to enrol — only a password
 * sign-in while the campaign runs, by a user without a factor that counts outside. Returns the
 * session's limit (`enrolBy`) and the prompt, or null. `held`: the campaign as the settings cache
 * holds it (the sign-in's zone decision carries it), so that a sign-in while it is off reads
 * nothing; without it the row is read.
 */
export async function enrolmentDue(
  db: Database,
  clock: Clock,
  publicUrl: string,
  user: UserRecord,
  proof: FactorSet,
  held?: EnrolmentCampaign,
): Promise<{ enrolBy: number; prompt: EnrolPrompt } | null> {
  if (satisfies('second-factor', proof)) return null;
  const campaign = held ?? (await getEnrolmentCampaign(db));
  const enrolBy = enrolDeadline(campaign, user.createdAt);
  if (enrolBy === null) return null;
  const [settings, holdings, waiting] = await Promise.all([
    getSettings(db),
    holdingsOf(db, user),
    waitingApprovalOf(db, user.id),
  ]);
  if (countsOutside(holdings, settings.outsideFactors)) return null;
  return {
    enrolBy,
    prompt: {
      by: new Date(enrolBy).toISOString(),
      required: clock.now() >= enrolBy,
      waiting: waiting !== null,
      url: new URL(ENROL_PATH, publicUrl).toString(),
    },
  };
}

/** A change of the campaign (the admin settings, `ipsafezone settings set enrol-within …`). */
export interface CampaignPatch {
  /** Days to enrol; null switches the campaign off. */
  withinDays?: number | null;
  firstFactorApproval?: boolean;
}

const invalidDays = () =>
  new AppError(422, 'invalid_days', 'Give the number of days as a whole number from 1 to 3650.');

/**
 * Changes the campaign, audited as `settings.enrolment_campaign`. Switching it on starts every
 * user's clock now (or at their creation, if later); switching it off frees every limited session;
 * changing the days moves the limits of the sessions already limited or to be limited.
 */
export async function updateCampaign(
  db: Database,
  clock: Clock,
  actor: DomainActor,
  patch: CampaignPatch,
): Promise<EnrolmentCampaign> {
  requireAdmin(actor);
  const days = patch.withinDays;
  if (days !== undefined && days !== null && !(Number.isInteger(days) && days >= 1 && days <= 3650))
    throw invalidDays();
  const before = await getEnrolmentCampaign(db);
  const at = clock.now();
  const withinDays = days === undefined ? before.withinDays : days;
  const after: EnrolmentCampaign = {
    withinDays,
    startedAt: withinDays === null ? null : (before.startedAt ?? at),
    firstFactorApproval: patch.firstFactorApproval ?? before.firstFactorApproval,
    updatedAt: at,
    updatedBy: actor.username,
  };
  const view = (c: EnrolmentCampaign) => ({
    withinDays: c.withinDays,
    startedAt: c.startedAt === null ? null : new Date(c.startedAt).toISOString(),
    firstFactorApproval: c.firstFactorApproval,
  });
  if (JSON.stringify(view(before)) === JSON.stringify(view(after))) return before;
  const sessions =
    after.withinDays === null
      ? [clearAllEnrolByStatement()]
      : after.withinDays !== before.withinDays
        ? (await usersWithEnrolBy(db)).map((u) =>
            moveEnrolByStatement(u.id, enrolDeadline(after, u.createdAt)!),
          )
        : [];
  await db.batch(
    [
      updateEnrolmentCampaignStatement(after, at, actor.username),
      ...sessions,
      auditStatement(at, {
        ...auditActor(actor),
        action: 'settings.enrolment_campaign',
        outcome: 'changed',
        details: { before: view(before), after: view(after) },
      }),
    ],
    'write',
  );
  return after;
}

/** One user of the admin overview's list: no factor that counts outside. */
export interface CampaignUserJson {
  id: number;
  username: string;
  displayName: string;
  /** When their clock started (ISO). */
  since: string;
  /** Their deadline (ISO). */
  deadline: string;
  /** Whole days left (0: due today or past). */
  daysLeft: number;
  overdue: boolean;
  /** A first factor of theirs waits for approval. */
  waiting: boolean;
}

/** `GET /api/admin/enrolment`: the campaign and who has no factor that counts outside. */
export interface CampaignOverview {
  withinDays: number | null;
  startedAt: string | null;
  firstFactorApproval: boolean;
  /** How many enabled users have no factor that counts outside. */
  without: number;
  /** The first `limit` of them, the nearest deadline first. */
  users: CampaignUserJson[];
}

/** The campaign and the users without a factor that counts outside (empty while it is off). */
export async function campaignOverview(
  db: Database,
  clock: Clock,
  limit = 500,
): Promise<CampaignOverview> {
  const [campaign, settings] = await Promise.all([getEnrolmentCampaign(db), getSettings(db)]);
  const head = {
    withinDays: campaign.withinDays,
    startedAt: campaign.startedAt === null ? null : new Date(campaign.startedAt).toISOString(),
    firstFactorApproval: campaign.firstFactorApproval,
  };
  if (campaign.withinDays === null) return { ...head, without: 0, users: [] };
  const [candidates, waiting] = await Promise.all([
    campaignCandidates(db),
    listWaitingApprovals(db, 10_000),
  ]);
  const waitingUsers = new Set(waiting.map((w) => w.userId));
  const now = clock.now();
  const without = candidates.filter(
    (u) =>
      !countsOutside({ ...u, enrolled: u.kinds, recoveryCodesLeft: 0 }, settings.outsideFactors),
  );
  const users = without
    .map((u): CampaignUserJson => {
      const deadline = enrolDeadline(campaign, u.createdAt)!;
      return {
        id: u.id,
        username: u.username,
        displayName: u.displayName,
        since: new Date(clockStartsAt(campaign, u.createdAt)).toISOString(),
        deadline: new Date(deadline).toISOString(),
        daysLeft: Math.max(0, Math.ceil((deadline - now) / DAY_MS)),
        overdue: now >= deadline,
        waiting: waitingUsers.has(u.id),
      };
    })
    .sort((a, b) => a.deadline.localeCompare(b.deadline) || a.username.localeCompare(b.username))
    .slice(0, limit);
  return { ...head, without: without.length, users };
}
