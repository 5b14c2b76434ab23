/**
 * The administrator guard of the policy preview (issue 27), which the zone and settings services
 * also run before they save: a change may not take an administrator's way in. An enabled
 * administrator *loses the way in* when, of the places they signed in from in the period (the last
 * 30 days), at least one would now stop them — it would need a second factor they do not have — and
 * none would still let them in with what they have now (their password, their factors). Besides,
 * the seed's rule as the settings service applies it: a change of the settings may not leave
 * IPSafeZone without an administrator who can sign in from outside (`no_secsign_admin`,
 * `last_secsign_admin`). The preview says so (`saveAllowed: false`), and the services refuse the
 * save with the same code (409 `admin_locked_out`) — both from this module.
 */
import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import { AppError } from '../platform/errors.js';
import { parseFactors } from '../factors/proof.js';
import { changeOf, couldProve, replaySignIn, type ReplayPolicy } from '../policy/index.js';
import { addressOfKey } from '../zones/address-key.js';
import {
  enabledAdminKeys,
  originsOfUser,
  replayUsers,
  type Period,
} from '../store/signin-history.js';
import { countOutsideCapable } from './outside-admins.js';
import { lastOutsideAdmin, noOutsideAdmin } from './errors.js';
import { enrolledOf } from './policy-preview-tally.js';
import { replayPolicies, type ReplayPolicies } from './policy-preview-policies.js';
import { DEFAULT_PREVIEW_DAYS, type PolicyDraft } from './policy-preview-types.js';

const DAY_MS = 86_400_000;

/** The enabled administrators who would lose the way in under `next` (see the module comment). */
export async function adminsLockedOut(
  db: Database,
  period: Period,
  policies: { live: ReplayPolicy; next: ReplayPolicy; forwarding: boolean },
): Promise<string[]> {
  const { live, next } = policies;
  const out: string[] = [];
  for (const admin of await replayUsers(db, await enabledAdminKeys(db))) {
    const enrolled = enrolledOf(admin);
    const origins = await originsOfUser(db, {
      ...period,
      username: admin.username,
      forwarding: policies.forwarding,
    });
    let stopped = false;
    let wayIn = false;
    for (const o of origins) {
      const recorded = {
        address: o.addressKey === null ? null : addressOfKey(o.addressKey),
        factors: parseFactors(o.factors),
        peer: o.peer,
        forwarded: o.forwarded,
      };
      const d = replaySignIn(recorded, next);
      if (couldProve({ requirement: d.requirement, outsideFactors: next.outsideFactors }, enrolled))
        wayIn = true;
      else if (changeOf(replaySignIn(recorded, live), d) === 'needs_second_factor') stopped = true;
    }
    if (stopped && !wayIn) out.push(admin.username);
  }
  return out;
}

/** The seed's rule for a change of the settings, as the settings service applies it. */
async function seedRuleRefusal(db: Database, p: ReplayPolicies, capableAfter: number) {
  if (!p.settingsChanged) return null;
  if (p.next.active && capableAfter === 0)
    return p.settings.ipSafeZoneActive ? lastOutsideAdmin() : noOutsideAdmin();
  if (capableAfter === 0 && (await countOutsideCapable(db, p.settings.outsideFactors)) > 0)
    return lastOutsideAdmin();
  return null;
}

/** 409 `admin_locked_out`, naming the administrators. */
export const adminLockedOut = (names: readonly string[]) =>
  new AppError(
    409,
    'admin_locked_out',
    `This change would stop ${names.length === 1 ? 'the administrator' : 'the administrators'} ${names.join(', ')}: of the places they signed in from in the last ${DEFAULT_PREVIEW_DAYS} days, none would let them in with what they have (they would need a second factor that counts, and have none). Enrol one for them first.`,
    { administrators: [...names] },
  );

/** What the preview says of the administrators, and why saving is refused (null: allowed). */
export async function administratorGuard(
  db: Database,
  period: Period,
  p: ReplayPolicies,
): Promise<{ stopped: string[]; outsideCapable: number; refusal: AppError | null }> {
  const stopped = await adminsLockedOut(db, period, {
    live: p.live,
    next: p.next,
    forwarding: p.proxiesChanged,
  });
  const outsideCapable = await countOutsideCapable(db, p.next.outsideFactors);
  const refusal =
    stopped.length > 0 ? adminLockedOut(stopped) : await seedRuleRefusal(db, p, outsideCapable);
  return { stopped, outsideCapable, refusal };
}

/**
 * Refuses (409 `admin_locked_out`) a save of zones or settings that would take an enabled
 * administrator's way in, judged on the last 30 days' sign-ins — what the preview showed. The
 * zone and settings services call it before they write; the trusted proxies are not changed here.
 */
export async function guardAdminsWayIn(
  db: Database,
  clock: Clock,
  draft: Omit<PolicyDraft, 'trustedProxies'>,
): Promise<void> {
  const to = clock.now();
  const p = await replayPolicies(db, { trustedProxies: [], header: 'x-forwarded-for' }, draft);
  const stopped = await adminsLockedOut(
    db,
    { from: to - DEFAULT_PREVIEW_DAYS * DAY_MS, to },
    { live: p.live, next: p.next, forwarding: false },
  );
  if (stopped.length > 0) throw adminLockedOut(stopped);
}
