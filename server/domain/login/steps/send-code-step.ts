/**
 * Sends a one-time code out of band when the user picks a factor that answers that way (an e-mail
 * code; the module's `SentCodeLogin`) after the password (`POST /api/login/code/send`). The
 * transaction must come from a password step at this address and not have expired; the factor
 * must count from here and be the user's. Sends are counted per user (5 in 15 minutes, then 429),
 * so nobody can flood a mailbox with a password alone. The code is made and kept hashed by the
 * seam (`server/factors/sent-code.ts`); the password's transaction is taken over by a new one
 * that carries the hash (its SecSign ID request cancelled), and the code is then typed like any
 * other (`code-step.ts`). A delivery that fails ends the new transaction: 503, audited.
 */
import { AppError, isAppError } from '../../../platform/errors.js';
import { sentCodeLogin } from '../../../factors/modules.js';
import { newSentCode } from '../../../factors/sent-code.js';
import type { CodeFactorName } from '../../../factors/registry.js';
import { usernameKey } from '../../../core/identifiers.js';
import type { ZoneDecision } from '../../zone-decision.js';
import { createTransaction, finishTransaction } from '../../../store/login-transactions.js';
import { enrolledKinds, unusedRecoveryCodes } from '../../../store/user-factors.js';
import { findUserById } from '../../../store/users.js';
import type { CodeSent } from '../answers.js';
import { usableFactors } from '../factor-offer.js';
import { tooManyAttempts, transactionInvalid, userDisabled } from '../login-errors.js';
import { LIMITS, countAttempt } from '../rate-limit.js';
import { requireAllowed } from './code-step.js';
import { loadPending } from './pending.js';
import { auditRefusal, auditStep, type LoginDeps } from './step-deps.js';

const notSent = () =>
  new AppError(422, 'code_not_sent', 'This way of confirming sends no code. Type your code.');

export const sendKey = (username: string) => `send:${usernameKey(username).slice(0, 200)}`;

export async function sendCodeStep(
  deps: LoginDeps,
  zoneDecision: ZoneDecision,
  input: { transaction: string; factor: CodeFactorName },
): Promise<CodeSent> {
  const { db, clock } = deps;
  const action = `login.${input.factor}`;
  const login = sentCodeLogin(input.factor);
  if (!login) throw notSent();
  const t = await loadPending(deps, zoneDecision, input.transaction);
  const user = t.userId === null ? null : await findUserById(db, t.userId);
  if (!user || !t.proven.includes('password') || clock.now() >= t.expiresAt)
    throw transactionInvalid();
  if (user.disabled) throw userDisabled();
  await requireAllowed(deps, zoneDecision, user, input.factor);
  const [kinds, recoveryCodesLeft] = await Promise.all([
    enrolledKinds(db, user.id),
    unusedRecoveryCodes(db, user.id),
  ]);
  const usable = usableFactors(zoneDecision, {
    secSignId: user.secSignId,
    kinds,
    recoveryCodesLeft,
  });
  if (!usable.some((o) => o.factor === input.factor)) {
    await auditStep(deps, zoneDecision, {
      action,
      username: user.username,
      outcome: 'factor_not_held',
    });
    throw new AppError(403, 'factor_not_allowed', 'Confirm with one of your own sign-in methods.');
  }
  const wait = await countAttempt(db, clock, sendKey(user.username), LIMITS.user);
  if (wait > 0) {
    await auditRefusal(deps, zoneDecision, { action, username: user.username, outcome: 'locked' });
    throw tooManyAttempts(wait);
  }
  const made = newSentCode(clock);
  const { token, transaction } = await createTransaction(db, clock, {
    userId: user.id,
    requirement: t.requirement,
    factor: input.factor,
    factorState: made.state,
    proven: t.proven,
    identifier: user.username,
    clientIp: t.clientIp,
    expiresAt: made.expiresAt,
  });
  // One pending transaction at a time: the password's (or an earlier code's) ends here.
  if (!(await finishTransaction(db, clock, t.idHash, 'done'))) {
    await finishTransaction(db, clock, transaction.idHash, 'failed');
    throw transactionInvalid();
  }
  if (t.factor !== input.factor) await deps.factors[t.factor]?.cancel(t.factorState);
  try {
    await login.send(deps, user, made.code, made.expiresAt);
  } catch (err) {
    await finishTransaction(db, clock, transaction.idHash, 'failed');
    const outcome = isAppError(err) ? err.code : 'send_failed';
    await auditStep(deps, zoneDecision, { action, username: user.username, outcome });
    if (isAppError(err)) throw err;
    throw new AppError(
      503,
      'code_not_delivered',
      'The code could not be sent right now. Use another way, or try again shortly.',
    ).withLog('Sending a one-time code failed', err);
  }
  await auditStep(deps, zoneDecision, {
    action,
    username: user.username,
    outcome: 'code_sent',
    details: { requirement: t.requirement, factor: input.factor },
  });
  return {
    status: 'code_sent',
    transaction: token,
    factor: input.factor,
    expiresAt: new Date(made.expiresAt).toISOString(),
    factors: usable,
  };
}
