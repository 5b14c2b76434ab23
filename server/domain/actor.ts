/**
 * Who asks for a change, as the domain rules see it. The admin API passes the signed-in user (or
 * the bootstrap token's actor); the command line acts as the administrator `cli`.
 */
import { AppError } from '../errors.js';
import type { FactorSet } from '../auth/factors.js';

export interface DomainActor {
  /** The user's row id; 0 for the CLI and the bootstrap token (no user row). */
  id: number;
  username: string;
  role: 'admin' | 'user';
  /** What the actor's session proved at sign-in (absent for the CLI and the bootstrap token). */
  factors?: FactorSet;
  /** The actor's own session (its stored hash), kept when their other sessions are ended. */
  sessionId?: string;
}

/** The actor for changes made with the command line. */
export const CLI_ACTOR: DomainActor = Object.freeze({ id: 0, username: 'cli', role: 'admin' });

/** Throws 403 `not_admin` unless the actor is an administrator. */
export function requireAdmin(actor: DomainActor): void {
  if (actor.role !== 'admin') {
    throw new AppError(403, 'not_admin', 'Only an administrator may do this.');
  }
}
