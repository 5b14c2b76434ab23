/**
 * The last step of every successful login: re-check that what was proven satisfies what the
 * request's address needs *now* (settings may have changed while the phone was in a pocket), open
 * the session with the set of proven factors, and audit it — in one write transaction together
 * with the step's own settling (`settle`: the password step's rate-limit bookkeeping).
 */
import { factorsSatisfy, type ZoneDecision } from '../../zone-decision.js';
import { formatFactors, type FactorSet } from '../../../factors/proof.js';
import type { Statement } from '../../../db/database.js';
import { newSession } from '../../../store/sessions.js';
import { auditDecisionStatement } from '../../audit-decision.js';
import type { UserRecord } from '../../../store/users.js';
import { requirementChanged } from '../login-errors.js';
import type { ApiUser } from '../api-user.js';
import { enrolmentDue, type EnrolPrompt } from '../../enrolment-campaign.js';
import { apiUser, type LoginDeps } from './step-deps.js';

export interface SignedInResult {
  status: 'signed_in';
  user: ApiUser;
  /** The new session's token, for the cookie (never sent in a body). */
  sessionToken: string;
  /** The enrolment campaign asks this user to enrol a second factor. */
  enrol?: EnrolPrompt;
}

export async function signIn(
  deps: LoginDeps,
  zoneDecision: ZoneDecision,
  user: UserRecord,
  proof: FactorSet,
  userAgent: string | null,
  settle: Statement[] = [],
): Promise<SignedInResult> {
  const { db, clock, config } = deps;
  const factors = formatFactors(proof);
  const audit = (outcome: string, action: string) =>
    auditDecisionStatement(
      clock,
      zoneDecision,
      {
        action,
        actor: user.username,
        username: user.username,
        outcome,
        details: { factors },
      },
      db,
    );
  if (!factorsSatisfy(zoneDecision, proof)) {
    const refused = audit('requirement_changed', 'login.failure');
    await db.batch([...settle, refused.statement], 'write');
    refused.written();
    throw requirementChanged();
  }
  const due = await enrolmentDue(db, clock, config.publicUrl, user, proof, zoneDecision.campaign);
  const { token, statement } = newSession(
    clock,
    { idleMs: config.sessionIdleMs, maxMs: config.sessionMaxMs },
    {
      userId: user.id,
      factors: proof,
      clientIp: zoneDecision.clientIp,
      zone: zoneDecision.zone,
      userAgent,
      enrolBy: due?.enrolBy ?? null,
    },
  );
  const success = audit('signed_in', 'login.success');
  await db.batch([...settle, statement, success.statement], 'write');
  success.written();
  return {
    status: 'signed_in',
    user: apiUser(user),
    sessionToken: token,
    ...(due ? { enrol: due.prompt } : {}),
  };
}
