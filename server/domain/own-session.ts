/**
 * "Would this change end my own session?" — the one check behind every policy change an
 * administrator makes on the admin page: the settings, a zone created, changed or deleted, a
 * draft applied. The acting administrator's session counts from where they are only while what
 * it proved satisfies what a sign-in from there needs (`factorsSatisfy`). A change that would end
 * that — the zone they stand in disabled, IPSafeZone off seen from the office, with a session
 * proven by the password alone — is refused with 409 `ends_own_session` until the administrator
 * confirms it (`confirm`), so that nobody is signed out by surprise. The services run it after
 * their own refusals (a refusal confirming cannot lift comes first), on the settings and zones
 * as they will be, without writing them. The command line has no session: it passes nothing.
 */
import { AppError } from '../platform/errors.js';
import { compileZones, type ZoneDefinition } from '../zones/index.js';
import { FACTORS } from '../factors/registry.js';
import type { Settings } from '../store/settings.js';
import type { DomainActor } from './actor.js';
import {
  decideZone,
  factorsSatisfy,
  type AddressInput,
  type ZoneDecision,
  type ZoneDecisionDeps,
} from './zone-decision.js';

/** The acting administrator's request, as the check needs it (absent for the command line). */
export interface OwnSession {
  /** The app's zone decision sources: the policy as it is now. */
  zoneDecision: ZoneDecisionDeps;
  /** Where the request comes from. */
  client: AddressInput;
  /** The administrator was warned and goes ahead ("Change anyway"). */
  confirmed: boolean;
}

/** The policy after a change; what is absent stays as it is. */
export interface PolicyAfter {
  settings?: Settings;
  /** Every zone, in order, as the matcher would hold them. */
  zones?: readonly ZoneDefinition[];
}

/**
 * Throws 409 `ends_own_session` when, under the policy `after`, the actor's session would no
 * longer count from where the request comes from — unless confirmed, or there is no session to
 * end (the command line, the bootstrap token).
 */
export async function guardOwnSession(
  actor: DomainActor,
  own: OwnSession | undefined,
  after: PolicyAfter,
): Promise<void> {
  if (!own || own.confirmed || !actor.factors) return;
  const zones = after.zones;
  const deps: ZoneDecisionDeps = zones
    ? {
        ...own.zoneDecision,
        zones: {
          get: () => Promise.resolve({ matcher: compileZones(zones), version: -1, failed: false }),
        },
      }
    : own.zoneDecision;
  const decision = await decideZone(deps, own.client, after.settings);
  if (!factorsSatisfy(decision, actor.factors)) throw endsOwnSession(decision);
}

/** "your SecSign ID, a passkey or an authenticator app's code": what counts outside after. */
function secondFactorsOf(after: ZoneDecision): string {
  const words = after.outsideFactors
    .filter((f) => !FACTORS[f].replacesLostFactor)
    .map((f) => FACTORS[f].inSentence);
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} or ${words.at(-1)}` : words.join('');
}

function endsOwnSession(after: ZoneDecision): AppError {
  const which = secondFactorsOf(after);
  const factor = which ? `a second factor (${which})` : 'a second factor';
  const needs =
    after.requirement === 'password-and-second-factor'
      ? `your password and then ${factor}`
      : factor;
  return new AppError(
    409,
    'ends_own_session',
    `After this change, signing in from where you are (${after.clientIp ?? 'an unknown address'}) needs ${needs}: your current session would end. Send the change again confirmed ("confirm": true; for a deletion ?confirm=true) to go ahead.`,
    { requirement: after.requirement },
  );
}
