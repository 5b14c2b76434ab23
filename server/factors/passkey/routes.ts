/**
 * The passkey sign-in endpoints (docs/api.md), the passkey's own routes (`FactorModule.routes`,
 * `server/factors/factor-routes.ts`: declared without Hono, mounted under `/api` by the login
 * routes for every module that has routes): `POST /api/login/passkey/options` issues a
 * challenge, `POST /api/login/passkey/verify` checks the browser's answer and opens the session.
 * The steps decide (`server/domain/login/steps/passkey-options.ts`, `passkey-verify.ts`); these
 * only name the input's shape and what each answers.
 */
import { z } from 'zod';
import { relyingParty } from './webauthn.js';
import { asAssertion, assertionSchema } from './wire.js';
import { usernameProblem } from '../../core/identifiers.js';
import { passkeyOptions } from '../../domain/login/steps/passkey-options.js';
import { passkeyVerify } from '../../domain/login/steps/passkey-verify.js';
import type { FactorRoute, FactorRouteSetup } from '../factor-routes.js';

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

/** The routes, built once per app with the login steps' deps and the server's origins. */
export function passkeyRoutes({ deps, origins }: FactorRouteSetup) {
  const rp = relyingParty(deps.config, [...origins]);
  const options = {
    path: '/login/passkey/options',
    body: optionsBody,
    handle: (request, body) =>
      passkeyOptions(deps, request.zoneDecision, rp, {
        username: body.username || undefined,
        transaction: body.transaction,
      }),
  } satisfies FactorRoute<z.output<typeof optionsBody>, object>;
  const verify = {
    path: '/login/passkey/verify',
    body: verifyBody,
    handle: async (request, body) => {
      const result = await passkeyVerify(
        deps,
        request.zoneDecision,
        rp,
        { transaction: body.transaction, credential: asAssertion(body.credential) },
        request.userAgent,
      );
      return { status: result.status, user: result.user, sessionToken: result.sessionToken };
    },
  } satisfies FactorRoute<z.output<typeof verifyBody>, object>;
  return { options, verify };
}
