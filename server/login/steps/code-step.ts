/**
 * Finishes a login with a typed code — an authenticator app's (TOTP) or a recovery code — after
 * the password (`POST /api/login/code`). Checked at once, no polling. The transaction must come
 * from a password step at this address; the factor must be one the policy lets count from here
 * (fail closed); the attempt is counted before the code is checked (`code-limits.ts`). A pending
 * SecSign ID request on the same transaction is cancelled. Every decision is audited; a recovery
 * code's use is audited on its own with how many are left, which the answer tells too.
 */
import { AppError } from '../../errors.js';
import { factorSet } from '../../auth/factors.js';
import { hashRecoveryCode, looksLikeRecoveryCode } from '../../auth/recovery-codes.js';
import type { Standing } from '../../domain/standing.js';
import { checkTotpCode } from '../../domain/totp-service.js';
import { finishTransaction } from '../../store/login-transactions.js';
import { findUserById } from '../../store/users.js';
import { unusedRecoveryCodes, useRecoveryCode } from '../../store/user-factors.js';
import { offeredFactors } from '../factor-offer.js';
import { tooManyAttempts, transactionInvalid, userDisabled } from '../login-errors.js';
import { countCodeAttempt } from './code-limits.js';
import { loadPending } from './pending.js';
import { signIn, type SignedInResult } from './sign-in.js';
import { auditStep, type LoginDeps } from './step-deps.js';

export type CodeFactor = 'totp' | 'recovery_code';

export const invalidCode = () =>
  new AppError(401, 'invalid_code', 'That code is not right, or it was used already.');

export async function codeStep(
  deps: LoginDeps,
  standing: Standing,
  input: { transaction: string; factor: CodeFactor; code: string },
  userAgent: string | null,
): Promise<SignedInResult & { recoveryCodesLeft?: number }> {
  const { db, clock } = deps;
  const action = `login.${input.factor}`;
  const t = await loadPending(deps, standing, input.transaction);
  const user = t.userId === null ? null : await findUserById(db, t.userId);
  if (!user || !t.proven.includes('password') || clock.now() >= t.expiresAt) {
    throw transactionInvalid();
  }
  const allowed = offeredFactors(standing).some((o) => o.factor === input.factor);
  if (!allowed) {
    await auditStep(deps, standing, {
      action,
      username: user.username,
      outcome: 'factor_not_allowed',
    });
    throw new AppError(
      403,
      'factor_not_allowed',
      'This way of confirming does not count from where you are. Use another way.',
    );
  }
  const attempt = await countCodeAttempt(deps, standing, user.username);
  if (attempt.wait > 0) {
    await auditStep(deps, standing, { action, username: user.username, outcome: 'locked' });
    throw tooManyAttempts(attempt.wait);
  }
  let left: number | undefined;
  if (input.factor === 'totp') {
    const result = await checkTotpCode(deps, user.id, input.code);
    if (result === 'unavailable') {
      await attempt.unanswered();
      await auditStep(deps, standing, { action, username: user.username, outcome: 'unavailable' });
      throw new AppError(
        503,
        'factor_unavailable',
        'Authenticator codes cannot be checked right now. Use another way, or ask an administrator.',
      );
    }
    if (result !== 'ok') {
      await auditStep(deps, standing, {
        action,
        username: user.username,
        outcome: result === 'replayed' ? 'code_replayed' : 'invalid_code',
      });
      throw invalidCode();
    }
  } else {
    const used =
      looksLikeRecoveryCode(input.code) &&
      (await useRecoveryCode(db, user.id, hashRecoveryCode(input.code), clock.now()));
    if (!used) {
      await auditStep(deps, standing, { action, username: user.username, outcome: 'invalid_code' });
      throw invalidCode();
    }
    left = await unusedRecoveryCodes(db, user.id);
    await auditStep(deps, standing, {
      action,
      username: user.username,
      outcome: 'recovery_code_used',
      details: { left },
    });
  }
  await attempt.succeeded();
  if (!(await finishTransaction(db, clock, t.idHash, 'done'))) throw transactionInvalid();
  if (t.factor !== input.factor) await deps.factors[t.factor]?.cancel(t.factorState);
  if (user.disabled) {
    await auditStep(deps, standing, {
      action: 'login.failure',
      username: user.username,
      outcome: 'user_disabled',
    });
    throw userDisabled();
  }
  const result = await signIn(
    deps,
    standing,
    user,
    factorSet(...t.proven, input.factor),
    userAgent,
  );
  return left === undefined ? result : { ...result, recoveryCodesLeft: left };
}
