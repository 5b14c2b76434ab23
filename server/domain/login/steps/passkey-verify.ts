/**
 * Step two of a passkey sign-in: the challenge is taken once (single-use, same address), the
 * passkey found by its credential id and checked with user verification required
 * (`server/factors/passkey/webauthn.ts`). A failed assertion counts like a wrong password, against the user and
 * the address; a counter that does not move forward (a cloned credential) is refused and audited
 * as such. After a name or a password, the passkey must be that user's. Success opens the session
 * through `signIn` with `passkey` added to what was proven (alone it is multi-factor: the device
 * plus its PIN or biometrics).
 */
import { AppError } from '../../../platform/errors.js';
import { factorSet } from '../../../factors/proof.js';
import { usernameKey } from '../../../core/identifiers.js';
import {
  PasskeyRefused,
  userHandleOf,
  verifyAssertion,
  type RelyingParty,
} from '../../../factors/passkey/webauthn.js';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import { takeChallenge } from '../../../factors/passkey/challenges.js';
import type { ZoneDecision } from '../../zone-decision.js';
import { findPasskeyByCredentialId, recordPasskeyUse } from '../../../store/passkeys.js';
import { findUserById } from '../../../store/users.js';
import {
  LIMITS,
  addressKey,
  clearFailures,
  longestLock,
  recordFailure,
  userKey,
} from '../rate-limit.js';
import {
  addressChanged,
  directoryUnavailable,
  tooManyAttempts,
  transactionInvalid,
  userDisabled,
} from '../login-errors.js';
import { PASSKEY_ACTION } from './passkey-options.js';
import { signIn, type SignedInResult } from './sign-in.js';
import { auditRefusal, auditStep, type LoginDeps } from './step-deps.js';

export const passkeyRefused = () =>
  new AppError(401, 'passkey_refused', 'This passkey could not be verified. Please try again.');

const needsUserVerification = () =>
  new AppError(
    401,
    'passkey_user_verification',
    'Your passkey must confirm it is you (PIN, fingerprint or face). Please try again.',
  );

export async function passkeyVerify(
  deps: LoginDeps,
  zoneDecision: ZoneDecision,
  rp: RelyingParty,
  input: { transaction: string; credential: AuthenticationResponseJSON },
  userAgent: string | null,
): Promise<SignedInResult> {
  const { db, clock, config } = deps;
  const taken = await takeChallenge(db, clock, input.transaction, {
    purpose: 'login',
    clientIp: zoneDecision.clientIp,
  });
  const typed = taken.transaction?.identifier || null;
  const audit = (outcome: string, username: string | null, details?: object) =>
    auditStep(deps, zoneDecision, { action: PASSKEY_ACTION, username, outcome, details });
  if (!taken.ok) {
    await auditRefusal(deps, zoneDecision, {
      action: PASSKEY_ACTION,
      username: typed,
      outcome: `challenge_${taken.reason}`,
    });
    throw taken.reason === 'address_changed' ? addressChanged() : transactionInvalid();
  }
  const aKey = addressKey(zoneDecision.clientIp);
  const userLimit = { ...LIMITS.user, lockMs: config.lockoutMs };
  const wait = await longestLock(db, clock, [aKey, ...(typed ? [userKey(typed)] : [])]);
  if (wait > 0) {
    await auditRefusal(deps, zoneDecision, {
      action: PASSKEY_ACTION,
      username: typed,
      outcome: 'locked',
    });
    throw tooManyAttempts(wait);
  }
  const failed = async (
    outcome: string,
    username: string | null,
    error: AppError,
    details?: object,
  ): Promise<never> => {
    await recordFailure(db, clock, aKey, LIMITS.address);
    if (username) await recordFailure(db, clock, userKey(username), userLimit);
    await audit(outcome, username, details);
    throw error;
  };
  const stored = await findPasskeyByCredentialId(db, input.credential.id);
  const user = stored ? await findUserById(db, stored.userId) : null;
  if (!stored || !user) return failed('unknown_credential', typed, passkeyRefused());
  const name = user.username;
  // After the user name, the passkey must be that user's; the stored handle must be the user's.
  const boundTo = taken.transaction.userId;
  if (
    (boundTo !== null && boundTo !== user.id) ||
    (typed && usernameKey(typed) !== usernameKey(name))
  ) {
    return failed('passkey_of_other_user', typed, passkeyRefused(), { passkeyOf: name });
  }
  const handle = input.credential.response.userHandle;
  if (handle && handle !== userHandleOf(user.id, rp)) {
    return failed('user_handle_mismatch', name, passkeyRefused());
  }
  let use;
  try {
    use = await verifyAssertion(rp, input.credential, taken.challenge, stored);
  } catch (err) {
    if (!(err instanceof PasskeyRefused)) throw err;
    const error =
      err.reason === 'no_user_verification' ? needsUserVerification() : passkeyRefused();
    return failed(`passkey_${err.reason}`, name, error, {
      passkey: stored.id,
      detail: err.message.slice(0, 300),
    });
  }
  const moved = await recordPasskeyUse(db, clock, {
    id: stored.id,
    previousCounter: stored.data.counter,
    counter: use.counter,
    backedUp: use.backedUp,
  });
  if (!moved) return failed('passkey_cloned_credential', name, passkeyRefused(), { raced: true });
  if (user.disabled) {
    await audit('user_disabled', name);
    throw userDisabled();
  }
  let signedInUser = user;
  if (deps.confirmUser) {
    const confirmed = await deps.confirmUser(user);
    if (confirmed.status === 'unavailable') {
      await audit('directory_unavailable', name, { reason: confirmed.reason });
      throw directoryUnavailable();
    }
    if (confirmed.status === 'gone') return failed('directory_user_gone', name, passkeyRefused());
    signedInUser = confirmed.user;
  }
  await clearFailures(db, userKey(name));
  await audit('passkey_ok', name, { passkey: stored.id, backedUp: use.backedUp });
  const proof = factorSet('passkey', ...taken.transaction.proven);
  return signIn(deps, zoneDecision, signedInUser, proof, userAgent);
}
