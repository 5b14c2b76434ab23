/**
 * Step one with a password. The attempt is counted before the password is checked
 * (`password-limits.ts`); the password is checked by the directory chain (the local users table
 * first). Then: signed in when the password is enough from here, else the second factor begins
 * (two-step): a challenge at once when the user holds a factor whose module starts one after the
 * password (SecSign ID) and it counts here, the user's other usable factors offered with it;
 * otherwise the answer lists the user's usable factors to choose from (`second_factor`). Outside in 2FA the password is used only together with a typed code.
 */
import { AppError } from '../../../platform/errors.js';
import { factorSet, type FactorSet } from '../../../factors/proof.js';
import { satisfies } from '../../../factors/proof.js';
import { usernameKey } from '../../../core/identifiers.js';
import type { ZoneDecision } from '../../zone-decision.js';
import {
  directoryUnavailable,
  invalidCredentials,
  noSecSignId,
  tooManyAttempts,
  userDisabled,
} from '../login-errors.js';
import { createTransaction } from '../../../store/login-transactions.js';
import { enrolledKinds, unusedRecoveryCodes } from '../../../store/user-factors.js';
import type { UserRecord } from '../../../store/users.js';
import type { FactorOffer, SecondFactorNeeded } from '../answers.js';
import { usableFactors } from '../factor-offer.js';
import { challengeLogin } from '../../../factors/modules.js';
import { beginSecondFactor } from './begin-factor.js';
import type { CodeFactor } from './code-check.js';
import { passwordWithCodeStep } from './password-with-code.js';
import { countPasswordAttempt } from './password-limits.js';
import { signIn } from './sign-in.js';
import { auditRefusal, auditStep, type LoginDeps } from './step-deps.js';

/** How long the user has to pick and use a second factor after the password. */
const CHOICE_MS = 5 * 60_000;

export async function passwordStep(
  deps: LoginDeps,
  zoneDecision: ZoneDecision,
  input: { username: string; password: string; second?: { factor: CodeFactor; code: string } },
  userAgent: string | null,
) {
  const typed = input.username.trim();
  // The audit log records the name by the one key the users table and the limiter use (so the
  // filter `user=victim` shows `ｖｉｃｔｉｍ` too); what was typed goes into the details.
  const name = usernameKey(typed);
  const asTyped = name === typed ? {} : { typed };
  const action = 'login.password';
  // Outside where a second factor alone is enough (2FA), the password is only a way to a typed
  // code, checked together with it (password-with-code.ts): never on its own.
  if (input.second && zoneDecision.requirement !== 'password') {
    return passwordWithCodeStep(deps, zoneDecision, { ...input, second: input.second }, userAgent);
  }
  if (zoneDecision.requirement === 'second-factor') {
    await auditRefusal(deps, zoneDecision, {
      action,
      username: name,
      outcome: 'password_not_used',
      details: asTyped,
    });
    throw new AppError(
      409,
      'password_not_used',
      'From where you are, a password alone is not enough: sign in with a second factor.',
    );
  }
  const attempt = await countPasswordAttempt(deps, zoneDecision, typed);
  const wait = attempt.wait;
  if (wait > 0) {
    await auditRefusal(deps, zoneDecision, {
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
    await auditStep(deps, zoneDecision, {
      action,
      username: name,
      outcome: 'directory_unavailable',
      details: { directory: checked.directory, ...asTyped },
    });
    throw directoryUnavailable().withLog(
      `Directory ${checked.directory} unavailable: ${checked.reason}`,
    );
  }
  // Once the directory has named the account, the attempt counts against it too (one budget for
  // every spelling of one account); a locked account is refused whatever the password.
  const accountWait = await attempt.account(
    checked.status === 'ok' ? checked.user.username : (checked.account ?? typed),
  );
  if (accountWait > 0) {
    if (checked.status === 'invalid') await attempt.failed();
    await auditRefusal(deps, zoneDecision, {
      action,
      username: name,
      outcome: 'locked',
      details: { account: true, ...asTyped },
    });
    throw tooManyAttempts(accountWait);
  }
  if (checked.status === 'invalid') {
    await attempt.failed();
    await auditStep(deps, zoneDecision, {
      action,
      username: name,
      outcome: 'invalid_credentials',
      details: { knownUser: checked.knownUser, ...asTyped },
    });
    throw invalidCredentials();
  }
  const user = checked.user;
  const proof = factorSet('password');
  if (!user.disabled && satisfies(zoneDecision.requirement, proof)) {
    return signIn(deps, zoneDecision, user, proof, userAgent, attempt.successStatements());
  }
  await attempt.succeeded();
  if (user.disabled) {
    await auditStep(deps, zoneDecision, {
      action,
      username: user.username,
      outcome: 'user_disabled',
    });
    throw userDisabled();
  }
  const [kinds, recoveryCodesLeft] = await Promise.all([
    enrolledKinds(deps.db, user.id),
    unusedRecoveryCodes(deps.db, user.id),
  ]);
  const usable = usableFactors(zoneDecision, {
    secSignId: user.secSignId,
    kinds,
    recoveryCodesLeft,
  });
  if (usable.length === 0) {
    await auditStep(deps, zoneDecision, {
      action,
      username: user.username,
      outcome: 'no_secsign_id',
    });
    throw noSecSignId();
  }
  await auditStep(deps, zoneDecision, {
    action,
    username: user.username,
    outcome: 'password_ok',
    details: { factors: usable.map((o) => o.factor) },
  });
  // A challenge starts at once in two-step (SecSign ID's push, as before): the first usable
  // factor whose module starts one after the password; the others stay the user's choice.
  for (const offer of usable) {
    const login = challengeLogin(offer.factor);
    const identifier = login?.startsAfterPassword ? login.identifierOf(user) : null;
    if (identifier === null) continue;
    const pending = await beginSecondFactor(deps, zoneDecision, {
      user,
      factor: offer.factor,
      identifier,
      proven: proof,
      auditName: user.username,
    });
    return { ...pending, factors: usable.filter((o) => o.factor !== offer.factor) };
  }
  return awaitChoice(deps, zoneDecision, user, proof, usable);
}

/** Records the transaction a chosen factor finishes (`POST /api/login/code`, the passkey step). */
async function awaitChoice(
  deps: LoginDeps,
  zoneDecision: ZoneDecision,
  user: UserRecord,
  proof: FactorSet,
  usable: FactorOffer[],
): Promise<SecondFactorNeeded> {
  const expiresAt = deps.clock.now() + CHOICE_MS;
  const { token } = await createTransaction(deps.db, deps.clock, {
    userId: user.id,
    requirement: zoneDecision.requirement,
    factor: usable[0]!.factor,
    factorState: {},
    proven: proof,
    identifier: user.username,
    clientIp: zoneDecision.clientIp ?? '',
    expiresAt,
  });
  return {
    status: 'second_factor',
    transaction: token,
    factors: usable,
    expiresAt: new Date(expiresAt).toISOString(),
  };
}
