/**
 * The login API (docs/api.md): where the requester stands, the login steps, the session, logout.
 * Handlers only translate between HTTP and the login service; the service decides.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { DoorDeps } from '../http/door-deps.js';
import type { DoorEnv } from '../http/context.js';
import { validate } from '../http/validation.js';
import { findUserById } from '../store/users.js';
import { clearSessionCookie, readSessionCookie, setSessionCookie } from './cookies.js';
import { loginDeps } from '../domain/login/login-wiring.js';
import { createLoginService, apiUser, type SignedInResult } from '../domain/login/login-service.js';
import type {
  ChallengePending,
  CodeSent,
  SecondFactorNeeded,
  SessionAnswer,
  StillPending,
} from '../domain/login/answers.js';
import { CODE_FACTOR_NAMES } from '../factors/registry.js';
import { formatFactors } from '../factors/proof.js';
import { usernameProblem } from '../core/identifiers.js';
import { checkedSecSignId } from '../factors/secsign/outcomes.js';
import { revokeSession, sessionEndsAt } from '../store/sessions.js';
import { isEnrolmentLimited } from '../domain/enrolment-campaign.js';
import { auditDecision } from '../domain/audit-decision.js';
import { zoneDecisionOf } from '../http/zone-decision-of.js';
import { countZoneAnswer, zoneInfoOf } from './zone-answer.js';
import type { Context } from 'hono';
import { factorRoutes } from './factor-routes.js';
import { changesSincePreviousSignIn } from '../domain/factor-history.js';

const usernameSchema = z
  .string()
  .trim()
  .min(1, 'Enter your user name.')
  .max(200)
  .refine((name) => usernameProblem(name) === null, {
    message: 'A user name cannot contain control or invisible formatting characters.',
  });
const passwordSchema = z.string().min(1, 'Enter your password.').max(1024);
// Its characters are checked in the handler, so that a wrong one answers 422 `invalid_secsign_id`.
const secSignIdSchema = z.string().trim().min(1, 'Enter your SecSign ID.').max(255);
const transactionSchema = z.object({ transaction: z.string().max(100) });
const codeSchema = z.object({
  factor: z.enum(CODE_FACTOR_NAMES),
  code: z.string().trim().min(1, 'Enter the code.').max(64),
});

/** Where `server/app.ts` mounts these routes (the widget's and pages' clients type paths from it). */
export const LOGIN_API_PATH = '/api';

export function loginRoutes(doors: DoorDeps) {
  const { db, clock, config, lifetimes, sessions, zoneDecision: zoneDecisionDeps, metrics } = doors;
  const deps = loginDeps(doors);
  const service = createLoginService(deps);

  const respond = (
    c: Context<DoorEnv>,
    result:
      | (SignedInResult & { recoveryCodesLeft?: number })
      | ChallengePending
      | CodeSent
      | SecondFactorNeeded
      | StillPending,
  ) => {
    if (result.status === 'signed_in') {
      setSessionCookie(c, config, result.sessionToken);
      const { sessionToken: _token, ...answer } = result;
      void _token;
      return c.json(answer);
    }
    return c.json(result);
  };
  const userAgent = (c: Context<DoorEnv>) => c.req.header('user-agent') ?? null;

  return new Hono<DoorEnv>()
    .get('/zone', async (c) => {
      // A read that decides nothing: counted in the metrics, not audited (sign-in steps audit what matters).
      const s = await zoneDecisionOf(c, zoneDecisionDeps);
      countZoneAnswer(metrics, s);
      return c.json(zoneInfoOf(s));
    })
    .post(
      '/login/password',
      validate(
        'json',
        z.object({
          username: usernameSchema,
          password: passwordSchema,
          /** Mode `2fa`: the code that goes with the password (password-with-code.ts). */
          second: codeSchema.optional(),
        }),
      ),
      async (c) =>
        respond(
          c,
          await service.passwordStep(
            await zoneDecisionOf(c, zoneDecisionDeps),
            c.req.valid('json'),
            userAgent(c),
          ),
        ),
    )
    .post('/login/secsign', validate('json', z.object({ secSignId: secSignIdSchema })), async (c) =>
      respond(
        c,
        await service.secsignStep(
          await zoneDecisionOf(c, zoneDecisionDeps),
          checkedSecSignId(c.req.valid('json')),
        ),
      ),
    )
    .post('/login/code', validate('json', transactionSchema.extend(codeSchema.shape)), async (c) =>
      respond(
        c,
        await service.codeStep(
          await zoneDecisionOf(c, zoneDecisionDeps),
          c.req.valid('json'),
          userAgent(c),
        ),
      ),
    )
    .post(
      '/login/code/send',
      validate('json', transactionSchema.extend({ factor: codeSchema.shape.factor })),
      async (c) =>
        respond(
          c,
          await service.sendCodeStep(
            await zoneDecisionOf(c, zoneDecisionDeps),
            c.req.valid('json'),
          ),
        ),
    )
    .post('/login/secsign/status', validate('json', transactionSchema), async (c) =>
      respond(
        c,
        await service.statusStep(
          await zoneDecisionOf(c, zoneDecisionDeps),
          c.req.valid('json').transaction,
          userAgent(c),
        ),
      ),
    )
    .post('/login/secsign/cancel', validate('json', transactionSchema), async (c) =>
      c.json(
        await service.cancelStep(
          await zoneDecisionOf(c, zoneDecisionDeps),
          c.req.valid('json').transaction,
        ),
      ),
    )
    .get('/session', async (c) => {
      const actor = c.get('actor');
      if (!actor?.sessionId) {
        return c.json<SessionAnswer>({
          user: null,
          session: null,
          secondFactorRequired: c.get('sessionInsufficient') === true,
        });
      }
      const [user, session] = await Promise.all([
        findUserById(db, actor.id),
        sessions.find(readSessionCookie(c, config)),
      ]);
      if (!user || !session)
        return c.json<SessionAnswer>({ user: null, session: null, secondFactorRequired: false });
      return c.json<SessionAnswer>({
        user: apiUser(user),
        session: {
          createdAt: new Date(session.createdAt).toISOString(),
          expiresAt: new Date(sessionEndsAt(session, lifetimes)).toISOString(),
          factors: formatFactors(session.factors),
        },
        secondFactorRequired: false,
        ...(isEnrolmentLimited(session, clock.now()) ? { enrolmentRequired: true } : {}),
        factorChanges: await changesSincePreviousSignIn(db, user, session.createdAt),
      });
    })
    .post('/logout', async (c) => {
      const token = readSessionCookie(c, config);
      const session = token ? await sessions.find(token) : null;
      if (session) {
        await revokeSession(db, clock, session.idHash);
        const s = await zoneDecisionOf(c, zoneDecisionDeps);
        await auditDecision(db, clock, s, {
          action: 'logout',
          actor: c.get('actor')?.username ?? null,
          username: c.get('actor')?.username ?? null,
          outcome: 'logged_out',
        });
      }
      clearSessionCookie(c, config);
      return c.json({ ok: true });
    })
    .route('/', factorRoutes(doors, deps));
}

/** The login API's routes as the widget's typed client sees them (mounted at `/api`). */
export type LoginApiRoutes = ReturnType<typeof loginRoutes>;
