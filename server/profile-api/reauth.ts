/**
 * Confirming it is you again (`/api/me/reauth`, issue 23 item 2): a user's own factor changes need
 * a sign-in within `IPSAFEZONE_REAUTH_MINUTES` (domain/recent-auth.ts); an older session confirms
 * here instead of signing out and in. With a factor the user has — SecSign ID (push and poll), a
 * passkey, an authenticator code or a recovery code — and only a user with no second factor at all
 * with the password. Each attempt counts against the same limits as at sign-in (the user and the
 * address), a passkey challenge is single-use and bound to the user and address, a SecSign ID
 * request to the user's own ID; success stamps the session (and adds the factor to what it
 * proves), all audited (`session.confirm`).
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppProviders } from '../providers.js';
import type { DoorDeps } from '../http/door-deps.js';
import { AppError } from '../platform/errors.js';
import type { DoorEnv, SignedInEnv } from '../http/context.js';
import { domainActor } from '../http/domain-actor.js';
import { requireActor } from '../http/require-actor.js';
import { ownOrigins } from '../http/public-origin.js';
import { zoneDecisionOf } from '../http/zone-decision-of.js';
import { validate } from '../http/validation.js';
import {
  CODE_FACTOR_NAMES,
  SECOND_FACTOR_NAMES,
  holds,
  isSentCodeFactor,
  type FactorName,
} from '../factors/registry.js';
import {
  PasskeyRefused,
  authenticationOptions,
  relyingParty,
  verifyAssertion,
} from '../factors/passkey/webauthn.js';
import { asAssertion, assertionSchema } from '../factors/passkey/wire.js';
import { failureForState } from '../factors/secsign/outcomes.js';
import { AuthSessionState } from '../secsign/types.js';
import type { DomainActor } from '../domain/actor.js';
import { issueUserChallenge, takeChallenge } from '../factors/passkey/challenges.js';
import { auditConfirmFailure, confirmSession, isRecent } from '../domain/recent-auth.js';
import { userNotFound } from '../domain/errors.js';
import { finishTransaction } from '../store/login-transactions.js';
import { findPasskeyByCredentialId, recordPasskeyUse } from '../store/passkeys.js';
import { enrolledKinds, unusedRecoveryCodes } from '../store/user-factors.js';
import { findUserById, type UserRecord } from '../store/users.js';
import { loginDeps } from '../domain/login/login-wiring.js';
import {
  LIMITS,
  addressKey,
  longestLock,
  recordFailure,
  userKey,
} from '../domain/login/rate-limit.js';
import {
  invalidCredentials,
  tooManyAttempts,
  transactionInvalid,
} from '../domain/login/login-errors.js';
import { beginSecondFactor } from '../domain/login/steps/begin-factor.js';
import { countedCodeCheck } from '../domain/login/steps/code-step.js';
import { countPasswordAttempt } from '../domain/login/steps/password-limits.js';
import { failPending, loadPending } from '../domain/login/steps/pending.js';
import { passkeyRefused } from '../domain/login/steps/passkey-verify.js';

/** A way to confirm: a second factor the user holds, or the password when they hold none. */
export type ConfirmMethod = FactorName;

/** `GET /api/me/reauth` (imported type-only by the profile page). */
export interface ReauthAnswer {
  /** When this session last proved who is behind it. */
  authenticatedAt: string;
  /** Until when factor changes go through without asking again. */
  freshUntil: string;
  fresh: boolean;
  windowMinutes: number;
  methods: ConfirmMethod[];
}

/** The ways a user can confirm: their second factors; the password only when they have none. */
export async function confirmMethods(
  providers: Pick<AppProviders, 'db'>,
  user: UserRecord,
): Promise<ConfirmMethod[]> {
  const [kinds, codesLeft] = await Promise.all([
    enrolledKinds(providers.db, user.id),
    unusedRecoveryCodes(providers.db, user.id),
  ]);
  const held = {
    hasPassword: true,
    secSignId: user.secSignId,
    enrolled: kinds,
    recoveryCodesLeft: codesLeft,
  };
  // A code sent out of band is sent only in a sign-in (its login transaction keeps it).
  const methods: ConfirmMethod[] = SECOND_FACTOR_NAMES.filter(
    (f) => holds(f, held) && !isSentCodeFactor(f),
  );
  return methods.length > 0 ? methods : ['password'];
}

const codeBody = z.strictObject({
  factor: z.enum(CODE_FACTOR_NAMES),
  code: z.string().trim().min(1, 'Enter the code.').max(64),
});
const passwordBody = z.strictObject({
  password: z.string().min(1, 'Enter your password.').max(1024),
});
const transactionBody = z.strictObject({ transaction: z.string().max(100) });
const passkeyBody = transactionBody.extend({ credential: assertionSchema });

const notYours = () =>
  new AppError(403, 'confirm_method_unavailable', 'Confirm with one of your own sign-in methods.');

export function reauthApi(doors: DoorDeps) {
  const { db, clock, config, zoneDecision: zoneDecisionDeps } = doors;
  const deps = loginDeps(doors);
  const rp = relyingParty(config, ownOrigins(config.publicUrl));
  type Ctx = Context<DoorEnv & SignedInEnv>;
  const me = async (c: Ctx) => {
    const actor = domainActor(c);
    const user = await findUserById(db, actor.id);
    if (!user) throw userNotFound();
    return { actor, user };
  };
  /** The user may confirm with `method` (else 403, audited). */
  const offer = async (c: Ctx, method: ConfirmMethod) => {
    const found = await me(c);
    if (!(await confirmMethods(doors, found.user)).includes(method)) {
      await auditConfirmFailure(db, clock, found.actor, 'method_unavailable', { factor: method });
      throw notYours();
    }
    return found;
  };
  const done = async (c: Ctx, actor: DomainActor, factor: FactorName) => {
    await confirmSession(db, clock, actor, factor);
    return c.json({ status: 'confirmed' as const });
  };

  return new Hono<DoorEnv>()
    .use(requireActor)
    .get('/', async (c) => {
      const { actor, user } = await me(c);
      const at = actor.authenticatedAt ?? 0;
      return c.json<ReauthAnswer>({
        authenticatedAt: new Date(at).toISOString(),
        freshUntil: new Date(at + config.reauthMs).toISOString(),
        fresh: isRecent(actor, clock.now(), config.reauthMs),
        windowMinutes: Math.round(config.reauthMs / 60_000),
        methods: await confirmMethods(doors, user),
      });
    })
    .post('/password', validate('json', passwordBody), async (c) => {
      const { actor, user } = await offer(c, 'password');
      const zoneDecision = await zoneDecisionOf(c, zoneDecisionDeps);
      const attempt = await countPasswordAttempt(deps, zoneDecision, user.username);
      if (attempt.wait > 0) {
        await auditConfirmFailure(db, clock, actor, 'locked', { factor: 'password' });
        throw tooManyAttempts(attempt.wait);
      }
      const checked = await deps.directories.verify(user.username, c.req.valid('json').password);
      if (checked.status === 'unavailable') {
        await attempt.unanswered();
        await auditConfirmFailure(db, clock, actor, 'directory_unavailable', {
          factor: 'password',
        });
        throw new AppError(
          503,
          'directory_unavailable',
          'Your password cannot be checked right now. Please try again later.',
        );
      }
      if (checked.status !== 'ok' || checked.user.id !== user.id) {
        await attempt.failed();
        await auditConfirmFailure(db, clock, actor, 'invalid_password', { factor: 'password' });
        throw invalidCredentials();
      }
      await attempt.succeeded();
      return done(c, actor, 'password');
    })
    .post('/code', validate('json', codeBody), async (c) => {
      const input = c.req.valid('json');
      const { actor, user } = await offer(c, input.factor);
      const zoneDecision = await zoneDecisionOf(c, zoneDecisionDeps);
      const fail = (outcome: string) =>
        auditConfirmFailure(db, clock, actor, outcome, { factor: input.factor });
      await countedCodeCheck(deps, zoneDecision, user, input, {
        locked: () => fail('locked'),
        wrong: fail,
      });
      return done(c, actor, input.factor);
    })
    .post('/passkey/options', async (c) => {
      const { actor, user } = await offer(c, 'passkey');
      const wait = await longestLock(db, clock, [
        addressKey(c.get('client').ip),
        userKey(user.username),
      ]);
      if (wait > 0) {
        await auditConfirmFailure(db, clock, actor, 'locked', { factor: 'passkey' });
        throw tooManyAttempts(wait);
      }
      const options = await authenticationOptions(rp);
      return c.json(
        await issueUserChallenge(db, clock, 'confirm', options, c.get('client').ip, user),
      );
    })
    .post('/passkey', validate('json', passkeyBody), async (c) => {
      const { actor, user } = await offer(c, 'passkey');
      const body = c.req.valid('json');
      const taken = await takeChallenge(db, clock, body.transaction, {
        purpose: 'confirm',
        clientIp: c.get('client').ip,
        userId: user.id,
      });
      if (!taken.ok) {
        await auditConfirmFailure(db, clock, actor, `challenge_${taken.reason}`, {
          factor: 'passkey',
        });
        throw transactionInvalid();
      }
      const failed = async (outcome: string, details?: object): Promise<never> => {
        await recordFailure(db, clock, addressKey(c.get('client').ip), LIMITS.address);
        await recordFailure(db, clock, userKey(user.username), {
          ...LIMITS.user,
          lockMs: config.lockoutMs,
        });
        await auditConfirmFailure(db, clock, actor, outcome, { factor: 'passkey', ...details });
        throw passkeyRefused();
      };
      const credential = asAssertion(body.credential);
      const stored = await findPasskeyByCredentialId(db, credential.id);
      if (!stored || stored.userId !== user.id) return failed('passkey_of_other_user');
      let use;
      try {
        use = await verifyAssertion(rp, credential, taken.challenge, stored);
      } catch (err) {
        if (!(err instanceof PasskeyRefused)) throw err;
        return failed(`passkey_${err.reason}`, { detail: err.message.slice(0, 300) });
      }
      const moved = await recordPasskeyUse(db, clock, {
        id: stored.id,
        previousCounter: stored.data.counter,
        counter: use.counter,
        backedUp: use.backedUp,
      });
      if (!moved) return failed('passkey_cloned_credential', { raced: true });
      return done(c, actor, 'passkey');
    })
    .post('/secsign', async (c) => {
      const { user } = await offer(c, 'secsign');
      const pending = await beginSecondFactor(deps, await zoneDecisionOf(c, zoneDecisionDeps), {
        user,
        factor: 'secsign',
        identifier: user.secSignId!,
        proven: [],
        auditName: user.username,
      });
      return c.json(pending);
    })
    .post('/secsign/status', validate('json', transactionBody), async (c) => {
      const { actor, user } = await me(c);
      const zoneDecision = await zoneDecisionOf(c, zoneDecisionDeps);
      const t = await loadPending(deps, zoneDecision, c.req.valid('json').transaction);
      if (t.userId !== user.id || t.factor !== 'secsign' || t.proven.length > 0) {
        throw transactionInvalid();
      }
      if (clock.now() >= t.expiresAt) {
        const expired = failureForState(AuthSessionState.EXPIRED)!;
        return failPending(deps, zoneDecision, t, expired, { cancel: true, counts: true });
      }
      const factor = deps.factors.secsign;
      if (!factor)
        throw new AppError(503, 'factor_unavailable', 'SecSign ID is not available here.');
      const check = await factor.check(t.factorState);
      if (check.outcome === 'waiting') {
        return c.json({
          status: 'secsign_pending' as const,
          state: check.detail,
          pollAfterMs: check.pollAfterMs,
        });
      }
      if (check.outcome === 'failed') {
        return failPending(deps, zoneDecision, t, check.error, {
          cancel: false,
          counts: check.counts,
        });
      }
      if (!(await finishTransaction(db, clock, t.idHash, 'done'))) throw transactionInvalid();
      // The ID must still be the user's own (not changed meanwhile).
      if (user.secSignId !== t.identifier) {
        await auditConfirmFailure(db, clock, actor, 'secsign_id_changed', { factor: 'secsign' });
        throw transactionInvalid();
      }
      return done(c, actor, 'secsign');
    });
}
