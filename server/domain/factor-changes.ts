/**
 * A user's second factors as the profile page and the admin page see and change them: the list,
 * removing one factor, a new set of recovery codes (the old set ends), and an administrator's reset
 * of everything enrolled. Each change is decided by `enrolment-rules.ts`, keeps the seed rule
 * (`outside-admins.ts` first, the database's triggers behind it), ends the user's other sessions
 * and is audited (`commitFactorChange`).
 */
import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import { newRecoveryCodes } from '../factors/recovery-code/codes.js';
import {
  deleteAllUserFactorsStatement,
  deleteRecoveryCodesStatement,
  deleteUserFactorStatement,
  findUserFactor,
  listUserFactors,
  replaceRecoveryCodesStatements,
  unusedRecoveryCodes,
  type EnrolledFactorName,
} from '../store/user-factors.js';
import { findUserById, type UserRecord } from '../store/users.js';
import { AppError } from '../platform/errors.js';
import { requireAdmin, type DomainActor } from './actor.js';
import { checkFactorChange, commitFactorChange } from './enrolment-rules.js';
import { guardLastOutsideAdmin, type OutsideCandidate } from './outside-admins.js';
import { userNotFound } from './errors.js';
import { ownWaitingApproval } from './factor-approvals.js';
import { withdrawApprovalsStatement } from '../store/factor-approvals.js';
import type { ZoneDecision } from './zone-decision.js';

type Where = Pick<ZoneDecision, 'inside' | 'requirement'>;

/** One enrolled factor as the pages show it (never its secret or key). */
export interface FactorJson {
  id: number;
  factor: EnrolledFactorName;
  label: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface FactorsJson {
  secSignId: string | null;
  factors: FactorJson[];
  recoveryCodesLeft: number;
  /** A first factor waiting for an administrator's approval (it counts once approved). */
  waitingApproval: { factor: string; label: string; requestedAt: string } | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

async function loadUser(db: Database, userId: number): Promise<UserRecord> {
  const user = Number.isSafeInteger(userId) && userId > 0 ? await findUserById(db, userId) : null;
  if (!user) throw userNotFound();
  return user;
}

/** What a user has enrolled. */
export async function listFactors(db: Database, userId: number): Promise<FactorsJson> {
  const user = await loadUser(db, userId);
  const [factors, left, waiting] = await Promise.all([
    listUserFactors(db, userId),
    unusedRecoveryCodes(db, userId),
    ownWaitingApproval(db, userId),
  ]);
  return {
    secSignId: user.secSignId,
    factors: factors.map((f) => ({
      id: f.id,
      factor: f.factor,
      label: f.label,
      createdAt: iso(f.createdAt),
      lastUsedAt: f.lastUsedAt === null ? null : iso(f.lastUsedAt),
    })),
    recoveryCodesLeft: left,
    waitingApproval: waiting,
  };
}

function asCandidate(u: UserRecord, kinds: readonly string[]): OutsideCandidate {
  return {
    role: u.role,
    disabled: u.disabled,
    secSignId: u.secSignId,
    hasPassword: u.passwordHash !== null || u.directory !== 'local',
    kinds,
  };
}

/** Removes one of a user's factors (the user with a second-factor session, or an administrator). */
export async function removeFactor(
  db: Database,
  clock: Clock,
  actor: DomainActor,
  where: Where,
  userId: number,
  factorId: number,
): Promise<void> {
  const user = await loadUser(db, userId);
  await checkFactorChange(db, actor, where, userId, 'remove');
  const factor = await findUserFactor(db, userId, factorId);
  if (!factor) throw new AppError(404, 'factor_not_found', 'There is no such factor.');
  const all = await listUserFactors(db, userId);
  const kindsAfter = all.filter((f) => f.id !== factorId).map((f) => f.factor);
  await guardLastOutsideAdmin(
    db,
    user.username,
    asCandidate(
      user,
      all.map((f) => f.factor),
    ),
    asCandidate(user, kindsAfter),
  );
  await commitFactorChange(db, clock, actor, user, [deleteUserFactorStatement(userId, factorId)], {
    action: 'factor.remove',
    outcome: 'removed',
    details: { factor: factor.factor, label: factor.label, id: factor.id },
  });
}

/** A new set of ten recovery codes for the actor themselves; the old set stops working. */
export async function issueRecoveryCodes(
  db: Database,
  clock: Clock,
  actor: DomainActor,
  where: Where,
  userId: number,
): Promise<string[]> {
  const user = await loadUser(db, userId);
  await checkFactorChange(db, actor, where, userId, 'recovery_codes');
  const { codes, hashes } = newRecoveryCodes();
  await commitFactorChange(
    db,
    clock,
    actor,
    user,
    replaceRecoveryCodesStatements(userId, hashes, clock.now()),
    { action: 'factor.recovery_codes', outcome: 'issued', details: { count: codes.length } },
  );
  return codes;
}

/**
 * An administrator's reset: every enrolled factor (authenticator apps, passkeys) and the recovery
 * codes of a user are removed and all their sessions end. The SecSign ID is kept (it is changed on
 * its own). Refused (409 `last_secsign_admin`) when it would leave no administrator able to sign
 * in from outside.
 */
export async function resetFactors(
  db: Database,
  clock: Clock,
  actor: DomainActor,
  userId: number,
): Promise<void> {
  requireAdmin(actor);
  const user = await loadUser(db, userId);
  const all = await listUserFactors(db, userId);
  await guardLastOutsideAdmin(
    db,
    user.username,
    asCandidate(
      user,
      all.map((f) => f.factor),
    ),
    asCandidate(user, []),
  );
  await commitFactorChange(
    db,
    clock,
    { ...actor, sessionId: undefined },
    user,
    [
      deleteAllUserFactorsStatement(userId),
      deleteRecoveryCodesStatement(userId),
      withdrawApprovalsStatement(userId, clock.now(), actor.username),
    ],
    {
      action: 'factor.reset',
      outcome: 'reset',
      details: { removed: all.map((f) => ({ factor: f.factor, label: f.label })) },
    },
  );
}
