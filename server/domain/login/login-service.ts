/**
 * The login flow: one orchestrator composing small step modules (`server/domain/login/steps/`). Each step
 * decides again from its own request's zone decision (never from what the client claims), counts
 * attempts before it checks anything, answers unknown users exactly like wrong passwords, and
 * audits every decision. The password is checked by the directory chain, the second factor by a
 * `SecondFactor`; the HTTP routes only translate.
 */
import type { ZoneDecision } from '../zone-decision.js';
import { cancelStep } from './steps/cancel-step.js';
import { codeStep, type CodeFactor } from './steps/code-step.js';
import { passwordStep } from './steps/password-step.js';
import { pollStep } from './steps/poll-step.js';
import { secSignIdStep } from './steps/secsign-id-step.js';
import { sendCodeStep } from './steps/send-code-step.js';
import type { LoginDeps } from './steps/step-deps.js';

export { apiUser } from './steps/step-deps.js';
export type { SignedInResult } from './steps/sign-in.js';
export { noSecSignId } from './login-errors.js';

export function createLoginService(deps: LoginDeps) {
  return {
    /** Step 1 with a password: signs in when it is enough from here, else begins the second factor. */
    passwordStep: (
      zoneDecision: ZoneDecision,
      input: {
        username: string;
        password: string;
        second?: { factor: CodeFactor; code: string };
      },
      userAgent: string | null,
    ) => passwordStep(deps, zoneDecision, input, userAgent),
    /** Step 1 with a SecSign ID alone. */
    secsignStep: (zoneDecision: ZoneDecision, input: { secSignId: string }) =>
      secSignIdStep(deps, zoneDecision, input),
    /** Polls the second factor; signs in exactly once when it is proven. */
    statusStep: (zoneDecision: ZoneDecision, token: unknown, userAgent: string | null) =>
      pollStep(deps, zoneDecision, token, userAgent),
    cancelStep: (zoneDecision: ZoneDecision, token: unknown) =>
      cancelStep(deps, zoneDecision, token),
    /** Sends a one-time code out of band (an e-mail code) for a chosen factor, after the password. */
    sendCodeStep: (
      zoneDecision: ZoneDecision,
      input: { transaction: string; factor: CodeFactor },
    ) => sendCodeStep(deps, zoneDecision, input),
    /** Finishes a login after the password with an authenticator-app code or a recovery code. */
    codeStep: (
      zoneDecision: ZoneDecision,
      input: { transaction: string; factor: CodeFactor; code: string },
      userAgent: string | null,
    ) => codeStep(deps, zoneDecision, input, userAgent),
  };
}

export type LoginService = ReturnType<typeof createLoginService>;
