/**
 * Starts a second-factor challenge (the factor module's `SecondFactor`: a SecSign ID push) and records it as a login
 * transaction bound to the client address, the factors already proven and what the login must
 * satisfy. Refused while the (identifier, address) pair or the address is locked; requests are
 * not counted here — only failures of the person are (see `poll-step.ts`), so neither an outage of
 * the ID server nor a stranger typing someone's ID locks that ID. A start the factor refuses before
 * anything was proven (an unknown or frozen SecSign ID) is audited aggregated
 * (server/domain/aggregated-audit.ts): a stranger can repeat it at will.
 */
import { AppError } from '../../../platform/errors.js';
import { isAppError } from '../../../platform/errors.js';
import type { FactorSet } from '../../../factors/proof.js';
import type { FactorName } from '../../../factors/registry.js';
import type { ZoneDecision } from '../../zone-decision.js';
import { createTransaction } from '../../../store/login-transactions.js';
import type { UserRecord } from '../../../store/users.js';
import { addressKey, factorKey, longestLock } from '../rate-limit.js';
import { tooManyAttempts } from '../login-errors.js';
import type { PendingFor } from '../answers.js';
import { auditRefusal, auditStep, type LoginDeps } from './step-deps.js';

export async function beginSecondFactor<F extends FactorName>(
  deps: LoginDeps,
  zoneDecision: ZoneDecision,
  input: {
    user: UserRecord | null;
    factor: F;
    /** What the factor is started for (a SecSign ID). */
    identifier: string;
    proven: FactorSet;
    /** The name the audit log records. */
    auditName: string;
  },
): Promise<PendingFor<F>> {
  const { db, clock } = deps;
  const action = `login.${input.factor}`;
  const wait = await longestLock(db, clock, [
    factorKey(input.factor, input.identifier, zoneDecision.clientIp),
    addressKey(zoneDecision.clientIp),
  ]);
  if (wait > 0) {
    await auditRefusal(deps, zoneDecision, {
      action,
      username: input.auditName,
      outcome: 'locked',
    });
    throw tooManyAttempts(wait);
  }
  const factor = deps.factors[input.factor];
  if (!factor)
    throw new AppError(503, 'factor_unavailable', 'This way of signing in is not available here.');
  let started;
  try {
    started = await factor.start(input.identifier);
  } catch (err) {
    const code = isAppError(err) ? err.code : 'internal';
    const entry = { action, username: input.auditName, outcome: code };
    // Nothing proven yet: anyone can repeat this start at will (an ID that does not exist, one
    // the ID server froze), so the refusal is aggregated like the other anonymous ones.
    if (input.proven.length === 0) await auditRefusal(deps, zoneDecision, entry);
    else await auditStep(deps, zoneDecision, entry);
    throw err;
  }
  const { token } = await createTransaction(db, clock, {
    userId: input.user?.id ?? null,
    requirement: zoneDecision.requirement,
    factor: input.factor,
    factorState: started.state,
    proven: input.proven,
    identifier: started.identifier ?? input.identifier,
    clientIp: zoneDecision.clientIp ?? '',
    expiresAt: started.expiresAt,
  });
  await auditStep(deps, zoneDecision, {
    action,
    username: input.auditName,
    outcome: 'secsign_pending',
    details: { requirement: zoneDecision.requirement, factor: input.factor },
  });
  // The factor's display as its module made it, beside the fields every challenge answers with.
  return {
    ...started.display,
    status: 'secsign_pending',
    transaction: token,
    expiresAt: new Date(started.expiresAt).toISOString(),
    pollAfterMs: started.pollAfterMs,
  } as PendingFor<F>;
}
