/**
 * The passkey sign-in endpoints (docs/api.md), in the passkey's folder on the doors floor and
 * mounted by the login routes (`server/login/routes.ts`):
 * `POST /api/login/passkey/options` issues a challenge, `POST /api/login/passkey/verify` checks
 * the browser's answer and opens the session. The steps decide
 * (`server/domain/login/steps/passkey-options.ts`, `passkey-verify.ts`); these handlers only check
 * the input's shape and translate.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { DoorDeps } from '../../http/door-deps.js';
import type { DoorEnv } from '../../http/context.js';
import { validate } from '../../http/validation.js';
import { ownOrigins } from '../../http/public-origin.js';
import { zoneDecisionOf } from '../../http/zone-decision-of.js';
import { relyingParty } from './webauthn.js';
import { asAssertion, assertionSchema } from './wire.js';
import { usernameProblem } from '../../core/identifiers.js';
import { setSessionCookie } from '../../login/cookies.js';
import { loginDeps } from '../../domain/login/login-wiring.js';
import { passkeyOptions } from '../../domain/login/steps/passkey-options.js';
import { passkeyVerify } from '../../domain/login/steps/passkey-verify.js';

const optionsBody = z.strictObject({
  username: z
    .string()
    .trim()
    .max(200)
    .refine((name) => usernameProblem(name) === null, {
      message: 'A user name cannot contain control or invisible formatting characters.',
    })
    .optional(),
  /** The password step's transaction, when the passkey comes after the password. */
  transaction: z.string().max(100).optional(),
});
const verifyBody = z.strictObject({
  transaction: z.string().max(100),
  credential: assertionSchema,
});

export function passkeyLoginRoutes(doors: DoorDeps) {
  const { config, zoneDecision: zoneDecisionDeps } = doors;
  const deps = loginDeps(doors);
  const rp = relyingParty(config, ownOrigins(config.publicUrl));
  return new Hono<DoorEnv>()
    .post('/login/passkey/options', validate('json', optionsBody), async (c) =>
      c.json(
        await passkeyOptions(deps, await zoneDecisionOf(c, zoneDecisionDeps), rp, {
          username: c.req.valid('json').username || undefined,
          transaction: c.req.valid('json').transaction,
        }),
      ),
    )
    .post('/login/passkey/verify', validate('json', verifyBody), async (c) => {
      const body = c.req.valid('json');
      const result = await passkeyVerify(
        deps,
        await zoneDecisionOf(c, zoneDecisionDeps),
        rp,
        { transaction: body.transaction, credential: asAssertion(body.credential) },
        c.req.header('user-agent') ?? null,
      );
      setSessionCookie(c, config, result.sessionToken);
      return c.json({ status: result.status, user: result.user });
    });
}
