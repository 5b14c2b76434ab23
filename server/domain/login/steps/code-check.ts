/**
 * Checks a typed code — whichever code factor it is (an authenticator app's, a recovery code) —
 * for a user whose password was already checked, after the attempt was counted (`code-limits.ts`).
 * The factor's module checks it (`server/factors/modules.ts`) — or, for a code the server sent
 * out of band, the seam does (`server/factors/sent-code.ts`) against what the pending transaction
 * kept; this step audits the decision (a recovery code's use with how many are left). Shared by
 * the code step after the password (`code-step.ts`) and the password step that carries its code
 * (mode `2fa`).
 */
import type { CodeFactorName } from '../../../factors/registry.js';
import { codeLogin } from '../../../factors/modules.js';
import type { ZoneDecision } from '../../zone-decision.js';
import type { UserRecord } from '../../../store/users.js';
import { checkSentCode } from '../../../factors/sent-code.js';
import { auditStep, type LoginDeps } from './step-deps.js';

export type CodeFactor = CodeFactorName;

export type CodeResult =
  | { ok: true; recoveryCodesLeft?: number }
  | { ok: false; outcome: 'invalid_code' | 'code_replayed' };

/** Checks the code; throws the factor's 503 when it cannot be checked now (a sealed secret). */
export async function checkCode(
  deps: LoginDeps,
  zoneDecision: ZoneDecision,
  user: UserRecord,
  factor: CodeFactor,
  code: string,
  /** The pending transaction the code finishes: where a sent code's hash is kept. */
  pending?: { factor: string; factorState: Record<string, unknown> },
): Promise<CodeResult> {
  const action = `login.${factor}`;
  const login = codeLogin(factor);
  const sent = pending?.factor === factor ? pending.factorState : null;
  const checked =
    login.answer === 'sent-code'
      ? checkSentCode(sent, code, deps.clock.now())
      : await login.check(deps, user, code);
  await auditStep(deps, zoneDecision, {
    action,
    username: user.username,
    outcome: checked.outcome,
    details:
      checked.ok && checked.recoveryCodesLeft !== undefined
        ? { left: checked.recoveryCodesLeft }
        : {},
  });
  if (!checked.ok) {
    if (checked.outcome === 'unavailable') throw checked.error;
    return { ok: false, outcome: checked.outcome };
  }
  const left = checked.recoveryCodesLeft;
  return left === undefined ? { ok: true } : { ok: true, recoveryCodesLeft: left };
}
