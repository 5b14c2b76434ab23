/**
 * Report-only mode (issue 27 §3): a draft of the policy — the preview's draft shape: zones,
 * trusted proxies, IPSafeZone and two-step on or off, the factors that count outside — runs for a
 * chosen number of days beside the live policy. The live policy still decides everything; beside
 * each sign-in and grant the draft's decision is tallied (server/domain/policy-draft-recorder.ts).
 * Then the administrator applies it (after the impact preview once more; refused like a save the
 * preview refuses; settings, zones and the draft's end in one transaction) or discards it; or it
 * ends by itself. One draft at a time (409 `draft_running`).
 * Every step is audited: `policy_draft.start`, `.apply`, `.discard`, `.expire`. Shared by the
 * admin API and the CLI.
 */
import type { Database, Statement } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import { AppError } from '../platform/errors.js';
import { formatFactors, type FactorSet } from '../factors/proof.js';
import type { ClientAddressConfig } from '../client-address/index.js';
import { auditStatement } from '../store/audit.js';
import { outsideAdminLock } from '../store/user-factors.js';
import type { Settings } from '../store/settings.js';
import {
  bumpDraftsVersionStatement,
  draftDays,
  draftRunningAssertion,
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
import { applyChange } from './apply-change.js';
import { savePolicy } from './policy-save.js';
import { planSettingsChange } from './settings-service.js';
import { planZoneSet } from './zones-service.js';
import { guardOwnSession, type OwnSession } from './own-session.js';
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

/** Whether `err` is migration 022's refusal of a draft that ended meanwhile. */
const endedMeanwhile = (err: unknown) =>
  err instanceof Error && err.message.includes('draft_not_running');

/**
 * The discard's batch: on PostgreSQL the changes' lock first (apply-change.ts), so an Apply
 * racing it either sees the draft ended (its assertion comes after the lock) or has ended it
 * before the discard's own assertion runs — without the lock an Apply whose assertion read the
 * draft before the discard committed went through beside it (policy-apply-draft-ended.test.ts).
 */
export function discardStatements(
  db: Database,
  actor: DomainActor,
  record: Pick<DraftRecord, 'id' | 'changes'>,
  at: number,
): Statement[] {
  return [
    ...outsideAdminLock(db),
    draftRunningAssertion(record.id),
    ...draftEndStatements(actor, record.id, 'discarded', at, { changes: record.changes }),
  ];
}

/** The end of running draft `id` by `actor`, the drafts' counter and the end's audit entry. */
export function draftEndStatements(
  actor: DomainActor,
  id: number,
  how: 'applied' | 'discarded',
  at: number,
  details: Record<string, unknown>,
): Statement[] {
  return [
    endDraftStatement(id, how, at, actor.username),
    bumpDraftsVersionStatement(),
    auditStatement(at, {
      ...auditActor(actor),
      action: how === 'applied' ? 'policy_draft.apply' : 'policy_draft.discard',
      outcome: 'changed',
      details: { draft: id, ...details },
    }),
  ];
}

/** Ends the running draft as discarded, with its audit entry (one batch). */
async function endDiscarded(
  db: Database,
  clock: Clock,
  actor: DomainActor,
  record: DraftRecord,
): Promise<void> {
  try {
    await db.batch(discardStatements(db, actor, record, clock.now()), 'write');
  } catch (err) {
    if (endedMeanwhile(err)) throw draftNotRunning();
    throw err;
  }
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
  await endDiscarded(db, clock, actor, record);
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
 * Applies the running draft `id` to the live policy in one batch — one transaction, all of it or
 * nothing: the settings it names, the zones (changed ones updated, new ones added after the
 * others, missing ones deleted — each audited as any change is), the draft's end and its audit
 * entry. Refused like a save: when the impact preview says an administrator would be locked out
 * (409 with the preview's refusal code), or a rule of the settings or zones refuses — the preview
 * judged and the batch written atomically (policy-save.ts: a save racing the Apply makes it judge
 * again); 409 `draft_not_running` when the draft ended meanwhile; and, unless confirmed, 409
 * `ends_own_session` when it would end the acting administrator's own session (own-session.ts;
 * `own` is absent for the command line).
 */
export async function applyDraft(
  deps: DraftDeps,
  actor: DomainActor,
  id: number,
  own?: OwnSession,
): Promise<AppliedDraft> {
  requireAdmin(actor);
  const { db, clock } = deps;
  const record = await theRunning(db, clock, id);
  const { policy } = storedDraftOf(record);
  const patch: Partial<Settings> = {};
  if (policy.ipSafeZoneActive !== undefined) patch.ipSafeZoneActive = policy.ipSafeZoneActive;
  if (policy.twoStepActive !== undefined) patch.twoStepActive = policy.twoStepActive;
  if (policy.outsideFactors !== undefined)
    patch.outsideFactors = policy.outsideFactors as FactorSet;
  const proxies = policy.trustedProxies;
  const proxiesChanged =
    proxies !== undefined && proxies.join(',') !== deps.clientAddress.trustedProxies.join(',');
  const trustedProxies = proxiesChanged ? proxies.join(',') : null;

  const preview = await savePolicy(db, async (unchanged) => {
    const judged = await previewPolicy(deps, policy);
    if (!judged.saveAllowed && judged.refusal)
      throw new AppError(409, judged.refusal.code, judged.refusal.message);
    const at = clock.now();
    const settings =
      Object.keys(patch).length > 0 ? await planSettingsChange(db, actor, patch, at) : null;
    const zones = policy.zones ? await planZoneSet(db, actor, policy.zones, at) : [];
    await guardOwnSession(actor, own, {
      ...(settings ? { settings: settings.after } : {}),
      ...(policy.zones ? { zones: policy.zones } : {}),
    });
    try {
      await applyChange(
        db,
        [
          unchanged,
          draftRunningAssertion(record.id),
          ...(settings?.statements ?? []),
          ...zones,
          ...draftEndStatements(actor, record.id, 'applied', at, {
            changes: record.changes,
            ...(policy.outsideFactors
              ? { outsideFactors: formatFactors(policy.outsideFactors) }
              : {}),
            ...(trustedProxies !== null ? { trustedProxiesToSet: trustedProxies } : {}),
          }),
        ],
        settings?.seedRule,
      );
    } catch (err) {
      // Applied, discarded or ended by another administrator or instance meanwhile.
      if (endedMeanwhile(err)) throw draftNotRunning();
      throw err;
    }
    return judged;
  });
  return {
    draft: await viewOf(db, clock, (await recentDrafts(db, 1))[0]!),
    preview,
    trustedProxies,
  };
}
