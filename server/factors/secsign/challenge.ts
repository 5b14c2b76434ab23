/**
 * SecSign ID as a `SecondFactor`: start asks the ID server for an auth session (the phone gets a
 * push, the widget gets the access pass), check polls its state, cancel cancels it. The state kept
 * in the login transaction is the three ids SecSign's SDKs send back byte for byte, and which API
 * (form protocol or REST v2) created the session, so it is asked about over that one.
 */
import type { AppConfig } from '../../config/settings.js';
import { AppError } from '../../platform/errors.js';
import { AuthSessionState, type AuthSessionRef, type SecSignClient } from '../../secsign/types.js';
import { appErrorFromSecSign, failureForState, WAITING_STATES } from './outcomes.js';
import type {
  ChallengeCheck,
  FactorDisplay,
  SecondFactor,
  StartedChallenge,
} from '../second-factor.js';
import type { Clock } from '../../platform/clock.js';
import { secSignDeepLink as buildDeepLink } from '../../secsign/deep-link.js';

/** What the widget shows while a SecSign ID challenge waits for the phone (`widget/factors/secsign.ts`). */
export interface SecSignDisplay extends FactorDisplay {
  factor: 'secsign';
  /** The SecSign ID the request went to, as the ID server spelled it. */
  secSignId: string;
  /** `data:image/png;base64,…`, or null when the access pass is switched off. */
  accessPass: string | null;
  /** `com.secsign.secsignid://…` to open the app on the same phone. */
  deepLink: string;
}

export const FIRST_POLL_MS = 2_000;
export const NEXT_POLL_MS = 3_500;

/** The SecSign ID app's deep link (`server/secsign/deep-link.ts`: as SecSign's Jira plugin builds it). */
export function secSignDeepLink(
  ref: { secSignId: string; authSessionId: string },
  config: AppConfig,
): string {
  return buildDeepLink({
    ...ref,
    returnUrl: config.serviceAddress,
    idServerUrl: config.secsignServers[0] ?? '',
  });
}

/** Reads the stored state back; null when it is not what `start` wrote (fails the step closed). */
function refOf(state: Record<string, unknown>): AuthSessionRef | null {
  const { secSignId, authSessionId, requestId, api } = state;
  if (typeof secSignId !== 'string' || typeof authSessionId !== 'string') return null;
  if (typeof requestId !== 'string') return null;
  if (api === undefined) return { secSignId, authSessionId, requestId };
  return api === 'rest' || api === 'form' ? { secSignId, authSessionId, requestId, api } : null;
}

export function createSecSignFactor(deps: {
  secsign: SecSignClient;
  config: AppConfig;
  clock: Clock;
}): SecondFactor<SecSignDisplay> {
  const { secsign, config, clock } = deps;
  return {
    name: 'secsign',

    async start(secSignId: string): Promise<StartedChallenge<SecSignDisplay>> {
      let session;
      try {
        session = await secsign.requestAuthSession({
          secSignId,
          serviceName: config.serviceName,
          serviceAddress: config.serviceAddress,
          showAccessPass: config.showAccessPass,
        });
      } catch (err) {
        throw appErrorFromSecSign(err);
      }
      const ref: AuthSessionRef = {
        secSignId: session.secSignId || secSignId,
        authSessionId: session.authSessionId,
        requestId: session.requestId,
        ...(session.api ? { api: session.api } : {}),
      };
      return {
        state: { ...ref },
        identifier: ref.secSignId,
        display: {
          factor: 'secsign',
          secSignId: ref.secSignId,
          accessPass: session.accessPassIcon
            ? `data:image/png;base64,${session.accessPassIcon}`
            : null,
          deepLink: secSignDeepLink(ref, config),
        },
        expiresAt: clock.now() + config.secsignRequestTtlMs,
        pollAfterMs: FIRST_POLL_MS,
      };
    },

    async check(state): Promise<ChallengeCheck> {
      const ref = refOf(state);
      if (!ref)
        return {
          outcome: 'failed',
          error: failureForState(AuthSessionState.INVALID)!,
          counts: false,
        };
      let current: number;
      try {
        current = await secsign.getAuthSessionState(ref);
      } catch (err) {
        throw appErrorFromSecSign(err);
      }
      if (WAITING_STATES.has(current))
        return { outcome: 'waiting', pollAfterMs: NEXT_POLL_MS, detail: current };
      if (current === AuthSessionState.AUTHENTICATED) return { outcome: 'proven' };
      const error: AppError =
        failureForState(current) ?? failureForState(AuthSessionState.INVALID)!;
      // Failures of the person (denied, or a different symbol picked) count against the ID.
      if (current !== AuthSessionState.CANCELED) await this.cancel(state);
      return { outcome: 'failed', error, counts: current === AuthSessionState.DENIED };
    },

    async cancel(state) {
      const ref = refOf(state);
      if (ref) await secsign.cancelAuthSession(ref).catch(() => undefined);
    },
  };
}
