/**
 * The login steps: password, SecSign ID request, status polling and cancel. Each step decides again
 * from its own request's standing (never from what the client claims), counts failures against the
 * user name and the address, answers unknown users exactly like wrong passwords (a dummy hash keeps
 * the timing alike), and writes every decision to the audit log. The HTTP routes only translate.
 */
import type { Client } from '@libsql/client';
import type { Clock } from '../clock.js';
import type { AppConfig } from '../config.js';
import { AppError } from '../errors.js';
import { AuthSessionState, type SecSignClient } from '../secsign/types.js';
import {
  findUserById,
  findUserBySecSignId,
  findUserByUsername,
  type UserRecord,
} from '../store/users.js';
import { verifyDummy, verifyPassword } from '../domain/passwords.js';
import {
  LIMITS,
  addressKey,
  clearFailures,
  longestLock,
  recordFailure,
  secsignKey,
  userKey,
} from './rate-limit.js';
import { appErrorFromSecSign, failureForState, WAITING_STATES } from './secsign-errors.js';
import { createSession, type Factors } from './sessions.js';
import { auditDecision, type Standing } from './standing.js';
import {
  createTransaction,
  finishTransaction,
  findTransaction,
  type LoginTransaction,
} from './transactions.js';

/** How long a SecSign ID step may wait for the phone before it is given up. */
export const SECSIGN_STEP_TTL_MS = 3 * 60_000;
export const FIRST_POLL_MS = 2_000;
export const NEXT_POLL_MS = 3_500;

export interface LoginDeps {
  db: Client;
  clock: Clock;
  secsign: SecSignClient;
  config: AppConfig;
}

export interface ApiUser {
  username: string;
  displayName: string;
  email: string;
  role: 'admin' | 'user';
  secSignId: string | null;
}

export type StepResult =
  | { status: 'signed_in'; user: ApiUser; sessionToken: string }
  | {
      status: 'secsign_pending';
      transaction: string;
      secSignId: string;
      accessPass: string | null;
      expiresAt: string;
      pollAfterMs: number;
      deepLink: string;
    }
  | { status: 'secsign_pending'; state: number; pollAfterMs: number };

export function apiUser(u: UserRecord): ApiUser {
  return {
    username: u.username,
    displayName: u.displayName,
    email: u.email,
    role: u.role,
    secSignId: u.secSignId,
  };
}

function tooManyAttempts(waitMs: number): AppError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  const minutes = Math.ceil(seconds / 60);
  return new AppError(
    429,
    'too_many_attempts',
    `Too many failed attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    { retryAfterSeconds: seconds },
  );
}

const INVALID_CREDENTIALS = () =>
  new AppError(401, 'invalid_credentials', 'The user name or password is wrong.');

export function createLoginService(deps: LoginDeps) {
  const { db, clock, secsign, config } = deps;
  const userLimit = { ...LIMITS.user, lockMs: config.lockoutMs };

  const audit = (
    standing: Standing,
    entry: { action: string; username: string | null; outcome: string; details?: object },
  ) => auditDecision(db, clock, standing, { ...entry, actor: entry.username });

  async function signIn(
    standing: Standing,
    user: UserRecord,
    factors: Factors,
    userAgent: string | null,
  ) {
    const { token } = await createSession(
      db,
      clock,
      { idleMs: config.sessionIdleMs, maxMs: config.sessionMaxMs },
      { userId: user.id, factors, clientIp: standing.clientIp, zone: standing.zone, userAgent },
    );
    await audit(standing, {
      action: 'login.success',
      username: user.username,
      outcome: 'signed_in',
      details: { factors },
    });
    return { status: 'signed_in' as const, user: apiUser(user), sessionToken: token };
  }

  async function startSecSign(
    standing: Standing,
    user: UserRecord | null,
    secSignId: string,
    mode: '2fa' | '2sa',
    typedName: string,
  ): Promise<StepResult> {
    const wait = await longestLock(db, clock, [
      secsignKey(secSignId),
      addressKey(standing.clientIp),
    ]);
    if (wait > 0) {
      await audit(standing, { action: 'login.secsign', username: typedName, outcome: 'locked' });
      throw tooManyAttempts(wait);
    }
    await recordFailure(db, clock, secsignKey(secSignId), LIMITS.secsign);
    let session;
    try {
      session = await secsign.requestAuthSession({
        secSignId,
        serviceName: config.serviceName,
        serviceAddress: config.serviceAddress,
        showAccessPass: config.showAccessPass,
      });
    } catch (err) {
      const e = appErrorFromSecSign(err);
      await audit(standing, { action: 'login.secsign', username: typedName, outcome: e.code });
      throw e;
    }
    const { token, transaction } = await createTransaction(db, clock, {
      userId: user?.id ?? null,
      mode,
      passwordOk: mode === '2sa',
      clientIp: standing.clientIp ?? '',
      secSignId: session.secSignId || secSignId,
      authSessionId: session.authSessionId,
      requestId: session.requestId,
      ttlMs: SECSIGN_STEP_TTL_MS,
    });
    await audit(standing, {
      action: 'login.secsign',
      username: typedName,
      outcome: 'secsign_pending',
      details: { mode },
    });
    const deepLink =
      'com.secsign.secsignid://?' +
      new URLSearchParams({
        secsignid: transaction.secSignId,
        authsessionid: transaction.authSessionId,
        returnurl: config.serviceAddress,
        idserverurl: config.secsignServers[0] ?? '',
      }).toString();
    return {
      status: 'secsign_pending',
      transaction: token,
      secSignId: transaction.secSignId,
      accessPass: session.accessPassIcon ? `data:image/png;base64,${session.accessPassIcon}` : null,
      expiresAt: new Date(transaction.expiresAt).toISOString(),
      pollAfterMs: FIRST_POLL_MS,
      deepLink,
    };
  }

  /** Step 1 with a password: signs in inside the zone, begins the SecSign step in 2SA. */
  async function passwordStep(
    standing: Standing,
    input: { username: string; password: string },
    userAgent: string | null,
  ): Promise<StepResult> {
    const typed = input.username.trim();
    if (standing.mode === '2fa') {
      await audit(standing, {
        action: 'login.password',
        username: typed,
        outcome: 'password_not_used',
      });
      throw new AppError(
        409,
        'password_not_used',
        'From where you are, sign in with your SecSign ID alone.',
      );
    }
    const keys = [userKey(typed), addressKey(standing.clientIp)];
    const wait = await longestLock(db, clock, keys);
    if (wait > 0) {
      await audit(standing, { action: 'login.password', username: typed, outcome: 'locked' });
      throw tooManyAttempts(wait);
    }
    const user = await findUserByUsername(db, typed);
    const ok = user
      ? await verifyPassword(user.passwordHash, input.password)
      : await verifyDummy(input.password);
    if (!user || !ok) {
      await recordFailure(db, clock, keys[0]!, userLimit);
      await recordFailure(db, clock, keys[1]!, LIMITS.address);
      await audit(standing, {
        action: 'login.password',
        username: typed,
        outcome: 'invalid_credentials',
        details: { knownUser: Boolean(user) },
      });
      throw INVALID_CREDENTIALS();
    }
    await clearFailures(db, keys[0]!);
    if (user.disabled) {
      await audit(standing, {
        action: 'login.password',
        username: user.username,
        outcome: 'user_disabled',
      });
      throw new AppError(403, 'user_disabled', 'This account is disabled. Ask an administrator.');
    }
    if (standing.mode === 'password') return signIn(standing, user, 'password', userAgent);
    if (!user.secSignId) {
      await audit(standing, {
        action: 'login.password',
        username: user.username,
        outcome: 'no_secsign_id',
      });
      throw noSecSignId();
    }
    await audit(standing, {
      action: 'login.password',
      username: user.username,
      outcome: 'password_ok',
    });
    return startSecSign(standing, user, user.secSignId, '2sa', user.username);
  }

  /** Step 1 with SecSign ID alone (2FA). */
  async function secsignStep(
    standing: Standing,
    input: { secSignId: string },
  ): Promise<StepResult> {
    const id = input.secSignId.trim().toLowerCase();
    if (standing.mode !== '2fa') {
      await audit(standing, { action: 'login.secsign', username: id, outcome: 'wrong_step' });
      throw new AppError(
        409,
        'wrong_step',
        standing.mode === 'password'
          ? 'From where you are, sign in with your user name and password.'
          : 'From where you are, sign in with your user name and password first, then confirm with SecSign ID.',
      );
    }
    // Unknown IDs go through the same steps: whether an ID belongs to an account is only told to
    // whoever proves on the phone that they own the ID.
    const user = await findUserBySecSignId(db, id);
    return startSecSign(standing, user, id, '2fa', user?.username ?? id);
  }

  async function loadPending(standing: Standing, token: unknown): Promise<LoginTransaction> {
    const t = await findTransaction(db, token);
    if (!t || t.status !== 'pending') {
      throw new AppError(
        401,
        'transaction_invalid',
        'This login attempt is no longer valid. Please start again.',
      );
    }
    if (t.clientIp !== (standing.clientIp ?? '')) {
      await audit(standing, {
        action: 'login.secsign',
        username: t.secSignId,
        outcome: 'address_changed',
      });
      throw new AppError(
        403,
        'address_changed',
        'Your network address changed during the login. Please start again from where you are now.',
      );
    }
    return t;
  }

  async function fail(
    standing: Standing,
    t: LoginTransaction,
    error: AppError,
    cancelAtServer: boolean,
  ): Promise<never> {
    await finishTransaction(db, clock, t.idHash, 'failed');
    if (cancelAtServer) await secsign.cancelAuthSession(t).catch(() => undefined);
    if (error.code === 'secsign_denied')
      await recordFailure(db, clock, addressKey(standing.clientIp), LIMITS.address);
    await audit(standing, {
      action: 'login.failure',
      username: t.secSignId,
      outcome: error.code,
      details: { mode: t.mode },
    });
    throw error;
  }

  /** Polls the SecSign step; signs in exactly once on AUTHENTICATED. */
  async function statusStep(
    standing: Standing,
    token: unknown,
    userAgent: string | null,
  ): Promise<StepResult> {
    const t = await loadPending(standing, token);
    if (clock.now() >= t.expiresAt)
      return fail(standing, t, failureForState(AuthSessionState.EXPIRED)!, true);
    let state: number;
    try {
      state = await secsign.getAuthSessionState(t);
    } catch (err) {
      throw appErrorFromSecSign(err);
    }
    if (WAITING_STATES.has(state))
      return { status: 'secsign_pending', state, pollAfterMs: NEXT_POLL_MS };
    if (state !== AuthSessionState.AUTHENTICATED) {
      const failure = failureForState(state) ?? failureForState(AuthSessionState.INVALID)!;
      return fail(standing, t, failure, state !== AuthSessionState.CANCELED);
    }
    if (!(await finishTransaction(db, clock, t.idHash, 'done'))) {
      throw new AppError(
        401,
        'transaction_invalid',
        'This login attempt is no longer valid. Please start again.',
      );
    }
    await secsign.releaseAuthSession(t).catch(() => undefined);
    const user = t.userId === null ? null : await findUserById(db, t.userId);
    if (!user || user.secSignId !== t.secSignId) {
      await audit(standing, {
        action: 'login.failure',
        username: t.secSignId,
        outcome: 'no_account',
      });
      throw new AppError(
        403,
        'no_account',
        'This SecSign ID is not assigned to any account here. Ask an administrator to assign it.',
      );
    }
    if (user.disabled) {
      await audit(standing, {
        action: 'login.failure',
        username: user.username,
        outcome: 'user_disabled',
      });
      throw new AppError(403, 'user_disabled', 'This account is disabled. Ask an administrator.');
    }
    await clearFailures(db, secsignKey(t.secSignId));
    return signIn(standing, user, t.passwordOk ? 'password+secsign' : 'secsign', userAgent);
  }

  async function cancelStep(standing: Standing, token: unknown): Promise<{ status: 'canceled' }> {
    const t = await loadPending(standing, token);
    if (await finishTransaction(db, clock, t.idHash, 'canceled')) {
      await secsign.cancelAuthSession(t).catch(() => undefined);
      await audit(standing, {
        action: 'login.failure',
        username: t.secSignId,
        outcome: 'canceled_by_user',
      });
    }
    return { status: 'canceled' };
  }

  return { passwordStep, secsignStep, statusStep, cancelStep };
}

export type LoginService = ReturnType<typeof createLoginService>;

export function noSecSignId(): AppError {
  return new AppError(
    403,
    'no_secsign_id',
    'You have no SecSign ID yet, and from where you are one is needed. Ask an administrator to assign one.',
  );
}
