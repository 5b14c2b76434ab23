/** The user cancels a pending second factor: ended here and at the factor's service, audited. */
import type { ZoneDecision } from '../../zone-decision.js';
import { finishTransaction } from '../../../store/login-transactions.js';
import { loadPending } from './pending.js';
import { auditStep, type LoginDeps } from './step-deps.js';

export async function cancelStep(
  deps: LoginDeps,
  zoneDecision: ZoneDecision,
  token: unknown,
): Promise<{ status: 'canceled' }> {
  const t = await loadPending(deps, zoneDecision, token);
  if (await finishTransaction(deps.db, deps.clock, t.idHash, 'canceled')) {
    await deps.factors[t.factor]?.cancel(t.factorState);
    await auditStep(deps, zoneDecision, {
      action: 'login.failure',
      username: t.identifier,
      outcome: 'canceled_by_user',
    });
  }
  return { status: 'canceled' };
}
