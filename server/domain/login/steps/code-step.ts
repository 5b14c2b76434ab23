/**
 * Finishes a login with a typed code — an authenticator app's (TOTP), a recovery code, or one sent
 * out of band (`send-code-step.ts`) — after the password (`POST /api/login/code`, two-step).
 * Checked at once, no polling. The transaction
 * must come from a password step at this address; the factor must be one the policy lets count
 * from here (fail closed); the attempt is counted before the code is checked (`code-limits.ts`).
 * A pending SecSign ID request on the same transaction is cancelled. Every decision is audited.
 */
import { AppError } from '../../../platform/errors.js';
import { factorSet } from '../../../factors/proof.js';
import type { ZoneDecision } from '../../zone-decision.js';
import { finishTransaction } from '../../../store/login-transactions.js';
import { findUserById, type UserRecord } from '../../../store/users.js';
import { offeredFactors } from '../factor-offer.js';
import { tooManyAttempts, transactionInvalid, userDisabled } from '../login-errors.js';
import { checkCode, type CodeFactor } from './code-check.js';
import { countCodeAttempt } from './code-limits.js';
import { loadPending } from './pending.js';
import { signIn, type SignedInResult } from './sign-in.js';
import { auditRefusal, auditStep, type LoginDeps } from './step-deps.js';

export type { CodeFactor };

export const invalidCode = () =>
  new AppError(401, 'invalid_code', 'That code is not right, or it was used already.');

/** Refuses (403, audited) a code factor the policy does not let count from here. */
export async function requireAllowed(
  deps: LoginDeps,
  zoneDecision: ZoneDecision,
  user: UserRecord,
  factor: CodeFactor,
): Promise<void> {
  if (offeredFactors(zoneDecision).some((o) => o.factor === factor)) return;
  await auditStep(deps, zoneDecision, {
    action: `login.${factor}`,
    username: user.username,
    outcome: 'factor_not_allowed',
  });
  throw new AppError(
    403,
    'factor_not_allowed',
    'This way of confirming does not count from where you are. Use another way.',
  );
}

/**
 * Counts the attempt, then checks the code: 429 while the user or address is locked (after
 * `onLocked`, which audits it), 401 `invalid_code` for a wrong one (after `onWrong`); the count is
 * settled either way. Shared with the profile's confirmation (`profile-api/reauth.ts`).
 */
export async function countedCodeCheck(
  deps: LoginDeps,
  zoneDecision: ZoneDecision,
  user: UserRecord,
  input: { factor: CodeFactor; code: string },
  on: { locked: () => Promise<void>; wrong?: (outcome: string) => Promise<void> },
  pending?: { factor: string; factorState: Record<string, unknown> },
): Promise<{ recoveryCodesLeft?: number }> {
  const attempt = await countCodeAttempt(deps, zoneDecision, user.username);
  if (attempt.wait > 0) {
    await on.locked();
    throw tooManyAttempts(attempt.wait);
  }
  let checked;
  try {
    checked = await checkCode(deps, zoneDecision, user, input.factor, input.code, pending);
  } catch (err) {
    await attempt.unanswered();
    throw err;
  }
  if (!checked.ok) {
    await attempt.failed();
    await on.wrong?.(checked.outcome);
    throw invalidCode();
  }
  await attempt.succeeded();
  return checked;
}

export async function codeStep(
  deps: LoginDeps,
  zoneDecision: ZoneDecision,
  input: { transaction: string; factor: CodeFactor; code: string },
  userAgent: string | null,
): Promise<SignedInResult & { recoveryCodesLeft?: number }> {
  const { db, clock } = deps;
  const t = await loadPending(deps, zoneDecision, input.transaction);
  const user = t.userId === null ? null : await findUserById(db, t.userId);
  if (!user || !t.proven.includes('password') || clock.now() >= t.expiresAt) {
    throw transactionInvalid();
  }
  await requireAllowed(deps, zoneDecision, user, input.factor);
  const checked = await countedCodeCheck(
    deps,
    zoneDecision,
    user,
    input,
    {
      locked: () =>
        auditRefusal(deps, zoneDecision, {
          action: `login.${input.factor}`,
          username: user.username,
          outcome: 'locked',
        }),
    },
    t,
  );
  if (!(await finishTransaction(db, clock, t.idHash, 'done'))) throw transactionInvalid();
  if (t.factor !== input.factor) await deps.factors[t.factor]?.cancel(t.factorState);
  if (user.disabled) {
    await auditStep(deps, zoneDecision, {
      action: 'login.failure',
      username: user.username,
      outcome: 'user_disabled',
    });
    throw userDisabled();
  }
  const result = await signIn(
    deps,
    zoneDecision,
    user,
    factorSet(...t.proven, input.factor),
    userAgent,
  );
  const left = checked.recoveryCodesLeft;
  return left === undefined ? result : { ...result, recoveryCodesLeft: left };
}
