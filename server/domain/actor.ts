/**
 * Who asks for a change, as the domain rules see it, and from where. The admin API passes the
 * signed-in user (or the bootstrap token's actor) with the request's client address; the command
 * line acts as the administrator `cli`, whose "address" is the command line itself. Every audit
 * entry of a change carries both (`auditActor`), so a change can be traced to where it came from.
 */
import { AppError } from '../platform/errors.js';
import type { FactorSet } from '../factors/proof.js';

/** Where a change came from: the client address and how it was found. */
export interface ActorOrigin {
  /** The client address in canonical form, or null (unknown, or the command line). */
  ip: string | null;
  /** How the address was found (the resolver's sentence), or `cli` for the command line. */
  how: string;
}

export interface DomainActor {
  /** The user's row id; 0 for the CLI and the bootstrap token (no user row). */
  id: number;
  username: string;
  role: 'admin' | 'user';
  /** What the actor's session proved at sign-in (absent for the CLI and the bootstrap token). */
  factors?: FactorSet;
  /** The actor's own session (its stored hash), kept when their other sessions are ended. */
  sessionId?: string;
  /** When that session last proved who is behind it (sign-in or confirmation), epoch ms. */
  authenticatedAt?: number;
  /** Where the request came from, for the audit log. */
  origin: ActorOrigin;
}

/** The actor for changes made with the command line. */
export const CLI_ACTOR: DomainActor = Object.freeze({
  id: 0,
  username: 'cli',
  role: 'admin',
  origin: Object.freeze({ ip: null, how: 'cli' }),
});

/** The audit fields naming who made a change and from where. */
export function auditActor(actor: DomainActor): {
  actor: string;
  clientIp: string | null;
  clientReason: string;
} {
  return { actor: actor.username, clientIp: actor.origin.ip, clientReason: actor.origin.how };
}

/** Throws 403 `not_admin` unless the actor is an administrator. */
export function requireAdmin(actor: DomainActor): void {
  if (actor.role !== 'admin') {
    throw new AppError(403, 'not_admin', 'Only an administrator may do this.');
  }
}
