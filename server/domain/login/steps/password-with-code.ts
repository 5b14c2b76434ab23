/**
 * The password and a typed code in one step (mode `2fa`, outside, where a second factor alone is
 * enough: the password is asked only on the way to an authenticator-app or recovery code). Both
 * are checked in one request and a wrong password and a wrong code get the same answer, so the
 * step never tells whether the password alone was right: outside, the password is not checked on
 * its own in this mode, as before. Both attempts are counted before anything is checked — the
 * address once (issue 23, item 11), the user under the password's and the code's keys.
 */
import { AppError } from '../../../platform/errors.js';
import { factorSet } from '../../../factors/proof.js';
import { usernameKey } from '../../../core/identifiers.js';
import type { ZoneDecision } from '../../zone-decision.js';
import { offeredFactors } from '../factor-offer.js';
import { directoryUnavailable, tooManyAttempts, userDisabled } from '../login-errors.js';
import { checkCode, type CodeFactor } from './code-check.js';
import { countCodeAttempt } from './code-limits.js';
import { countPasswordAttempt } from './password-limits.js';
import { signIn, type SignedInResult } from './sign-in.js';
import { auditRefusal, auditStep, type LoginDeps } from './step-deps.js';

export const wrongPasswordOrCode = () =>
  new AppError(401, 'invalid_password_or_code', 'The user name, password or code is wrong.');

export async function passwordWithCodeStep(
  deps: LoginDeps,
  zoneDecision: ZoneDecision,
  input: { username: string; password: string; second: { factor: CodeFactor; code: string } },
  userAgent: string | null,
): Promise<SignedInResult & { recoveryCodesLeft?: number }> {
  const typed = input.username.trim();
  const name = usernameKey(typed);
  const { factor, code } = input.second;
  const action = 'login.password';
  // The policy is the same for everyone: refusing here tells nothing about the user.
  if (!offeredFactors(zoneDecision).some((o) => o.factor === factor)) {
    await auditRefusal(deps, zoneDecision, {
      action,
      username: name,
      outcome: 'factor_not_allowed',
    });
    throw new AppError(
      403,
      'factor_not_allowed',
      'This way of confirming does not count from where you are. Use another way.',
    );
  }
  const [pw, codeAttempt] = await Promise.all([
    countPasswordAttempt(deps, zoneDecision, typed),
    // The address is counted once, by the password's counter (with its rule for a shared
    // address); the code's counter counts the user.
    countCodeAttempt(deps, zoneDecision, typed, { address: false }),
  ]);
  const wait = Math.max(pw.wait, codeAttempt.wait);
  if (wait > 0) {
    await auditRefusal(deps, zoneDecision, { action, username: name, outcome: 'locked' });
    throw tooManyAttempts(wait);
  }
  const unanswered = () => Promise.all([pw.unanswered(), codeAttempt.unanswered()]);
  const checked = await deps.directories.verify(typed, input.password);
  if (checked.status === 'unavailable') {
    await unanswered();
    await auditStep(deps, zoneDecision, {
      action,
      username: name,
      outcome: 'directory_unavailable',
      details: { directory: checked.directory },
    });
    throw directoryUnavailable();
  }
  // One budget per account, whatever spelling was typed (password-step.ts).
  const accountWait = await pw.account(
    checked.status === 'ok' ? checked.user.username : (checked.account ?? typed),
  );
  if (accountWait > 0) {
    if (checked.status === 'invalid') await pw.failed();
    await auditRefusal(deps, zoneDecision, { action, username: name, outcome: 'locked' });
    throw tooManyAttempts(accountWait);
  }
  if (checked.status === 'invalid') {
    await pw.failed();
    await auditStep(deps, zoneDecision, {
      action,
      username: name,
      outcome: 'invalid_credentials',
      details: { knownUser: checked.knownUser, withCode: factor },
    });
    throw wrongPasswordOrCode();
  }
  const user = checked.user;
  let result;
  try {
    result = await checkCode(deps, zoneDecision, user, factor, code);
  } catch (err) {
    await unanswered();
    throw err;
  }
  if (!result.ok) {
    // Counted like a wrong password, answered like one.
    await pw.failed();
    throw wrongPasswordOrCode();
  }
  await Promise.all([pw.succeeded(), codeAttempt.succeeded()]);
  if (user.disabled) {
    await auditStep(deps, zoneDecision, {
      action,
      username: user.username,
      outcome: 'user_disabled',
    });
    throw userDisabled();
  }
  const signedIn = await signIn(deps, zoneDecision, user, factorSet('password', factor), userAgent);
  const left = result.recoveryCodesLeft;
  return left === undefined ? signedIn : { ...signedIn, recoveryCodesLeft: left };
}
