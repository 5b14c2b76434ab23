/**
 * Creating and changing users under the seed's rules: one SecSign ID per user and one user per
 * SecSign ID; the last enabled administrator who can sign in from outside (a SecSign ID, a passkey,
 * an authenticator app, as the policy allows) cannot lose that, be demoted, disabled or deleted; users may change their own SecSign ID only when the
 * setting allows it, administrators always. Every refusal changes nothing; every change is audited
 * (who, what, before, after — never a password hash) in the same transaction.
 */
import type { Database, Statement } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import { AppError } from '../platform/errors.js';
import { auditStatement } from '../store/audit.js';
import { getSettings } from '../store/settings.js';
import {
  deleteUserStatement,
  findUserById,
  findUserBySecSignId,
  findUserByUsername,
  insertUserStatement,
  publicUser,
  updateUserStatement,
  type PublicUser,
  type Role,
  type UserChanges,
  type UserRecord,
} from '../store/users.js';
import { auditActor, requireAdmin, type DomainActor } from './actor.js';
import { applyChange } from './apply-change.js';
import {
  secSignIdChangeNotAllowed,
  secSignIdTaken,
  userNotFound,
  usernameTaken,
} from './errors.js';
import { hashPassword } from '../platform/crypto/passwords.js';
import { revokeUserSessionsStatement } from '../store/sessions.js';
import { FACTORS } from '../factors/registry.js';
import { enrolledKinds } from '../store/user-factors.js';
import { guardLastOutsideAdmin, type OutsideCandidate } from './outside-admins.js';
import {
  afterSecSignIdBound,
  checkOwnSecSignIdBinding,
  holdOwnSecSignId,
} from './own-secsign-id.js';
import { withdrawApprovalsStatement } from '../store/factor-approvals.js';
import { checkDisplayName, checkEmail, checkSecSignId, checkUsername } from './user-fields.js';

export interface NewUserInput {
  username: string;
  password: string;
  displayName?: string;
  email?: string;
  role?: Role;
  disabled?: boolean;
  secSignId?: string | null;
}

export interface UserUpdate {
  displayName?: string;
  email?: string;
  role?: Role;
  disabled?: boolean;
}

/** A user as the seed rule sees them, with their enrolled factor kinds. */
async function candidate(
  db: Database,
  u: Pick<UserRecord, 'id' | 'role' | 'disabled' | 'secSignId' | 'passwordHash' | 'directory'>,
): Promise<OutsideCandidate> {
  return {
    role: u.role,
    disabled: u.disabled,
    secSignId: u.secSignId,
    hasPassword: u.passwordHash !== null || u.directory !== 'local',
    kinds: await enrolledKinds(db, u.id),
  };
}

/**
 * Throws 409 `last_secsign_admin` when turning `before` into `after` would leave no enabled
 * administrator who can sign in from outside (`outside-admins.ts`). (`after` null: deleted.)
 */
async function guardUserChange(
  db: Database,
  before: UserRecord,
  after: Pick<UserRecord, 'role' | 'disabled' | 'secSignId'> | null,
): Promise<void> {
  const b = await candidate(db, before);
  await guardLastOutsideAdmin(db, before.username, b, after && { ...b, ...after });
}

async function loadUser(db: Database, id: number): Promise<UserRecord> {
  const user = Number.isSafeInteger(id) && id > 0 ? await findUserById(db, id) : null;
  if (!user) throw userNotFound();
  return user;
}

async function reload(db: Database, id: number): Promise<PublicUser> {
  return publicUser(await loadUser(db, id));
}

/** Creates a user (administrators only). Returns the new user without its password hash. */
export async function createUser(
  db: Database,
  clock: Clock,
  actor: DomainActor,
  input: NewUserInput,
): Promise<PublicUser> {
  requireAdmin(actor);
  const username = checkUsername(input.username);
  const displayName = checkDisplayName(input.displayName ?? '');
  const email = checkEmail(input.email ?? '');
  const secSignId =
    input.secSignId === undefined || input.secSignId === null || input.secSignId.trim() === ''
      ? null
      : checkSecSignId(input.secSignId);
  if (await findUserByUsername(db, username)) throw usernameTaken(username);
  if (secSignId !== null && (await findUserBySecSignId(db, secSignId)))
    throw secSignIdTaken(secSignId);
  const passwordHash = await hashPassword(input.password);
  const at = clock.now();
  const fields = {
    username,
    displayName,
    email,
    role: input.role ?? 'user',
    disabled: input.disabled ?? false,
    secSignId,
  } as const;
  await applyChange(db, [
    insertUserStatement({ ...fields, passwordHash, at }),
    auditStatement(at, {
      ...auditActor(actor),
      action: 'user.create',
      username,
      outcome: 'changed',
      details: { before: null, after: fields },
    }),
  ]);
  const created = await findUserByUsername(db, username);
  if (!created) throw userNotFound();
  return publicUser(created);
}

/** Changes display name, e-mail, role or disabled flag (administrators only). */
export async function updateUser(
  db: Database,
  clock: Clock,
  actor: DomainActor,
  userId: number,
  update: UserUpdate,
): Promise<PublicUser> {
  requireAdmin(actor);
  const before = await loadUser(db, userId);
  const changes: UserChanges = {};
  if (update.displayName !== undefined) changes.displayName = checkDisplayName(update.displayName);
  if (update.email !== undefined) changes.email = checkEmail(update.email);
  if (update.role !== undefined) changes.role = update.role;
  if (update.disabled !== undefined) changes.disabled = update.disabled;
  const diff = diffUser(before, changes);
  if (!diff) return publicUser(before);
  await guardUserChange(db, before, { ...before, ...changes });
  // Disabling ends every session of the user: hidden while disabled, they would live again the
  // moment the account is enabled — a thief's too.
  const disabling = changes.disabled === true && !before.disabled;
  await write(
    db,
    clock,
    actor,
    before,
    changes,
    'user.update',
    disabling ? { ...diff, sessionsEnded: true } : diff,
    false,
    disabling ? [revokeUserSessionsStatement(before.id, undefined, clock.now())] : [],
  );
  return reload(db, userId);
}

/** Sets a user's password (administrators only; 422 when too short or too long). */
export async function setPassword(
  db: Database,
  clock: Clock,
  actor: DomainActor,
  userId: number,
  password: string,
): Promise<PublicUser> {
  requireAdmin(actor);
  const before = await loadUser(db, userId);
  if (before.directory !== 'local') {
    throw new AppError(
      409,
      'password_elsewhere',
      `The password of ${before.username} lives in the directory "${before.directory}"; change it there.`,
    );
  }
  const passwordHash = await hashPassword(password);
  const at = clock.now();
  await applyChange(db, [
    updateUserStatement(before.id, { passwordHash }, at),
    revokeOtherSessionsStatement(before.id, actor, at),
    auditStatement(at, {
      ...auditActor(actor),
      action: 'user.password',
      username: before.username,
      outcome: 'changed',
      details: { otherSessionsEnded: true },
    }),
  ]);
  return reload(db, userId);
}

/**
 * Assigns (a string) or clears (null) a user's SecSign ID. Administrators may change anyone's; a
 * user may change their own only while "users may change their own SecSign ID" is on (else 403
 * `secsign_id_change_not_allowed`). 409 `secsign_id_taken` when another user holds the ID;
 * 409 `last_secsign_admin` when it would leave no administrator with one while IPSafeZone is active.
 */
export async function changeSecSignId(
  db: Database,
  clock: Clock,
  actor: DomainActor,
  targetUserId: number,
  newIdOrNull: string | null,
): Promise<PublicUser> {
  return (await changeSecSignIdOrHold(db, clock, actor, targetUserId, newIdOrNull)).user;
}

/**
 * `changeSecSignId`, saying whether the ID was bound or — a user's own first SecSign ID on the
 * password's word while administrators approve first factors — held for their approval
 * (`waitingApproval`: the user is unchanged until one approves; own-secsign-id.ts).
 */
export async function changeSecSignIdOrHold(
  db: Database,
  clock: Clock,
  actor: DomainActor,
  targetUserId: number,
  newIdOrNull: string | null,
): Promise<{ user: PublicUser; waitingApproval: boolean }> {
  if (actor.role !== 'admin') {
    if (actor.id !== targetUserId) {
      throw new AppError(
        403,
        'secsign_id_change_not_allowed',
        "Only an administrator may change another user's SecSign ID.",
      );
    }
    const settings = await getSettings(db);
    if (!settings.usersChangeOwnId) throw secSignIdChangeNotAllowed();
  }
  const before = await loadUser(db, targetUserId);
  const next =
    newIdOrNull === null || newIdOrNull.trim() === '' ? null : checkSecSignId(newIdOrNull);
  if (next === before.secSignId) return { user: publicUser(before), waitingApproval: false };
  // One's own ID (administrators' too): a further factor needs one already held (step-up).
  const binding = await checkOwnSecSignIdBinding(db, actor, before, next);
  // Binding a first SecSign ID needs only a session that counts from where the user is (inside:
  // the password, as the seed intends); replacing or removing one needs proof of it — a session
  // confirmed with a second factor — or an administrator. Otherwise a password alone, typed in
  // the office, could move someone's second factor to the attacker's phone.
  const own = actor.id === targetUserId;
  if ((own || actor.role !== 'admin') && before.secSignId !== null && !provedPossession(actor)) {
    throw new AppError(
      403,
      'second_factor_required',
      'To change or remove your SecSign ID, sign in with it first — or ask an administrator.',
    );
  }
  if (next !== null) {
    const holder = await findUserBySecSignId(db, next);
    if (holder && holder.id !== before.id) throw secSignIdTaken(next);
  }
  if (binding === 'held') {
    await holdOwnSecSignId(db, clock, actor, before, next!);
    return { user: publicUser(before), waitingApproval: true };
  }
  await guardUserChange(db, before, { ...before, secSignId: next });
  await write(
    db,
    clock,
    actor,
    before,
    { secSignId: next },
    next === null ? 'user.secsign_id.clear' : 'user.secsign_id.set',
    {
      before: { secSignId: before.secSignId },
      after: { secSignId: next },
    },
    true,
    // An ID set by someone else is a factor come another way: a request of theirs waits no more.
    !own && next !== null
      ? [withdrawApprovalsStatement(before.id, clock.now(), actor.username)]
      : [],
  );
  await afterSecSignIdBound(db, clock, actor, before, next, binding);
  return { user: await reload(db, targetUserId), waitingApproval: false };
}

/** Deletes a user (administrators only). */
export async function deleteUser(
  db: Database,
  clock: Clock,
  actor: DomainActor,
  userId: number,
): Promise<void> {
  requireAdmin(actor);
  const before = await loadUser(db, userId);
  await guardUserChange(db, before, null);
  const at = clock.now();
  await applyChange(db, [
    deleteUserStatement(before.id),
    auditStatement(at, {
      ...auditActor(actor),
      action: 'user.delete',
      username: before.username,
      outcome: 'changed',
      details: { before: publicUser(before), after: null },
    }),
  ]);
}

type Diff = {
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  sessionsEnded?: true;
};

function diffUser(before: UserRecord, changes: UserChanges): Diff | null {
  const diff: Diff = { before: {}, after: {} };
  let any = false;
  for (const [k, v] of Object.entries(changes) as [keyof UserChanges, unknown][]) {
    if (k === 'passwordHash') continue;
    if (before[k] !== v) {
      diff.before[k] = before[k];
      diff.after[k] = v;
      any = true;
    }
  }
  return any ? diff : null;
}

async function write(
  db: Database,
  clock: Clock,
  actor: DomainActor,
  before: UserRecord,
  changes: UserChanges,
  action: string,
  diff: Diff,
  /** A second factor changed: the user's other sessions end with it. */
  endOtherSessions = false,
  /** More of the change, in its batch. */
  more: Statement[] = [],
): Promise<void> {
  const at = clock.now();
  await applyChange(db, [
    updateUserStatement(before.id, changes, at),
    ...(endOtherSessions ? [revokeOtherSessionsStatement(before.id, actor, at)] : []),
    ...more,
    auditStatement(at, {
      ...auditActor(actor),
      action,
      username: before.username,
      outcome: 'changed',
      details: endOtherSessions ? { ...diff, otherSessionsEnded: true } : diff,
    }),
  ]);
}

/** Ends a user's sessions, except the one the actor is using (when they change their own). */
function revokeOtherSessionsStatement(userId: number, actor: DomainActor, at: number) {
  return revokeUserSessionsStatement(userId, actor.id === userId ? actor.sessionId : undefined, at);
}

/** Whether the actor's session was confirmed with a possession factor (SecSign ID, later others). */
function provedPossession(actor: DomainActor): boolean {
  return (actor.factors ?? []).some((f) => FACTORS[f].kind === 'possession');
}
