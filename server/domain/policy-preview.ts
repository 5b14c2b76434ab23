/**
 * The policy preview (issue 27): what a draft of the policy — other zones, settings or trusted
 * proxies — would have done to the real sign-ins and forward-auth grants of a period (default the
 * last 30 days), before the administrator saves it. It reads the recorded origins (address and
 * factors, aggregated: server/store/signin-history.ts), replays each once against the live policy
 * and the draft with the doors' own pure decision (server/policy/replay.ts), and then reads the
 * users and days of only the origins that change. It says who would now need a second factor,
 * who has none they could use (would be stopped), who would no longer need one, by address, zone
 * and day (policy-preview-tally.ts); whether an administrator would lose the way in (then saving
 * is refused: policy-preview-admins.ts); and what it cannot know. It changes nothing.
 * The draft and answer types are in policy-preview-types.ts, re-exported here.
 */
import { AppError } from '../platform/errors.js';
import { parseFactors } from '../factors/proof.js';
import { usernameKey } from '../core/identifiers.js';
import { changeOf, replaySignIn, type RecordedSignIn } from '../policy/index.js';
import { addressOfKey } from '../zones/address-key.js';
import {
  countOrigins,
  countSignIns,
  daysOfOrigins,
  replayUsers,
  signInsOfOrigins,
  usersOfOrigins,
  type DetailQuery,
  type Period,
} from '../store/signin-history.js';
import { describeChanges, touchedRanges } from './policy-preview-changes.js';
import { replayPolicies } from './policy-preview-policies.js';
import { administratorGuard } from './policy-preview-admins.js';
import {
  dayCountsOf,
  originKey,
  tally,
  type ChangedOrigin,
  type DayCount,
} from './policy-preview-tally.js';
import {
  DEFAULT_PREVIEW_DAYS,
  MAX_PREVIEW_DAYS,
  PREVIEW_LIST_LIMIT,
  type PolicyDraft,
  type PolicyPreview,
  type PreviewDeps,
} from './policy-preview-types.js';

export * from './policy-preview-types.js';

const DAY_MS = 86_400_000;

/**
 * The sign-ins of the changed origins, per origin and user, and per day. Without other trusted
 * proxies an origin is (address, factors): the days are counted in SQL, per kind of change, so
 * that only a few rows come back; with them, one row per origin, user and day is read.
 */
async function signInsOfChanged(
  db: PreviewDeps['db'],
  q: DetailQuery,
  changed: ReadonlyMap<string, ChangedOrigin>,
): Promise<{ perUser: Awaited<ReturnType<typeof usersOfOrigins>>; dayCounts: DayCount[] }> {
  if (changed.size === 0) return { perUser: [], dayCounts: [] };
  if (q.forwarding) {
    const rows = await signInsOfOrigins(db, q);
    return { perUser: rows, dayCounts: dayCountsOf(rows, changed) };
  }
  const period: Period = { from: q.from, to: q.to };
  const of = (kind: 'more' | 'less') =>
    daysOfOrigins(db, {
      ...period,
      origins: [...changed.values()]
        .filter((c) => (c.change === 'no_longer_needs') === (kind === 'less'))
        .map((c) => c.origin),
    });
  const perUser = await usersOfOrigins(db, q);
  const days = new Map<number, DayCount>();
  const slot = (day: number) => {
    let s = days.get(day);
    if (!s) days.set(day, (s = { day, needsSecondFactor: 0, noLongerNeeds: 0 }));
    return s;
  };
  for (const d of await of('more')) slot(d.day).needsSecondFactor += d.signIns;
  for (const d of await of('less')) slot(d.day).noLongerNeeds += d.signIns;
  return { perUser, dayCounts: [...days.values()] };
}

/**
 * Replays the period's recorded sign-ins against the live policy and `draft`.
 * @throws AppError 422 when the draft's zones do not compile (`invalid_zone_range`) or the period
 *   is out of bounds
 */
export async function previewPolicy(
  deps: PreviewDeps,
  draft: PolicyDraft,
  options: { days?: number } = {},
): Promise<PolicyPreview> {
  const { db, clock } = deps;
  const days = options.days ?? DEFAULT_PREVIEW_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > MAX_PREVIEW_DAYS)
    throw new AppError(422, 'invalid_period', `The period is 1 to ${MAX_PREVIEW_DAYS} days.`);
  const to = clock.now();
  const period = { from: to - days * DAY_MS, to };

  // A bad range of the draft throws ZoneDefinitionError: 422 at the edges.
  const policies = await replayPolicies(db, deps.clientAddress, draft);
  const { settings, liveZones, liveProxies, live, next, proxiesChanged, settingsChanged } =
    policies;

  // Only zones changed: only the addresses in the ranges touched can change.
  const ranges =
    settingsChanged || proxiesChanged
      ? undefined
      : touchedRanges(liveZones, draft.zones ?? liveZones);
  const origins = await countOrigins(db, { ...period, ranges, forwarding: proxiesChanged });

  const changed = new Map<string, ChangedOrigin>();
  for (const o of origins) {
    const recorded: RecordedSignIn = {
      address: o.addressKey === null ? null : addressOfKey(o.addressKey),
      factors: parseFactors(o.factors),
      peer: o.peer,
      forwarded: o.forwarded,
    };
    const l = replaySignIn(recorded, live);
    const d = replaySignIn(recorded, next);
    const change = changeOf(l, d);
    if (change !== 'same') changed.set(originKey(o), { origin: o, live: l, draft: d, change });
  }

  const keys = [
    ...new Set([...changed.keys()].map((k) => k.slice(0, k.indexOf('\u0000')) || null)),
  ];
  const { perUser, dayCounts } = await signInsOfChanged(
    db,
    { ...period, keys, forwarding: proxiesChanged },
    changed,
  );

  const names = [...new Set(perUser.map((r) => r.username))];
  const known = new Map(
    (await replayUsers(db, names.map(usernameKey))).map((u) => [usernameKey(u.username), u]),
  );
  const {
    totals,
    users,
    addresses,
    days: perDay,
  } = tally({
    perUser,
    dayCounts,
    changed,
    known,
    next,
    period,
  });

  const guard = await administratorGuard(db, period, policies);
  const counts = await countSignIns(db, period);
  const deleted = users.filter((u) => u.deleted).length;
  const unknowns = [
    'Second factors are judged as each user has them now: one enrolled since a sign-in counts, one removed since does not.',
    'Forward-auth grants are recorded once per session, address and ten minutes, not per request.',
  ];
  if (deleted > 0)
    unknowns.push(
      `${deleted} ${deleted === 1 ? 'user has' : 'users have'} been deleted since signing in: their sign-ins are counted, not judged.`,
    );
  if (counts.notRecorded > 0)
    unknowns.push(
      `${counts.notRecorded} sign-ins from before the replay was recorded carry no factors and are not replayed.`,
    );
  if (proxiesChanged)
    unknowns.push(
      'Only the configured forwarding header was recorded: a change of IPSAFEZONE_CLIENT_IP_HEADER cannot be replayed.',
    );

  return {
    period: {
      from: new Date(period.from).toISOString(),
      to: new Date(period.to).toISOString(),
      days,
    },
    changes: describeChanges({ zones: liveZones, settings, proxies: liveProxies }, draft),
    signIns: { replayed: counts.replayable, notRecorded: counts.notRecorded },
    totals,
    users: users.slice(0, PREVIEW_LIST_LIMIT),
    usersTotal: users.length,
    addresses: addresses.slice(0, PREVIEW_LIST_LIMIT),
    addressesTotal: addresses.length,
    days: perDay,
    administrators: { stopped: guard.stopped, outsideCapable: guard.outsideCapable },
    saveAllowed: guard.refusal === null,
    refusal: guard.refusal && { code: guard.refusal.code, message: guard.refusal.message },
    unknowns,
  };
}
