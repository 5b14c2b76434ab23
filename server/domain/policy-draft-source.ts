/**
 * The running policy draft of report-only mode (issue 27 §3), compiled once and held in memory, so
 * that reckoning the draft's decision beside a live one costs no database read: the zone matcher
 * built from the draft's zones (or, when the draft leaves the zones alone, from the live zones),
 * and the client-address rules of the draft's trusted proxies. Like the settings and zones the
 * doors hold (server/db/checked-cache.ts), it reads the cheap `policy_drafts` and `zones` change
 * counters at most every `checkIntervalMs` (500 ms) and compiles again only when one moved; a draft
 * this process starts or ends is seen by the very next read, another instance's within a second.
 *
 * A draft past its end is no draft: the first check that finds it ends it as `expired` (audited
 * once, by whichever instance or request gets there first). Fails quiet, never closed: report-only
 * changes no answer, so a draft that cannot be read or compiled is simply not reckoned (logged).
 */
import type { Database, Statement } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import { appLogger } from '../platform/logger.js';
import { checkedCache } from '../db/checked-cache.js';
import { num, str } from '../store/rows.js';
import { auditStatement } from '../store/audit.js';
import { listZones } from '../store/zones.js';
import { outsideAdminLock } from '../store/user-factors.js';
import {
  bumpDraftsVersionStatement,
  endDraftStatement,
  runningDraft,
  type DraftRecord,
} from '../store/policy-drafts.js';
import { compileZones, type ZoneDefinition, type ZoneMatcher } from '../zones/index.js';
import { parseFactors, type FactorSet } from '../factors/proof.js';
import {
  createClientAddressResolver,
  type ClientAddressResolver,
  type ClientIpHeader,
} from '../client-address/index.js';

/** What a draft may change (the preview's draft shape, server/domain/policy-preview.ts). */
export interface DraftPolicy {
  /** Every zone as it would be, in order. */
  zones?: ZoneDefinition[];
  ipSafeZoneActive?: boolean;
  twoStepActive?: boolean;
  outsideFactors?: FactorSet;
  /** Another list of trusted proxies (IPSAFEZONE_TRUSTED_PROXIES). */
  trustedProxies?: string[];
}

/** What is stored of a draft: the policy, and the forwarding header its proxies are read with. */
export interface StoredDraft {
  policy: DraftPolicy;
  /** IPSAFEZONE_CLIENT_IP_HEADER when the draft started (the header the proxies replay). */
  clientIpHeader: ClientIpHeader;
}

/** The running draft, compiled. */
export interface RunningDraft {
  id: number;
  endsAt: number;
  policy: DraftPolicy;
  /** The draft's zones compiled, or the live zones when the draft leaves them alone. */
  zones: ZoneMatcher;
  /** The client-address rules of the draft's trusted proxies, when it changes them. */
  resolve?: ClientAddressResolver;
}

export interface DraftSource {
  /** The running draft, or null when none runs (or it cannot be read: nothing is reckoned). */
  get(): Promise<RunningDraft | null>;
}

/** Reads the stored JSON of a draft back (outside factors kept as the stored list). */
export function storedDraftOf(record: DraftRecord): StoredDraft {
  const stored = record.draft as {
    policy: Omit<DraftPolicy, 'outsideFactors'> & { outsideFactors?: string[] };
    clientIpHeader: ClientIpHeader;
  };
  const { outsideFactors, ...rest } = stored.policy;
  return {
    policy: {
      ...rest,
      ...(outsideFactors ? { outsideFactors: parseFactors(outsideFactors.join('+')) } : {}),
    },
    clientIpHeader: stored.clientIpHeader,
  };
}

/**
 * The batch that ends draft `id` as expired: on PostgreSQL the changes' lock first, so an Apply
 * racing it sees the draft ended or has ended it first (as `discardStatements`, policy-draft.ts).
 * Its last statement is the end itself (its rowsAffected: whether this batch ended it).
 */
export function expireStatements(db: Database, id: number, at: number): Statement[] {
  return [
    ...outsideAdminLock(db),
    bumpDraftsVersionStatement(),
    endDraftStatement(id, 'expired', at, 'system'),
  ];
}

/**
 * Ends `record` as expired if its days are over; returns whether it is over. The UPDATE ends it
 * only if it still runs, and only the statement that ended it writes the audit row.
 */
export async function expireIfDue(
  db: Database,
  clock: Clock,
  record: DraftRecord,
): Promise<boolean> {
  const at = clock.now();
  if (at < record.endsAt) return false;
  const results = await db.batch(expireStatements(db, record.id, at), 'write');
  if (results.at(-1)!.rowsAffected === 1) {
    await db.execute(
      auditStatement(at, {
        actor: 'system',
        action: 'policy_draft.expire',
        outcome: 'ended',
        details: { draft: record.id, changes: record.changes, days: record.days },
      }),
    );
  }
  return true;
}

/**
 * Ends the running draft if its days are over (housekeeping, every ten minutes: so a draft nobody
 * looks at and no sign-in passes still ends, audited, near its time). Returns 1 if it was due.
 */
export async function expireDueDraft(db: Database, clock: Clock): Promise<number> {
  const record = await runningDraft(db);
  return record && (await expireIfDue(db, clock, record)) ? 1 : 0;
}

async function compile(db: Database, record: DraftRecord): Promise<RunningDraft> {
  const { policy, clientIpHeader } = storedDraftOf(record);
  const zones =
    policy.zones ??
    (await listZones(db)).map((z) => ({
      name: z.name,
      ranges: z.ranges,
      enabled: z.enabled,
      force: z.force,
    }));
  return {
    id: record.id,
    endsAt: record.endsAt,
    policy,
    zones: compileZones(zones),
    ...(policy.trustedProxies
      ? {
          resolve: createClientAddressResolver({
            trustedProxies: policy.trustedProxies,
            header: clientIpHeader,
          }),
        }
      : {}),
  };
}

export function createDraftSource(
  db: Database,
  clock: Clock,
  options: { checkIntervalMs?: number } = {},
): DraftSource {
  let known: { versions: string; draft: RunningDraft | null } | null = null;
  const get = checkedCache<RunningDraft | null>({
    db,
    tables: ['policy_drafts'],
    intervalMs: options.checkIntervalMs ?? 500,
    now: () => performance.now(),
    async check() {
      try {
        const rs = await db.execute(
          "SELECT name, value FROM change_counters WHERE name IN ('policy_drafts', 'zones') ORDER BY name",
        );
        const versions = rs.rows.map((r) => `${str(r, 'name')}=${num(r, 'value')}`).join(',');
        let draft = known?.versions === versions ? known.draft : undefined;
        if (draft === undefined) {
          const record = await runningDraft(db);
          draft = record === null ? null : await compile(db, record);
          known = { versions, draft };
        }
        if (draft && clock.now() >= draft.endsAt) {
          const record = await runningDraft(db);
          if (record) await expireIfDue(db, clock, record);
          return { value: null, keep: false };
        }
        return { value: draft, keep: true };
      } catch (err) {
        appLogger().warn(
          { detail: (err as Error).message },
          'The policy draft could not be read; its decisions are not reckoned.',
        );
        return { value: null, keep: false };
      }
    },
  });
  return { get };
}

const perDatabase = new WeakMap<Database, DraftSource>();

/** The one draft source of a database client (created with `clock` on first use). */
export function draftSourceFor(db: Database, clock: Clock): DraftSource {
  let source = perDatabase.get(db);
  if (!source) {
    source = createDraftSource(db, clock);
    perDatabase.set(db, source);
  }
  return source;
}
