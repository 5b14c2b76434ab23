/**
 * Binding one's own SecSign ID as a second factor (issue 27 §4), for every user, administrators
 * on their own account included: the SecSign ID is a second factor like an app or a passkey, so the
 * enrolment rule holds for it too —
 * - a **further** factor (the user holds an app or a passkey already) needs a session proven with
 *   a second factor: step-up, from anywhere (the profile asks to confirm with the factor held);
 * - a **first** one from a password session is trust on first use: not while administrators keep
 *   first factors for their approval or forbid them (`first_factor_inside` off) — then an
 *   administrator sets the ID — and otherwise audited as `enrolment.first_factor`.
 * Replacing or removing an existing ID needs proof of possession (users-service.ts). Once the ID is
 * bound, the enrolment campaign's limit on the user's sessions ends.
 */
import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import { AppError } from '../platform/errors.js';
import { satisfies } from '../factors/proof.js';
import { appendAudit } from '../store/audit.js';
import { getEnrolmentCampaign } from '../store/enrolment-campaign.js';
import { getSettings } from '../store/settings.js';
import { enrolledKinds } from '../store/user-factors.js';
import type { UserRecord } from '../store/users.js';
import { auditActor, type DomainActor } from './actor.js';
import { secondFactorSessionRequired } from './errors.js';
import { FIRST_FACTOR_ACTION, refreshEnrolmentLimit } from './first-factor.js';

/**
 * Throws when the actor may not bind `next` as their own first or further factor; returns whether
 * it is a first factor on the password's word (trust on first use). Someone else's ID: no check here.
 */
export async function checkOwnSecSignIdBinding(
  db: Database,
  actor: DomainActor,
  before: Pick<UserRecord, 'id' | 'secSignId'>,
  next: string | null,
): Promise<boolean> {
  if (actor.id !== before.id || before.secSignId !== null || next === null) return false;
  if (satisfies('second-factor', actor.factors ?? [])) return false;
  if ((await enrolledKinds(db, before.id)).length > 0) throw secondFactorSessionRequired();
  const [settings, campaign] = await Promise.all([getSettings(db), getEnrolmentCampaign(db)]);
  if (!settings.firstFactorInside || campaign.firstFactorApproval) {
    throw new AppError(
      403,
      'first_factor_by_administrator',
      'A first second factor needs an administrator here: ask one to set your SecSign ID.',
    );
  }
  return true;
}

/** After an ID was bound: the trust-on-first-use entry, and the campaign's limit re-checked. */
export async function afterSecSignIdBound(
  db: Database,
  clock: Clock,
  actor: DomainActor,
  before: Pick<UserRecord, 'id' | 'username'>,
  next: string | null,
  firstFactor: boolean,
): Promise<void> {
  if (next === null) return;
  if (firstFactor) {
    await appendAudit(db, clock, {
      ...auditActor(actor),
      action: FIRST_FACTOR_ACTION,
      username: before.username,
      outcome: 'trusted_on_first_use',
      details: {
        factor: 'secsign',
        via: 'user.secsign_id.set',
        proven: (actor.factors ?? []).join('+'),
      },
    });
  }
  await refreshEnrolmentLimit(db, before.id);
}
