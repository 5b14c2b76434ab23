/**
 * The last step of every successful login: re-check that what was proven satisfies what the
 * request's address needs *now* (settings may have changed while the phone was in a pocket), open
 * the session with the set of proven factors, and audit it.
 */
import { factorsSatisfy, type Standing } from '../../domain/standing.js';
import { formatFactors, type FactorSet } from '../../auth/factors.js';
import { createSession } from '../../store/sessions.js';
import type { UserRecord } from '../../store/users.js';
import { requirementChanged } from '../login-errors.js';
import type { ApiUser } from '../api-types.js';
import { apiUser, auditStep, type LoginDeps } from './step-deps.js';

export interface SignedInResult {
  status: 'signed_in';
  user: ApiUser;
  /** The new session's token, for the cookie (never sent in a body). */
  sessionToken: string;
}

export async function signIn(
  deps: LoginDeps,
  standing: Standing,
  user: UserRecord,
  proof: FactorSet,
  userAgent: string | null,
): Promise<SignedInResult> {
  const factors = formatFactors(proof);
  if (!factorsSatisfy(standing, proof)) {
    await auditStep(deps, standing, {
      action: 'login.failure',
      username: user.username,
      outcome: 'requirement_changed',
      details: { factors },
    });
    throw requirementChanged();
  }
  const { config } = deps;
  const { token } = await createSession(
    deps.db,
    deps.clock,
    { idleMs: config.sessionIdleMs, maxMs: config.sessionMaxMs },
    {
      userId: user.id,
      factors: proof,
      clientIp: standing.clientIp,
      zone: standing.zone,
      userAgent,
    },
  );
  await auditStep(deps, standing, {
    action: 'login.success',
    username: user.username,
    outcome: 'signed_in',
    details: { factors },
  });
  return { status: 'signed_in', user: apiUser(user), sessionToken: token };
}
