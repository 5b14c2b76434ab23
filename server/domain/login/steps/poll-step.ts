/**
 * Polls a pending second factor. Signs in exactly once when it is proven (the transaction's
 * compare-and-set decides between instances polling at once), with the proof made of the factors
 * proven before plus this one. The identifier a challenge went to (a SecSign ID) must still belong
 * to the user it was started for.
 */
import { AuthSessionState } from '../../../secsign/types.js';
import { factorSet } from '../../../factors/proof.js';
import type { ZoneDecision } from '../../zone-decision.js';
import { finishTransaction } from '../../../store/login-transactions.js';
import { findUserById } from '../../../store/users.js';
import { factorKey, clearFailures } from '../rate-limit.js';
import { failureForState } from '../../../factors/secsign/outcomes.js';
import { challengeLogin } from '../../../factors/modules.js';
import {
  directoryUnavailable,
  noAccount,
  transactionInvalid,
  userDisabled,
} from '../login-errors.js';
import type { StillPending } from '../answers.js';
import { failPending, loadPending } from './pending.js';
import { signIn, type SignedInResult } from './sign-in.js';
import { auditStep, type LoginDeps } from './step-deps.js';

export async function pollStep(
  deps: LoginDeps,
  zoneDecision: ZoneDecision,
  token: unknown,
  userAgent: string | null,
): Promise<SignedInResult | StillPending> {
  const { db, clock } = deps;
  const t = await loadPending(deps, zoneDecision, token);
  const expired = failureForState(AuthSessionState.EXPIRED)!;
  if (clock.now() >= t.expiresAt)
    return failPending(deps, zoneDecision, t, expired, { cancel: true, counts: true });
  const factor = deps.factors[t.factor];
  if (!factor) {
    const invalid = failureForState(AuthSessionState.INVALID)!;
    return failPending(deps, zoneDecision, t, invalid, { cancel: false, counts: false });
  }
  const check = await factor.check(t.factorState);
  if (check.outcome === 'waiting')
    return { status: 'secsign_pending', state: check.detail, pollAfterMs: check.pollAfterMs };
  if (check.outcome === 'failed')
    return failPending(deps, zoneDecision, t, check.error, { cancel: false, counts: check.counts });
  if (!(await finishTransaction(db, clock, t.idHash, 'done'))) throw transactionInvalid();
  const user = t.userId === null ? null : await findUserById(db, t.userId);
  // The challenge went to the user's identifier (their SecSign ID): it must still be theirs.
  const login = challengeLogin(t.factor);
  if (!user || (login !== null && login.identifierOf(user) !== t.identifier)) {
    await auditStep(deps, zoneDecision, {
      action: 'login.failure',
      username: t.identifier,
      outcome: 'no_account',
    });
    throw noAccount();
  }
  // Without a password, the password directory was not asked: ask it now (closed when down).
  const confirmed =
    t.proven.includes('password') || !deps.confirmUser
      ? { status: 'ok' as const, user }
      : await deps.confirmUser(user);
  if (confirmed.status !== 'ok') {
    const outcome = confirmed.status === 'gone' ? 'directory_user_gone' : 'directory_unavailable';
    await auditStep(deps, zoneDecision, {
      action: 'login.failure',
      username: user.username,
      outcome,
    });
    if (confirmed.status === 'unavailable') {
      throw directoryUnavailable().withLog(
        `Directory of ${user.username} unavailable: ${confirmed.reason}`,
      );
    }
    throw userDisabled();
  }
  if (confirmed.user.disabled) {
    await auditStep(deps, zoneDecision, {
      action: 'login.failure',
      username: user.username,
      outcome: 'user_disabled',
    });
    throw userDisabled();
  }
  await clearFailures(db, factorKey(t.factor, t.identifier, zoneDecision.clientIp));
  return signIn(deps, zoneDecision, confirmed.user, factorSet(...t.proven, t.factor), userAgent);
}
