/**
 * The policy preview (issue 27): what a draft of the policy — other zones, settings or trusted
 * proxies — would have done to the real sign-ins and forward-auth grants of a period (default the
 * last 30 days), before the administrator saves it. It reads the recorded origins (address and
 * factors, aggregated: server/store/signin-history.ts), replays each once against the live policy
 * and the draft with the doors' own pure decision (server/policy/replay.ts), and then reads the
 * users and days of only the origins that change. It says who would now need a second factor,
 * who has none they could use (would be stopped), who would no longer need one, by address, zone
 * and day; whether an administrator would lose the way in (then saving is refused); and what it
 * cannot know. It changes nothing.
 */
import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import { AppError } from '../platform/errors.js';
import { parseFactors, type FactorSet, type Requirement } from '../factors/proof.js';
import type { FactorName } from '../factors/registry.js';
import { usernameKey } from '../core/identifiers.js';
import { createClientAddressResolver, type ClientAddressConfig } from '../client-address/index.js';
import {
  changeOf,
  couldProve,
  replaySignIn,
  type RecordedSignIn,
  type ReplayChange,
  type ReplayPolicy,
  type ReplayVerdict,
} from '../policy/index.js';
import { compileZones, type ZoneDefinition } from '../zones/index.js';
import { addressOfKey, keyRangeOf, type KeyRange } from '../zones/address-key.js';
import { getSettings, type Settings } from '../store/settings.js';
import { listZones } from '../store/zones.js';
import {
  countOrigins,
  countSignIns,
  replayUsers,
  signInsOfOrigins,
  type RecordedOrigin,
  type ReplayUser,
} from '../store/signin-history.js';
import { countOutsideCapable } from './outside-admins.js';

export const DEFAULT_PREVIEW_DAYS = 30;
export const MAX_PREVIEW_DAYS = 366;
/** Users and addresses listed at most (the totals count all). */
export const PREVIEW_LIST_LIMIT = 200;
const DAY_MS = 86_400_000;

/** A draft of the policy: what is given replaces the live value, the rest stays. */
export interface PolicyDraft {
  /** Every zone as it would be, in order (the matcher's order). */
  zones?: ZoneDefinition[];
  ipSafeZoneActive?: boolean;
  twoStepActive?: boolean;
  outsideFactors?: FactorSet;
  /** Another list of trusted proxies (IPSAFEZONE_TRUSTED_PROXIES); the header stays. */
  trustedProxies?: string[];
}

export interface PreviewDeps {
  db: Database;
  clock: Clock;
  /** The live client-address configuration (trusted proxies, header). */
  clientAddress: ClientAddressConfig;
}

/** How a user's sign-ins change; `stopped`: would need a second factor and has none usable. */
export type UserChange = 'stopped' | 'needs_second_factor' | 'no_longer_needs';

export interface PreviewUser {
  username: string;
  displayName: string;
  role: 'admin' | 'user' | null;
  /** The user no longer exists: their sign-ins are counted, not judged. */
  deleted: boolean;
  disabled: boolean;
  change: UserChange;
  signIns: number;
  /** Up to three of the addresses concerned, most sign-ins first. */
  addresses: string[];
  /** Zones the sign-ins came from under the live policy, and under the draft (null: outside). */
  zonesLive: (string | null)[];
  zonesDraft: (string | null)[];
  /** The second factors the user could use under the draft (empty when stopped). */
  usable: FactorName[];
}

export interface PreviewAddress {
  address: string | null;
  zoneLive: string | null;
  zoneDraft: string | null;
  change: Exclude<ReplayChange, 'same'>;
  signIns: number;
  users: number;
}

export interface PreviewDay {
  /** `YYYY-MM-DD` (UTC). */
  day: string;
  needsSecondFactor: number;
  noLongerNeeds: number;
}

export interface PolicyPreview {
  period: { from: string; to: string; days: number };
  /** What the draft changes, in words. */
  changes: string[];
  signIns: { replayed: number; notRecorded: number };
  totals: Record<UserChange, { signIns: number; users: number }>;
  users: PreviewUser[];
  usersTotal: number;
  addresses: PreviewAddress[];
  addressesTotal: number;
  days: PreviewDay[];
  administrators: {
    /** Enabled administrators who signed in in the period and would be stopped. */
    stopped: string[];
    /** Enabled administrators who could sign in from outside under the draft's factors. */
    outsideCapable: number;
  };
  /** False when the draft would lock administrators out: saving it is refused. */
  saveAllowed: boolean;
  refusal: { code: string; message: string } | null;
  /** What the replay cannot know, in sentences. */
  unknowns: string[];
}

const sameZone = (a: ZoneDefinition, b: ZoneDefinition) =>
  a.name === b.name &&
  (a.enabled ?? true) === (b.enabled ?? true) &&
  (a.force ?? false) === (b.force ?? false) &&
  a.ranges.length === b.ranges.length &&
  a.ranges.every((r, i) => r.trim() === b.ranges[i]!.trim());

/**
 * The address ranges a zone change can move an address in or out of: every range of every
 * enabled zone that is not the same in both lists (added, removed, changed, switched on or off).
 * Outside these, no address changes zone membership.
 */
export function touchedRanges(live: ZoneDefinition[], draft: ZoneDefinition[]): KeyRange[] {
  const out: KeyRange[] = [];
  const add = (z: ZoneDefinition) => {
    if (z.enabled === false) return;
    for (const text of z.ranges) {
      const r = keyRangeOf(text, true);
      if (r) out.push(r);
    }
  };
  for (const z of live) if (!draft.some((d) => sameZone(z, d))) add(z);
  for (const z of draft) if (!live.some((l) => sameZone(l, z))) add(z);
  return out;
}

function describeChanges(
  live: { zones: ZoneDefinition[]; settings: Settings; proxies: string[] },
  draft: PolicyDraft,
): string[] {
  const out: string[] = [];
  if (draft.zones) {
    for (const z of draft.zones) {
      const was = live.zones.find((l) => l.name === z.name);
      if (!was) out.push(`zone ${z.name} added`);
      else if (!sameZone(was, z)) out.push(`zone ${z.name} changed`);
    }
    for (const z of live.zones)
      if (!draft.zones.some((d) => d.name === z.name)) out.push(`zone ${z.name} removed`);
  }
  const onOff = (b: boolean) => (b ? 'on' : 'off');
  const s = live.settings;
  if (draft.ipSafeZoneActive !== undefined && draft.ipSafeZoneActive !== s.ipSafeZoneActive)
    out.push(`IPSafeZone ${onOff(draft.ipSafeZoneActive)}`);
  if (draft.twoStepActive !== undefined && draft.twoStepActive !== s.twoStepActive)
    out.push(`two-step ${onOff(draft.twoStepActive)}`);
  if (
    draft.outsideFactors !== undefined &&
    draft.outsideFactors.join('+') !== s.outsideFactors.join('+')
  )
    out.push(`factors that count outside: ${draft.outsideFactors.join(', ') || 'none'}`);
  if (
    draft.trustedProxies !== undefined &&
    draft.trustedProxies.join(',') !== live.proxies.join(',')
  )
    out.push(`trusted proxies: ${draft.trustedProxies.join(', ') || 'none'}`);
  return out;
}

/** What the user has to prove a second factor with: their password and enrolled factors. */
function enrolledOf(u: ReplayUser): FactorSet {
  const has: FactorName[] = [];
  if (u.hasPassword) has.push('password');
  if (u.secSignId !== null) has.push('secsign');
  if (u.kinds.includes('passkey')) has.push('passkey');
  if (u.kinds.includes('totp')) has.push('totp');
  if (u.recoveryCodesLeft > 0) has.push('recovery_code');
  return has;
}

const originKey = (o: RecordedOrigin) =>
  `${o.addressKey ?? ''}\u0000${o.factors}\u0000${o.peer ?? ''}\u0000${o.forwarded ?? ''}`;

const isoDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

const CHANGE_RANK: Record<UserChange, number> = {
  stopped: 3,
  needs_second_factor: 2,
  no_longer_needs: 1,
};

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

  const settings = await getSettings(db);
  const liveZones: ZoneDefinition[] = (await listZones(db)).map((z) => ({
    name: z.name,
    ranges: z.ranges,
    enabled: z.enabled,
    force: z.force,
  }));
  const liveProxies = deps.clientAddress.trustedProxies;
  const proxiesChanged =
    draft.trustedProxies !== undefined && draft.trustedProxies.join(',') !== liveProxies.join(',');
  const draftFactors = draft.outsideFactors ?? settings.outsideFactors;
  const settingsChanged =
    (draft.ipSafeZoneActive ?? settings.ipSafeZoneActive) !== settings.ipSafeZoneActive ||
    (draft.twoStepActive ?? settings.twoStepActive) !== settings.twoStepActive ||
    draftFactors.join('+') !== settings.outsideFactors.join('+');

  const live: ReplayPolicy = {
    active: settings.ipSafeZoneActive,
    twoStep: settings.twoStepActive,
    outsideFactors: settings.outsideFactors,
    zones: compileZones(liveZones),
    ...(proxiesChanged ? { resolve: createClientAddressResolver(deps.clientAddress) } : {}),
  };
  const next: ReplayPolicy = {
    active: draft.ipSafeZoneActive ?? settings.ipSafeZoneActive,
    twoStep: draft.twoStepActive ?? settings.twoStepActive,
    outsideFactors: draftFactors,
    // A bad range throws ZoneDefinitionError: 422 at the edges.
    zones: compileZones(draft.zones ?? liveZones),
    ...(proxiesChanged
      ? {
          resolve: createClientAddressResolver({
            ...deps.clientAddress,
            trustedProxies: draft.trustedProxies!,
          }),
        }
      : {}),
  };

  // Only zones changed: only the addresses in the ranges touched can change.
  const ranges =
    settingsChanged || proxiesChanged
      ? undefined
      : touchedRanges(liveZones, draft.zones ?? liveZones);
  const origins = await countOrigins(db, { ...period, ranges, forwarding: proxiesChanged });

  const changed = new Map<
    string,
    { live: ReplayVerdict; draft: ReplayVerdict; change: ReplayChange }
  >();
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
    if (change !== 'same') changed.set(originKey(o), { live: l, draft: d, change });
  }

  const keys = [
    ...new Set([...changed.keys()].map((k) => k.slice(0, k.indexOf('\u0000')) || null)),
  ];
  const detail = { ...period, keys, forwarding: proxiesChanged };
  const perUser = changed.size === 0 ? [] : await signInsOfOrigins(db, detail);

  const names = [...new Set(perUser.map((r) => r.username))];
  const known = new Map(
    (await replayUsers(db, names.map(usernameKey))).map((u) => [usernameKey(u.username), u]),
  );

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

  // Per day: every day of the period, zeros included.
  const firstDay = Math.floor(period.from / DAY_MS);
  const lastDay = Math.floor(period.to / DAY_MS);
  const byDay = new Map<number, PreviewDay>();
  for (let d = firstDay; d <= lastDay; d++)
    byDay.set(d, { day: isoDay(d), needsSecondFactor: 0, noLongerNeeds: 0 });
  for (const row of perUser) {
    const c = changed.get(originKey(row));
    const slot = c && byDay.get(row.day);
    if (!c || !slot) continue;
    if (c.change === 'no_longer_needs') slot.noLongerNeeds += row.signIns;
    else slot.needsSecondFactor += row.signIns;
  }

  const stoppedAdmins = userList
    .filter((u) => u.change === 'stopped' && u.role === 'admin' && !u.disabled)
    .map((u) => u.username);
  const outsideCapable = await countOutsideCapable(db, next.outsideFactors);
  const refusal =
    stoppedAdmins.length > 0
      ? {
          code: 'admin_locked_out',
          message: `This change would stop ${stoppedAdmins.length === 1 ? 'the administrator' : 'the administrators'} ${stoppedAdmins.join(', ')}: they signed in from where they would now need a second factor, and have none that counts. Enrol one for them first.`,
        }
      : next.active && outsideCapable === 0
        ? {
            code: 'last_secsign_admin',
            message:
              'No enabled administrator could sign in from outside with a second factor this policy allows.',
          }
        : null;

  const counts = await countSignIns(db, period);
  const deleted = userList.filter((u) => u.deleted).length;
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

  const addressList = [...addresses.values()]
    .sort((a, b) => b.signIns - a.signIns)
    .map(({ names: n, ...a }) => ({ ...a, users: n.size }));
  return {
    period: {
      from: new Date(period.from).toISOString(),
      to: new Date(period.to).toISOString(),
      days,
    },
    changes: describeChanges({ zones: liveZones, settings, proxies: liveProxies }, draft),
    signIns: { replayed: counts.replayable, notRecorded: counts.notRecorded },
    totals,
    users: userList.slice(0, PREVIEW_LIST_LIMIT),
    usersTotal: userList.length,
    addresses: addressList.slice(0, PREVIEW_LIST_LIMIT),
    addressesTotal: addressList.length,
    days: [...byDay.values()],
    administrators: { stopped: stoppedAdmins, outsideCapable },
    saveAllowed: refusal === null,
    refusal,
    unknowns,
  };
}
