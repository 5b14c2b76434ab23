/**
 * The policy preview's tally (issue 27): from the sign-ins of the origins that change — per
 * origin, user and day, as read from the audit log — the users concerned (who would now need a
 * second factor, who has none they could use and would be stopped, who would no longer need one),
 * the addresses, the totals and the chart's days. Pure: rows and verdicts in, the preview's lists
 * out.
 */
import { type FactorSet, type Requirement } from '../factors/proof.js';
import { FACTOR_NAMES, holds } from '../factors/registry.js';
import { usernameKey } from '../core/identifiers.js';
import {
  couldProve,
  type ReplayChange,
  type ReplayPolicy,
  type ReplayVerdict,
} from '../policy/index.js';
import type {
  OriginCount,
  OriginUserDay,
  Period,
  RecordedOrigin,
  ReplayUser,
} from '../store/signin-history.js';
import type {
  PolicyPreview,
  PreviewAddress,
  PreviewDay,
  PreviewUser,
  UserChange,
} from './policy-preview-types.js';

const DAY_MS = 86_400_000;

/** An origin's verdicts under both policies, kept when they differ. */
export interface ChangedOrigin {
  origin: RecordedOrigin;
  live: ReplayVerdict;
  draft: ReplayVerdict;
  change: ReplayChange;
}

/**
 * What the user has to prove a second factor with: their password and the factors they hold (the
 * registry's `holds`, so a new factor is counted without a line here).
 */
export function enrolledOf(u: ReplayUser): FactorSet {
  const held = { ...u, enrolled: u.kinds };
  return FACTOR_NAMES.filter((f) => holds(f, held));
}

export const originKey = (o: RecordedOrigin) =>
  `${o.addressKey ?? ''}\u0000${o.factors}\u0000${o.peer ?? ''}\u0000${o.forwarded ?? ''}`;

const isoDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

const CHANGE_RANK: Record<UserChange, number> = {
  stopped: 3,
  needs_second_factor: 2,
  no_longer_needs: 1,
};

/** The users, addresses, totals and days of the sign-ins that change. */
export function tally(input: {
  /** Per origin and user (and maybe day): the sign-ins. */
  perUser: readonly (OriginCount & { username: string })[];
  /** Per day: the sign-ins that would need more, and less (`dayCountsOf`, or from SQL). */
  dayCounts: readonly DayCount[];
  changed: ReadonlyMap<string, ChangedOrigin>;
  /** The users who still exist, by user-name key. */
  known: ReadonlyMap<string, ReplayUser>;
  next: ReplayPolicy;
  period: Period;
}): {
  totals: PolicyPreview['totals'];
  users: PreviewUser[];
  addresses: PreviewAddress[];
  days: PreviewDay[];
} {
  const { perUser, dayCounts, changed, known, next, period } = input;
  // Per user and per address.
  interface Acc {
    user: ReplayUser | null;
    name: string;
    change: UserChange;
    signIns: number;
    addresses: Map<string, number>;
    zonesLive: Set<string | null>;
    zonesDraft: Set<string | null>;
    /** What the draft asks of the sign-ins that would need more (the strictest). */
    requirement: Requirement | null;
  }
  const users = new Map<string, Acc>();
  const addresses = new Map<string, PreviewAddress & { names: Set<string> }>();
  const totals: PolicyPreview['totals'] = {
    stopped: { signIns: 0, users: 0 },
    needs_second_factor: { signIns: 0, users: 0 },
    no_longer_needs: { signIns: 0, users: 0 },
  };
  for (const row of perUser) {
    const c = changed.get(originKey(row));
    if (!c) continue;
    const user = known.get(usernameKey(row.username)) ?? null;
    let change: UserChange =
      c.change === 'no_longer_needs' ? 'no_longer_needs' : 'needs_second_factor';
    if (
      change === 'needs_second_factor' &&
      user !== null &&
      !couldProve(
        { requirement: c.draft.requirement, outsideFactors: next.outsideFactors },
        enrolledOf(user),
      )
    )
      change = 'stopped';
    totals[change].signIns += row.signIns;
    const key = usernameKey(row.username);
    let acc = users.get(key);
    if (!acc) {
      acc = {
        user,
        name: row.username,
        change,
        signIns: 0,
        addresses: new Map(),
        zonesLive: new Set(),
        zonesDraft: new Set(),
        requirement: null,
      };
      users.set(key, acc);
    }
    if (CHANGE_RANK[change] > CHANGE_RANK[acc.change]) acc.change = change;
    acc.signIns += row.signIns;
    if (change !== 'no_longer_needs' && acc.requirement !== 'password-and-second-factor')
      acc.requirement = c.draft.requirement;
    const address = c.draft.address ?? c.live.address ?? '(unknown)';
    acc.addresses.set(address, (acc.addresses.get(address) ?? 0) + row.signIns);
    acc.zonesLive.add(c.live.zone);
    acc.zonesDraft.add(c.draft.zone);

    const aKey = `${address}\u0000${c.change}`;
    let a = addresses.get(aKey);
    if (!a) {
      a = {
        address: c.draft.address ?? c.live.address,
        zoneLive: c.live.zone,
        zoneDraft: c.draft.zone,
        change: c.change as PreviewAddress['change'],
        signIns: 0,
        users: 0,
        names: new Set(),
      };
      addresses.set(aKey, a);
    }
    a.signIns += row.signIns;
    a.names.add(key);
  }
  for (const acc of users.values()) totals[acc.change].users++;

  const userList: PreviewUser[] = [...users.values()]
    .sort(
      (a, b) =>
        CHANGE_RANK[b.change] - CHANGE_RANK[a.change] ||
        Number(b.user?.role === 'admin') - Number(a.user?.role === 'admin') ||
        b.signIns - a.signIns ||
        a.name.localeCompare(b.name),
    )
    .map((acc) => {
      const requirement = acc.requirement ?? 'password';
      const enrolled = acc.user ? enrolledOf(acc.user) : [];
      return {
        username: acc.user?.username ?? acc.name,
        displayName: acc.user?.displayName ?? '',
        role: acc.user?.role ?? null,
        deleted: acc.user === null,
        disabled: acc.user?.disabled ?? false,
        change: acc.change,
        signIns: acc.signIns,
        addresses: [...acc.addresses]
          .sort((x, y) => y[1] - x[1])
          .slice(0, 3)
          .map(([a]) => a),
        zonesLive: [...acc.zonesLive],
        zonesDraft: [...acc.zonesDraft],
        usable:
          requirement === 'password'
            ? []
            : next.outsideFactors.filter(
                (f) =>
                  enrolled.includes(f) &&
                  couldProve({ requirement, outsideFactors: next.outsideFactors }, [
                    ...enrolled.filter((e) => e === 'password'),
                    f,
                  ]),
              ),
      };
    });

  return {
    totals,
    users: userList,
    addresses: addressList(addresses),
    days: perDay(dayCounts, period),
  };
}

/** One day's sign-ins that would need more, and that would need less. */
export interface DayCount {
  day: number;
  needsSecondFactor: number;
  noLongerNeeds: number;
}

/** The day counts of rows read per origin, user and day. */
export function dayCountsOf(
  rows: readonly OriginUserDay[],
  changed: ReadonlyMap<string, ChangedOrigin>,
): DayCount[] {
  const byDay = new Map<number, DayCount>();
  for (const row of rows) {
    const c = changed.get(originKey(row));
    if (!c) continue;
    const slot = byDay.get(row.day) ?? { day: row.day, needsSecondFactor: 0, noLongerNeeds: 0 };
    if (c.change === 'no_longer_needs') slot.noLongerNeeds += row.signIns;
    else slot.needsSecondFactor += row.signIns;
    byDay.set(row.day, slot);
  }
  return [...byDay.values()];
}

/** Per day: every day of the period, zeros included. */
function perDay(counts: readonly DayCount[], period: Period): PreviewDay[] {
  const firstDay = Math.floor(period.from / DAY_MS);
  const lastDay = Math.floor(period.to / DAY_MS);
  const byDay = new Map<number, PreviewDay>();
  for (let d = firstDay; d <= lastDay; d++)
    byDay.set(d, { day: isoDay(d), needsSecondFactor: 0, noLongerNeeds: 0 });
  for (const c of counts) {
    const slot = byDay.get(c.day);
    if (!slot) continue;
    slot.needsSecondFactor += c.needsSecondFactor;
    slot.noLongerNeeds += c.noLongerNeeds;
  }
  return [...byDay.values()];
}

/** The addresses, most sign-ins first, with how many users each. */
function addressList(addresses: Map<string, PreviewAddress & { names: Set<string> }>) {
  return [...addresses.values()]
    .sort((a, b) => b.signIns - a.signIns)
    .map(({ names: n, ...a }) => ({ ...a, users: n.size }));
}
