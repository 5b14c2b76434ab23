/**
 * Step one of a passkey sign-in: a challenge bound to the client address (see
 * `server/factors/passkey/challenges.ts`). No credentials are listed, so the answer never tells whether a
 * user name exists or has a passkey; the browser offers the discoverable ones. After the password
 * (two-step, or "Use another way" after it) the password's login transaction is taken over: it
 * ends (its SecSign ID request cancelled) and the challenge carries its user and proven password.
 * Refused while the address (or the typed name) is locked, and when the policy leaves passkeys out.
 *
 * Anyone may ask for a challenge, so what an anonymous client repeats is bounded: at most
 * `OPEN_CHALLENGES_PER_ADDRESS` open challenges per client address group — IPv4 per address, IPv6
 * per /64, since one host owns a whole /64 (`clientGroup`), and from outside a wider allowance per
 * IPv6 /48 in all (open-anonymous-cap.ts) — then 429 until they expire (two minutes); and the
 * `passkey_pending` audit row of an anonymous challenge is aggregated per address and name in a window like the refusals (server/domain/aggregated-audit.ts); the answer
 * that follows — signed in or refused — is audited on its own.
 */
import { AppError } from '../../../platform/errors.js';
import { usernameKey } from '../../../core/identifiers.js';
import { authenticationOptions, type RelyingParty } from '../../../factors/passkey/webauthn.js';
import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { issueChallenge } from '../../../factors/passkey/challenges.js';
import type { ZoneDecision } from '../../zone-decision.js';
import { finishTransaction } from '../../../store/login-transactions.js';
import { getSettings } from '../../../store/settings.js';
import { findUserById } from '../../../store/users.js';
import { OPEN_ANONYMOUS_PER_ADDRESS, addressKey, longestLock, userKey } from '../rate-limit.js';
import { tooManyAttempts, transactionInvalid } from '../login-errors.js';
import { loadPending } from './pending.js';
import { openAnonymousFull } from './open-anonymous-cap.js';
import { auditRefusal, auditStep, type LoginDeps } from './step-deps.js';

export const PASSKEY_ACTION = 'login.passkey';
/** Open anonymous passkey challenges one client address (IPv6: one /64) may hold at once. */
export const OPEN_CHALLENGES_PER_ADDRESS = OPEN_ANONYMOUS_PER_ADDRESS;

/** `POST /api/login/passkey/options`' answer. */
export interface PasskeyChallenge {
  status: 'passkey_challenge';
  transaction: string;
  options: PublicKeyCredentialRequestOptionsJSON;
  expiresAt: string;
}

/** The password's transaction, taken over: its user and what it proved. */
async function takeOverPasswordStep(deps: LoginDeps, zoneDecision: ZoneDecision, token: string) {
  const t = await loadPending(deps, zoneDecision, token);
  const user = t.userId === null ? null : await findUserById(deps.db, t.userId);
  if (!user || !t.proven.includes('password')) throw transactionInvalid();
  if (!(await finishTransaction(deps.db, deps.clock, t.idHash, 'done'))) throw transactionInvalid();
  await deps.factors[t.factor]?.cancel(t.factorState);
  return { user, proven: t.proven };
}

export async function passkeyOptions(
  deps: LoginDeps,
  zoneDecision: ZoneDecision,
  rp: RelyingParty,
  input: { username?: string | undefined; transaction?: string | undefined },
): Promise<PasskeyChallenge> {
  const after = input.transaction
    ? await takeOverPasswordStep(deps, zoneDecision, input.transaction)
    : null;
  const name = after ? after.user.username : input.username ? usernameKey(input.username) : '';
  const audit = (outcome: string, details?: object) =>
    auditStep(deps, zoneDecision, {
      action: PASSKEY_ACTION,
      username: name || null,
      outcome,
      details,
    });
  const refuse = (outcome: string) =>
    auditRefusal(deps, zoneDecision, { action: PASSKEY_ACTION, username: name || null, outcome });
  if (zoneDecision.requirement === 'password-and-second-factor' && !after) {
    await refuse('passkey_not_enough');
    throw new AppError(
      409,
      'passkey_not_enough',
      'From where you are, sign in with your password first.',
    );
  }
  const settings = await getSettings(deps.db);
  if (zoneDecision.requirement !== 'password' && !settings.outsideFactors.includes('passkey')) {
    await refuse('factor_not_allowed');
    throw new AppError(
      403,
      'factor_not_allowed',
      'Passkeys are not allowed from where you are. Use another way to sign in.',
    );
  }
  const keys = [addressKey(zoneDecision.clientIp), ...(name ? [userKey(name)] : [])];
  const wait = await longestLock(deps.db, deps.clock, keys);
  if (wait > 0) {
    await refuse('locked');
    throw tooManyAttempts(wait);
  }
  if (!after && (await openAnonymousFull(deps, zoneDecision, 'passkey'))) {
    await refuse('too_many_challenges');
    throw new AppError(
      429,
      'too_many_challenges',
      'Too many passkey sign-ins were started from your address. Try again in two minutes.',
      { retryAfterSeconds: 120 },
    );
  }
  const options = await authenticationOptions(rp);
  const issued = await issueChallenge(deps.db, deps.clock, {
    purpose: 'login',
    challenge: options.challenge,
    clientIp: zoneDecision.clientIp,
    requirement: zoneDecision.requirement,
    userId: after?.user.id ?? null,
    identifier: name,
    proven: after?.proven ?? [],
  });
  const pending = { requirement: zoneDecision.requirement, factor: 'passkey' };
  if (after) await audit('passkey_pending', pending);
  else {
    await auditRefusal(deps, zoneDecision, {
      action: PASSKEY_ACTION,
      username: name || null,
      outcome: 'passkey_pending',
      details: pending,
    });
  }
  return {
    status: 'passkey_challenge',
    transaction: issued.token,
    options,
    expiresAt: new Date(issued.expiresAt).toISOString(),
  };
}
