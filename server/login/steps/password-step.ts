/**
 * Step one with a password. The attempt is counted before the password is checked
 * (`password-limits.ts`); the password is checked by the directory chain (the local users table
 * first). Then: signed in when the password is enough from here, else the second factor begins
 * (two-step).
 */
import { AppError } from '../../errors.js';
import { factorSet } from '../../auth/factors.js';
import { satisfies } from '../../auth/factors.js';
import { usernameKey } from '../../auth/identifiers.js';
import type { Standing } from '../../domain/standing.js';
import {
  directoryUnavailable,
  invalidCredentials,
  noSecSignId,
  tooManyAttempts,
  userDisabled,
} from '../login-errors.js';
import { beginSecondFactor } from './begin-factor.js';
import { countPasswordAttempt } from './password-limits.js';
import { signIn } from './sign-in.js';
import { auditStep, type LoginDeps } from './step-deps.js';

export async function passwordStep(
  deps: LoginDeps,
  standing: Standing,
  input: { username: string; password: string },
  userAgent: string | null,
) {
  const typed = input.username.trim();
  // The audit log records the name by the one key the users table and the limiter use (so the
  // filter `user=victim` shows `ｖｉｃｔｉｍ` too); what was typed goes into the details.
  const name = usernameKey(typed);
  const asTyped = name === typed ? {} : { typed };
  const action = 'login.password';
  if (standing.requirement === 'second-factor') {
    await auditStep(deps, standing, {
      action,
      username: name,
      outcome: 'password_not_used',
      details: asTyped,
    });
    throw new AppError(
      409,
      'password_not_used',
      'From where you are, sign in with your SecSign ID alone.',
    );
  }
  const attempt = await countPasswordAttempt(deps, standing, typed);
  const wait = attempt.wait;
  if (wait > 0) {
    await auditStep(deps, standing, {
      action,
      username: name,
      outcome: 'locked',
      details: asTyped,
    });
    throw tooManyAttempts(wait);
  }
  const checked = await deps.directories.verify(typed, input.password);
  if (checked.status === 'unavailable') {
    await attempt.unanswered();
    console.error(`Directory ${checked.directory} unavailable: ${checked.reason}`);
    await auditStep(deps, standing, {
      action,
      username: name,
      outcome: 'directory_unavailable',
      details: { directory: checked.directory, ...asTyped },
    });
    throw directoryUnavailable();
  }
  if (checked.status === 'invalid') {
    await attempt.failed();
    await auditStep(deps, standing, {
      action,
      username: name,
      outcome: 'invalid_credentials',
      details: { knownUser: checked.knownUser, ...asTyped },
    });
    throw invalidCredentials();
  }
  const user = checked.user;
  const proof = factorSet('password');
  if (!user.disabled && satisfies(standing.requirement, proof)) {
    return signIn(deps, standing, user, proof, userAgent, attempt.successStatements());
  }
  await attempt.succeeded();
  if (user.disabled) {
    await auditStep(deps, standing, { action, username: user.username, outcome: 'user_disabled' });
    throw userDisabled();
  }
  if (!user.secSignId) {
    await auditStep(deps, standing, { action, username: user.username, outcome: 'no_secsign_id' });
    throw noSecSignId();
  }
  await auditStep(deps, standing, { action, username: user.username, outcome: 'password_ok' });
  return beginSecondFactor(deps, standing, {
    user,
    factor: 'secsign',
    identifier: user.secSignId,
    proven: proof,
    auditName: user.username,
  });
}
