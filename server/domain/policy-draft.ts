/**
 * Report-only mode (issue 27 §3): a draft of the policy — the preview's draft shape: zones,
 * trusted proxies, IPSafeZone and two-step on or off, the factors that count outside — runs for a
 * chosen number of days beside the live policy. The live policy still decides everything; beside
 * each sign-in and grant the draft's decision is tallied (server/domain/policy-draft-recorder.ts).
 * Then the administrator applies it (after the impact preview once more; refused like a save the
 * preview refuses) or discards it; or it ends by itself. One draft at a time (409 `draft_running`).
 * Every step is audited: `policy_draft.start`, `.apply`, `.discard`, `.expire`. Shared by the
 * admin API and the CLI.
 */
import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import { AppError } from '../platform/errors.js';
import { formatFactors, type FactorSet } from '../factors/proof.js';
import type { ClientAddressConfig } from '../client-address/index.js';
import { auditStatement } from '../store/audit.js';
import { listZones, zoneNameKey } from '../store/zones.js';
import type { Settings } from '../store/settings.js';
import {
  bumpDraftsVersionStatement,
  draftDays,
  draftUsers,
  endDraftStatement,
  insertDraftStatement,
  recentDrafts,
  runningDraft,
  type DraftEnd,
  type DraftRecord,
  type DraftTotals,
} from '../store/policy-drafts.js';
import { auditActor, requireAdmin, type DomainActor } from './actor.js';
import { previewPolicy, type PolicyPreview } from './policy-preview.js';
import { updateSettings } from './settings-service.js';
import { createZone, deleteZone, updateZone } from './zones-service.js';
import { expireIfDue, storedDraftOf, type DraftPolicy } from './policy-draft-source.js';

/** How long a draft may run, in days. */
export const MAX_DRAFT_DAYS = 90;
/** Users listed at most in the overview (all are counted). */
export const DRAFT_USERS_LIMIT = 200;
const DAY_MS = 86_400_000;

export interface DraftDeps {
  db: Database;
  clock: Clock;
  /** The live client-address configuration (its header replays a draft's trusted proxies). */
  clientAddress: ClientAddressConfig;
}

export type DraftStatus = 'running' | DraftEnd;

/** What the admin overview and `draft show` tell of a draft. */
export interface DraftView {
  id: number;
  status: DraftStatus;
  /** What the draft changes, in words. */
  changes: string[];
  policy: Omit<DraftPolicy, 'outsideFactors'> & { outsideFactors?: string[] };
  days: number;
  startedAt: string;
  startedBy: string;
  endsAt: string;
  endedAt: string | null;
  endedBy: string | null;
  totals: DraftTotals;
  /** Every day from the start to today (or the end), zeros included. */
  perDay: (DraftTotals & { day: string })[];
  /** The users the draft would have treated differently, most affected first. */
  users: { username: string; signIns: number; needsMore: number; needsLess: number }[];
  usersTotal: number;
}

const iso = (ms: number) => new Date(ms).toISOString();
const isoDay = (day: number) => iso(day * DAY_MS).slice(0, 10);

export const draftRunning = () =>
  new AppError(
    409,
    'draft_running',
    'A policy draft is already running in report-only mode. Apply or discard it first.',
  );

export const draftNotRunning = () =>
  new AppError(
    409,
    'draft_not_running',
    'This policy draft is no longer running: it was applied, discarded or has ended.',
  );

/** The running draft, after ending it if its days are over (then null). */
async function running(db: Database, clock: Clock): Promise<DraftRecord | null> {
  const record = await runningDraft(db);
  if (record && (await expireIfDue(db, clock, record))) return null;
  return record;
}

/**
 * Starts `policy` in report-only mode for `days` days. Refuses a second draft (409
 * `draft_running`), a draft that changes nothing (422 `draft_changes_nothing`), bad zones (422).
 */
export async function startDraft(
  deps: DraftDeps,
  actor: DomainActor,
  policy: DraftPolicy,
  days: number,
): Promise<DraftView> {
  requireAdmin(actor);
  const { db, clock } = deps;
  if (!Number.isInteger(days) || days < 1 || days > MAX_DRAFT_DAYS)
    throw new AppError(422, 'invalid_period', `A draft runs 1 to ${MAX_DRAFT_DAYS} days.`);
  if (await running(db, clock)) throw draftRunning();
  // The preview's own reading of the draft: it checks the zones compile and says what changes.
  const { changes } = await previewPolicy(deps, policy, { days: 1 });
  if (changes.length === 0)
    throw new AppError(
      422,
      'draft_changes_nothing',
      'This draft is the same as the live policy: there is nothing to report on.',
    );
  const at = clock.now();
  const stored = {
    policy: {
      ...policy,
      ...(policy.outsideFactors ? { outsideFactors: [...policy.outsideFactors] } : {}),
    },
    clientIpHeader: deps.clientAddress.header,
  };
  try {
    await db.batch(
      [
        insertDraftStatement({
          draft: stored,
          changes,
          days,
          startedAt: at,
          startedBy: actor.username,
          endsAt: at + days * DAY_MS,
        }),
        bumpDraftsVersionStatement(),
        auditStatement(at, {
          ...auditActor(actor),
          action: 'policy_draft.start',
          outcome: 'changed',
          details: { changes, days, draft: stored.policy },
        }),
      ],
      'write',
    );
  } catch (err) {
    // Another administrator started one in the meantime (the unique index saw it).
    if (err instanceof Error && err.message.includes('policy_drafts.slot')) throw draftRunning();
    throw err;
  }
  const record = await runningDraft(db);
  if (!record) throw draftNotRunning();
  return viewOf(db, clock, record);
}

async function viewOf(db: Database, clock: Clock, record: DraftRecord): Promise<DraftView> {
  const stored = record.draft as { policy: DraftView['policy'] };
  const tallies = await draftDays(db, record.id);
  const byDay = new Map(tallies.map((t) => [t.day, t]));
  const zero: DraftTotals = {
    signIns: 0,
    liveSecond: 0,
    draftSecond: 0,
    needsMore: 0,
    needsLess: 0,
  };
  const perDay: DraftView['perDay'] = [];
  const last = Math.floor(Math.min(record.endedAt ?? clock.now(), record.endsAt) / DAY_MS);
  for (let d = Math.floor(record.startedAt / DAY_MS); d <= last; d++) {
    const { day: _d, ...t } = byDay.get(d) ?? { ...zero, day: d };
    perDay.push({ day: isoDay(d), ...t });
  }
  const totals = { ...zero };
  for (const t of tallies)
    for (const k of Object.keys(zero) as (keyof DraftTotals)[]) totals[k] += t[k];
  const { users, total } = await draftUsers(db, record.id, DRAFT_USERS_LIMIT);
  return {
    id: record.id,
    status: record.endedHow ?? 'running',
    changes: record.changes,
    policy: stored.policy,
    days: record.days,
    startedAt: iso(record.startedAt),
    startedBy: record.startedBy,
    endsAt: iso(record.endsAt),
    endedAt: record.endedAt === null ? null : iso(record.endedAt),
    endedBy: record.endedBy,
    totals,
    perDay,
    users: users.map((u) => ({
      username: u.username,
      signIns: u.signIns,
      needsMore: u.needsMore,
      needsLess: u.needsLess,
    })),
    usersTotal: total,
  };
}

/** The running draft, or else the one that ended last; null when there never was one. */
export async function showDraft(db: Database, clock: Clock): Promise<DraftView | null> {
  const record = (await running(db, clock)) ?? (await recentDrafts(db, 1))[0] ?? null;
  return record ? viewOf(db, clock, record) : null;
}

async function theRunning(db: Database, clock: Clock, id: number): Promise<DraftRecord> {
  const record = await running(db, clock);
  if (!record || record.id !== id) throw draftNotRunning();
  return record;
}

async function end(
  db: Database,
  clock: Clock,
  actor: DomainActor,
  record: DraftRecord,
  how: 'applied' | 'discarded',
  details: object = {},
): Promise<void> {
  const at = clock.now();
  const [ended] = await db.batch(
    [endDraftStatement(record.id, how, at, actor.username), bumpDraftsVersionStatement()],
    'write',
  );
  if (ended!.rowsAffected !== 1) throw draftNotRunning();
  await db.execute(
    auditStatement(at, {
      ...auditActor(actor),
      action: how === 'applied' ? 'policy_draft.apply' : 'policy_draft.discard',
      outcome: 'changed',
      details: { draft: record.id, changes: record.changes, ...details },
    }),
  );
}

/** Discards the running draft `id`: the live policy stays as it is. */
export async function discardDraft(
  db: Database,
  clock: Clock,
  actor: DomainActor,
  id: number,
): Promise<DraftView> {
  requireAdmin(actor);
  const record = await theRunning(db, clock, id);
  await end(db, clock, actor, record, 'discarded');
  return viewOf(db, clock, (await recentDrafts(db, 1))[0]!);
}

export interface AppliedDraft {
  draft: DraftView;
  /** The impact preview it was applied after. */
  preview: PolicyPreview;
  /**
   * The trusted proxies are configuration, not stored: when the draft changes them, what to set
   * (IPSAFEZONE_TRUSTED_PROXIES) before the next start. Null otherwise.
   */
  trustedProxies: string | null;
}

/**
 * Applies the running draft `id` to the live policy: the settings it names, then the zones (changed
 * ones updated, new ones added after the others, missing ones deleted — each audited as any change
 * is). Refused like a save: when the impact preview says an administrator would be locked out (409
 * with the preview's refusal code), or a rule of the settings or zones refuses.
 */
export async function applyDraft(
  deps: DraftDeps,
  actor: DomainActor,
  id: number,
): Promise<AppliedDraft> {
  requireAdmin(actor);
  const { db, clock } = deps;
  const record = await theRunning(db, clock, id);
  const { policy } = storedDraftOf(record);
  const preview = await previewPolicy(deps, policy);
  if (!preview.saveAllowed && preview.refusal)
    throw new AppError(409, preview.refusal.code, preview.refusal.message);

  const patch: Partial<Settings> = {};
  if (policy.ipSafeZoneActive !== undefined) patch.ipSafeZoneActive = policy.ipSafeZoneActive;
  if (policy.twoStepActive !== undefined) patch.twoStepActive = policy.twoStepActive;
  if (policy.outsideFactors !== undefined)
    patch.outsideFactors = policy.outsideFactors as FactorSet;
  if (Object.keys(patch).length > 0) await updateSettings(db, clock, actor, patch);

  if (policy.zones) {
    const live = await listZones(db);
    const key = zoneNameKey;
    for (const z of policy.zones) {
      const was = live.find((l) => key(l.name) === key(z.name));
      const fields = {
        ranges: z.ranges,
        enabled: z.enabled ?? true,
        force: z.force ?? false,
      };
      if (!was) await createZone(db, clock, actor, { name: z.name, ...fields });
      else if (
        was.enabled !== fields.enabled ||
        was.force !== fields.force ||
        was.ranges.join('\n') !== fields.ranges.join('\n')
      )
        await updateZone(db, clock, actor, was.id, fields);
    }
    for (const l of live)
      if (!policy.zones.some((z) => key(z.name) === key(l.name)))
        await deleteZone(db, clock, actor, l.id);
  }

  const proxies = policy.trustedProxies;
  const proxiesChanged =
    proxies !== undefined && proxies.join(',') !== deps.clientAddress.trustedProxies.join(',');
  const trustedProxies = proxiesChanged ? proxies.join(',') : null;
  await end(db, clock, actor, record, 'applied', {
    ...(policy.outsideFactors ? { outsideFactors: formatFactors(policy.outsideFactors) } : {}),
    ...(trustedProxies !== null ? { trustedProxiesToSet: trustedProxies } : {}),
  });
  return {
    draft: await viewOf(db, clock, (await recentDrafts(db, 1))[0]!),
    preview,
    trustedProxies,
  };
}
