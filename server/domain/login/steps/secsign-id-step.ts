/**
 * Step one with a SecSign ID alone (where a second factor alone is what is needed). Unknown IDs go
 * through the same steps: whether an ID belongs to an account is told only to whoever proves on
 * the phone that they own it.
 */
import { AppError } from '../../../platform/errors.js';
import { secSignIdKey } from '../../../core/identifiers.js';
import type { ZoneDecision } from '../../zone-decision.js';
import { findUserBySecSignId } from '../../../store/users.js';
import { beginSecondFactor } from './begin-factor.js';
import { auditRefusal, type LoginDeps } from './step-deps.js';

export async function secSignIdStep(
  deps: LoginDeps,
  zoneDecision: ZoneDecision,
  input: { secSignId: string },
) {
  const id = secSignIdKey(input.secSignId);
  if (zoneDecision.requirement !== 'second-factor') {
    await auditRefusal(deps, zoneDecision, {
      action: 'login.secsign',
      username: id,
      outcome: 'wrong_step',
    });
    throw new AppError(
      409,
      'wrong_step',
      zoneDecision.requirement === 'password'
        ? 'From where you are, sign in with your user name and password.'
        : 'From where you are, sign in with your user name and password first, then confirm with SecSign ID.',
    );
  }
  if (!zoneDecision.outsideFactors.includes('secsign')) {
    await auditRefusal(deps, zoneDecision, {
      action: 'login.secsign',
      username: id,
      outcome: 'factor_not_allowed',
    });
    throw new AppError(
      403,
      'factor_not_allowed',
      'SecSign ID does not count from where you are. Use another way.',
    );
  }
  const user = await findUserBySecSignId(deps.db, id);
  return beginSecondFactor(deps, zoneDecision, {
    user,
    factor: 'secsign',
    identifier: id,
    proven: [],
    auditName: user?.username ?? id,
  });
}
