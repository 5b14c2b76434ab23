/**
 * Loads the pending login transaction behind a token for a poll or a cancel — only from the
 * address it began at — and ends one that failed: marked failed, cancelled at the factor's
 * service, counted when the person failed, audited.
 */
import type { AppError } from '../../../platform/errors.js';
import type { ZoneDecision } from '../../zone-decision.js';
import {
  findTransaction,
  finishTransaction,
  type LoginTransaction,
} from '../../../store/login-transactions.js';
import { LIMITS, factorKey, recordFailure } from '../rate-limit.js';
import { addressChanged, transactionInvalid } from '../login-errors.js';
import { auditStep, type LoginDeps } from './step-deps.js';

export async function loadPending(
  deps: LoginDeps,
  zoneDecision: ZoneDecision,
  token: unknown,
): Promise<LoginTransaction> {
  const t = await findTransaction(deps.db, token);
  if (!t || t.status !== 'pending') throw transactionInvalid();
  if (t.clientIp !== (zoneDecision.clientIp ?? '')) {
    await auditStep(deps, zoneDecision, {
      action: 'login.secsign',
      username: t.identifier,
      outcome: 'address_changed',
    });
    throw addressChanged();
  }
  return t;
}

export async function failPending(
  deps: LoginDeps,
  zoneDecision: ZoneDecision,
  t: LoginTransaction,
  error: AppError,
  options: { cancel: boolean; counts: boolean },
): Promise<never> {
  await finishTransaction(deps.db, deps.clock, t.idHash, 'failed');
  if (options.cancel) await deps.factors[t.factor]?.cancel(t.factorState);
  if (options.counts) {
    const key = factorKey(t.factor, t.identifier, zoneDecision.clientIp);
    await recordFailure(deps.db, deps.clock, key, LIMITS.secsign);
  }
  await auditStep(deps, zoneDecision, {
    action: 'login.failure',
    username: t.identifier,
    outcome: error.code,
    details: { requirement: t.requirement, factor: t.factor },
  });
  throw error;
}
