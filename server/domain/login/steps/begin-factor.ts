/**
 * Starts a second-factor challenge (the factor module's `SecondFactor`: a SecSign ID push) and records it as a login
 * transaction bound to the client address, the factors already proven and what the login must
 * satisfy. Refused while the (identifier, address) pair or the address is locked; requests are
 * not counted here — only failures of the person are (see `poll-step.ts`), so neither an outage of
 * the ID server nor a stranger typing someone's ID locks that ID. A start with nothing proven yet
 * (the SecSign ID alone) is what anyone can repeat at will, with IDs of their own too: at most
 * OPEN_ANONYMOUS_PER_ADDRESS of them may be open per address group, and from outside
 * `config.siteLimits.openAnonymous` per IPv6 /48 in all (open-anonymous-cap.ts; then 429
 * `too_many_challenges`, as for passkeys), and their audit rows — started, or refused by the ID
 * server (an unknown or frozen ID) — are aggregated (server/domain/aggregated-audit.ts).
 */
import { AppError } from '../../../platform/errors.js';
import { isAppError } from '../../../platform/errors.js';
import type { FactorSet } from '../../../factors/proof.js';
import type { FactorName } from '../../../factors/registry.js';
import type { ZoneDecision } from '../../zone-decision.js';
import { createTransaction } from '../../../store/login-transactions.js';
import type { UserRecord } from '../../../store/users.js';
import { addressKey, factorKey, longestLock } from '../rate-limit.js';
import { openAnonymousFull } from './open-anonymous-cap.js';
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
  const anonymous = input.proven.length === 0;
  if (anonymous && (await openAnonymousFull(deps, zoneDecision, input.factor))) {
    await auditRefusal(deps, zoneDecision, {
      action,
      username: input.auditName,
      outcome: 'too_many_challenges',
    });
    throw new AppError(
      429,
      'too_many_challenges',
      'Too many sign-ins were started from your address. Try again in a few minutes.',
      { retryAfterSeconds: 120 },
    );
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
    if (anonymous) await auditRefusal(deps, zoneDecision, entry);
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
  const pending = {
    action,
    username: input.auditName,
    outcome: 'secsign_pending',
    details: { requirement: zoneDecision.requirement, factor: input.factor },
  };
  // Started with nothing proven: aggregated, like the passkey's anonymous challenge.
  await (anonymous
    ? auditRefusal(deps, zoneDecision, pending)
    : auditStep(deps, zoneDecision, pending));
  // The factor's display as its module made it, beside the fields every challenge answers with.
  return {
    ...started.display,
    status: 'secsign_pending',
    transaction: token,
    expiresAt: new Date(started.expiresAt).toISOString(),
    pollAfterMs: started.pollAfterMs,
  } as PendingFor<F>;
}
