/**
 * Binding one's own SecSign ID as a second factor (issue 27 §4), for every user, administrators
 * on their own account included: the SecSign ID is a second factor like an app or a passkey, so the
 * enrolment rule holds for it too —
 * - a **further** factor (the user holds an app or a passkey already) needs a session proven with
 *   a second factor: step-up, from anywhere (the profile asks to confirm with the factor held);
 * - a **first** one from a password session is trust on first use, audited as
 *   `enrolment.first_factor`; while administrators keep first factors for their approval it is
 *   held for them as an app or a passkey is (factor-approvals.ts: the ID is bound only when one
 *   approves); while they forbid first factors on the password (`first_factor_inside` off) it is
 *   refused — an administrator sets the ID then.
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
import { updateUserStatement, type UserRecord } from '../store/users.js';
import { auditActor, type DomainActor } from './actor.js';
import { secondFactorSessionRequired } from './errors.js';
import { holdFirstFactor } from './factor-approvals.js';
import { FIRST_FACTOR_ACTION, refreshEnrolmentLimit } from './first-factor.js';

/**
 * How one's own ID is bound: `none` — not a first factor on the password's word (someone else's ID,
 * a change or removal, a session proven with a second factor); `trusted` — trust on first use;
 * `held` — kept for an administrator's approval.
 */
export type OwnIdBinding = 'none' | 'trusted' | 'held';

/**
 * Throws when the actor may not bind `next` as their own first or further factor; else says how it
 * is bound (`OwnIdBinding`). Someone else's ID: no check here.
 */
export async function checkOwnSecSignIdBinding(
  db: Database,
  actor: DomainActor,
  before: Pick<UserRecord, 'id' | 'secSignId'>,
  next: string | null,
): Promise<OwnIdBinding> {
  if (actor.id !== before.id || before.secSignId !== null || next === null) return 'none';
  if (satisfies('second-factor', actor.factors ?? [])) return 'none';
  if ((await enrolledKinds(db, before.id)).length > 0) throw secondFactorSessionRequired();
  const [settings, campaign] = await Promise.all([getSettings(db), getEnrolmentCampaign(db)]);
  if (!settings.firstFactorInside) {
    throw new AppError(
      403,
      'first_factor_by_administrator',
      'A first second factor needs an administrator here: ask one to set your SecSign ID.',
    );
  }
  return campaign.firstFactorApproval ? 'held' : 'trusted';
}

/**
 * Holds the user's first SecSign ID for an administrator's approval (409 `approval_waiting` while
 * another request of theirs waits). What approval runs binds the ID only while the user still has
 * none — an ID an administrator set meanwhile is never overwritten (and withdraws the request:
 * users-service.ts) — and a user who took the same ID meanwhile refuses it (409 `secsign_id_taken`).
 */
export async function holdOwnSecSignId(
  db: Database,
  clock: Clock,
  actor: DomainActor,
  before: Pick<UserRecord, 'id' | 'username'>,
  next: string,
): Promise<void> {
  const bind = updateUserStatement(before.id, { secSignId: next }, clock.now()) as {
    sql: string;
    args: (string | number | null)[];
  };
  await holdFirstFactor(
    db,
    clock,
    actor,
    before,
    [{ sql: `${bind.sql} AND secsign_id IS NULL`, args: bind.args }],
    { action: 'user.secsign_id.set', details: { factor: 'secsign', label: next } },
  );
}

/** After an ID was bound: the trust-on-first-use entry, and the campaign's limit re-checked. */
export async function afterSecSignIdBound(
  db: Database,
  clock: Clock,
  actor: DomainActor,
  before: Pick<UserRecord, 'id' | 'username'>,
  next: string | null,
  binding: OwnIdBinding,
): Promise<void> {
  if (next === null) return;
  if (binding === 'trusted') {
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
