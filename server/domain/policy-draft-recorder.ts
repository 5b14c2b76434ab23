/**
 * Report-only mode's recording (issue 27 §3): beside a live decision that let someone in — a
 * sign-in, a forward-auth or OIDC grant, the rows the policy preview replays — the running draft's
 * decision is reckoned and tallied. No second policy engine: the live verdict is the live
 * decision's own (`decideZone`), the draft's is `replaySignIn` (server/policy/replay.ts: the
 * client-address rules, the zone matcher, `decideLogin`, `proofCounts`) with the draft's settings
 * — what the draft leaves alone taken from the live decision — and its compiled zones and proxies.
 *
 * It never changes the live answer: it runs after the decision was written, reads the compiled
 * draft from memory (server/domain/policy-draft-source.ts), and a failure is logged, not thrown.
 * What it writes is a tally per draft, day and user (server/store/policy-drafts.ts), not a row per
 * decision; only decisions that let someone in are tallied, so no anonymous client can make it grow.
 */
import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import { appLogger, type Logger } from '../platform/logger.js';
import { parseFactors, type FactorSet } from '../factors/proof.js';
import { usernameKey } from '../core/identifiers.js';
import { changeOf, replaySignIn, type ReplayChange, type ReplayVerdict } from '../policy/index.js';
import { proofCounts } from '../policy/proof-counts.js';
import { tallyStatement } from '../store/policy-drafts.js';
import { draftSourceFor, type RunningDraft } from './policy-draft-source.js';
import type { ZoneDecision } from './zone-decision.js';

const DAY_MS = 86_400_000;

/** The live and the draft's verdict on one decision, and how they differ. */
export interface DraftComparison {
  live: ReplayVerdict;
  draft: ReplayVerdict;
  change: ReplayChange;
}

/** What the running draft says beside `zoneDecision` to a request that proved `proof`. Pure. */
export function compareWithDraft(
  zoneDecision: ZoneDecision,
  proof: FactorSet,
  draft: Pick<RunningDraft, 'policy' | 'zones' | 'resolve'>,
): DraftComparison {
  const doubtful = zoneDecision.replay?.doubtful ?? zoneDecision.clientIp === null;
  const recorded = {
    address: doubtful ? null : zoneDecision.clientIp,
    factors: proof,
    peer: zoneDecision.replay?.peer ?? null,
    forwarded: zoneDecision.replay?.forwarded ?? null,
  };
  const live: ReplayVerdict = {
    address: recorded.address,
    inside: zoneDecision.inside,
    zone: zoneDecision.zone,
    requirement: zoneDecision.requirement,
    proofCounts: proofCounts(zoneDecision, proof),
  };
  const p = draft.policy;
  const verdict = replaySignIn(recorded, {
    active: p.ipSafeZoneActive ?? zoneDecision.active,
    twoStep: p.twoStepActive ?? zoneDecision.twoStep,
    outsideFactors: p.outsideFactors ?? zoneDecision.outsideFactors,
    zones: draft.zones,
    ...(draft.resolve ? { resolve: draft.resolve } : {}),
  });
  return { live, draft: verdict, change: changeOf(live, verdict) };
}

/** Tallies still being written, per database client (tests wait for them). */
const pending = new WeakMap<Database, Set<Promise<void>>>();

/**
 * Tallies the running draft's decision beside a live one that let `username` in with `factors`
 * (their stored form). Resolves when written; never rejects.
 */
export async function recordBesideDecision(
  db: Database,
  clock: Clock,
  zoneDecision: ZoneDecision,
  signIn: { username: string | null; factors: string },
  log: Logger = appLogger(),
): Promise<void> {
  if (!signIn.username) return;
  try {
    const draft = await draftSourceFor(db, clock).get();
    const at = clock.now();
    if (!draft || at >= draft.endsAt) return;
    const {
      live,
      draft: next,
      change,
    } = compareWithDraft(zoneDecision, parseFactors(signIn.factors), draft);
    await db.execute(
      tallyStatement(
        draft.id,
        Math.floor(at / DAY_MS),
        { key: usernameKey(signIn.username), name: signIn.username },
        {
          liveSecond: live.requirement === 'password' ? 0 : 1,
          draftSecond: next.requirement === 'password' ? 0 : 1,
          needsMore: change === 'needs_second_factor' ? 1 : 0,
          needsLess: change === 'no_longer_needs' ? 1 : 0,
        },
      ),
    );
  } catch (err) {
    log.warn({ detail: (err as Error).message }, "The policy draft's decision was not recorded.");
  }
}

/** The same, not awaited by the caller (a decision written in a batch); see `draftTalliesWritten`. */
export function recordBesideDecisionLater(
  db: Database,
  clock: Clock,
  zoneDecision: ZoneDecision,
  signIn: { username: string | null; factors: string },
): void {
  let set = pending.get(db);
  if (!set) pending.set(db, (set = new Set()));
  const p = recordBesideDecision(db, clock, zoneDecision, signIn).finally(() => set.delete(p));
  set.add(p);
}

/** Resolves once every tally started with `recordBesideDecisionLater` on `db` is written. */
export async function draftTalliesWritten(db: Database): Promise<void> {
  await Promise.all([...(pending.get(db) ?? [])]);
}
