/**
 * The login flow: one orchestrator composing small step modules (`server/domain/login/steps/`). Each step
 * decides again from its own request's standing (never from what the client claims), counts
 * attempts before it checks anything, answers unknown users exactly like wrong passwords, and
 * audits every decision. The password is checked by the directory chain, the second factor by a
 * `SecondFactor`; the HTTP routes only translate.
 */
import type { Standing } from '../standing.js';
import { cancelStep } from './steps/cancel-step.js';
import { codeStep, type CodeFactor } from './steps/code-step.js';
import { passwordStep } from './steps/password-step.js';
import { pollStep } from './steps/poll-step.js';
import { secSignIdStep } from './steps/secsign-id-step.js';
import type { LoginDeps } from './steps/step-deps.js';

export { apiUser } from './steps/step-deps.js';
export type { SignedInResult } from './steps/sign-in.js';
export { noSecSignId } from './login-errors.js';

export function createLoginService(deps: LoginDeps) {
  return {
    /** Step 1 with a password: signs in when it is enough from here, else begins the second factor. */
    passwordStep: (
      standing: Standing,
      input: {
        username: string;
        password: string;
        second?: { factor: CodeFactor; code: string };
      },
      userAgent: string | null,
    ) => passwordStep(deps, standing, input, userAgent),
    /** Step 1 with a SecSign ID alone. */
    secsignStep: (standing: Standing, input: { secSignId: string }) =>
      secSignIdStep(deps, standing, input),
    /** Polls the second factor; signs in exactly once when it is proven. */
    statusStep: (standing: Standing, token: unknown, userAgent: string | null) =>
      pollStep(deps, standing, token, userAgent),
    cancelStep: (standing: Standing, token: unknown) => cancelStep(deps, standing, token),
    /** Finishes a login after the password with an authenticator-app code or a recovery code. */
    codeStep: (
      standing: Standing,
      input: { transaction: string; factor: CodeFactor; code: string },
      userAgent: string | null,
    ) => codeStep(deps, standing, input, userAgent),
  };
}

export type LoginService = ReturnType<typeof createLoginService>;
