/**
 * Checks a typed code — an authenticator app's (TOTP) or a recovery code — for a user whose
 * password was already checked, after the attempt was counted (`code-limits.ts`). Audits the
 * decision; a recovery code's use is audited with how many are left. Shared by the code step after
 * the password (`code-step.ts`) and the password step that carries its code (mode `2fa`).
 */
import { AppError } from '../../../platform/errors.js';
import { hashRecoveryCode, looksLikeRecoveryCode } from '../../../factors/recovery-code/codes.js';
import type { CodeFactorName } from '../../../factors/registry.js';
import type { ZoneDecision } from '../../zone-decision.js';
import { checkTotpCode } from '../../../factors/totp/totp-service.js';
import { unusedRecoveryCodes, useRecoveryCode } from '../../../store/user-factors.js';
import type { UserRecord } from '../../../store/users.js';
import { auditStep, type LoginDeps } from './step-deps.js';

export type CodeFactor = CodeFactorName;

export type CodeResult =
  | { ok: true; recoveryCodesLeft?: number }
  | { ok: false; outcome: 'invalid_code' | 'code_replayed' };

/** Checks the code; throws 503 when a sealed secret cannot be opened (no or another key). */
export async function checkCode(
  deps: LoginDeps,
  zoneDecision: ZoneDecision,
  user: UserRecord,
  factor: CodeFactor,
  code: string,
): Promise<CodeResult> {
  const { db, clock } = deps;
  const action = `login.${factor}`;
  let result: CodeResult;
  if (factor === 'totp') {
    const checked = await checkTotpCode(deps, user.id, code);
    if (checked === 'unavailable') {
      await auditStep(deps, zoneDecision, {
        action,
        username: user.username,
        outcome: 'unavailable',
      });
      throw new AppError(
        503,
        'factor_unavailable',
        'Authenticator codes cannot be checked right now. Use another way, or ask an administrator.',
      );
    }
    result =
      checked === 'ok'
        ? { ok: true }
        : { ok: false, outcome: checked === 'replayed' ? 'code_replayed' : 'invalid_code' };
  } else {
    const used =
      looksLikeRecoveryCode(code) &&
      (await useRecoveryCode(db, user.id, hashRecoveryCode(code), clock.now()));
    result = used
      ? { ok: true, recoveryCodesLeft: await unusedRecoveryCodes(db, user.id) }
      : { ok: false, outcome: 'invalid_code' };
  }
  await auditStep(deps, zoneDecision, {
    action,
    username: user.username,
    outcome: result.ok ? (factor === 'totp' ? 'code_ok' : 'recovery_code_used') : result.outcome,
    details:
      result.ok && result.recoveryCodesLeft !== undefined ? { left: result.recoveryCodesLeft } : {},
  });
  return result;
}
