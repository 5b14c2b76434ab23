/**
 * The signed-in actor of a request as the domain rules want it: who (with the session's proven
 * factors), and from which client address (and how that address was found), so every
 * administrative change is audited with it; and their request as the check that a change does not
 * end their own session unconfirmed wants it (domain/own-session.ts).
 */
import { AppError } from '../platform/errors.js';
import type { DomainActor } from '../domain/actor.js';
import type { OwnSession } from '../domain/own-session.js';
import type { ZoneDecisionDeps } from '../domain/zone-decision.js';
import type { SessionEnv, ClientAddressEnv } from './context.js';

/** What `domainActor` reads of a request's context (any context the chain has been through). */
type ActorVariables = SessionEnv['Variables'] & ClientAddressEnv['Variables'];
export interface ActorContext {
  get<K extends keyof ActorVariables>(key: K): ActorVariables[K];
}

/** The request's actor with its origin; 401 when nobody is signed in (guards run before). */
export function domainActor(c: ActorContext): DomainActor {
  const actor = c.get('actor');
  if (!actor) throw new AppError(401, 'not_signed_in', 'Please sign in.');
  const client = c.get('client');
  return { ...actor, origin: { ip: client.ip, how: client.reason } };
}

/**
 * The request for the own-session check: where it comes from, the app's zone decision sources,
 * and whether the administrator confirmed the change (`confirm`).
 */
export function ownSessionOf(
  c: ActorContext,
  zoneDecision: ZoneDecisionDeps,
  confirmed: boolean | undefined,
): OwnSession {
  return { zoneDecision, client: c.get('client'), confirmed: confirmed === true };
}
