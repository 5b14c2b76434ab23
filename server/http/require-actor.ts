/**
 * `requireActor`: the middleware in front of routes only a signed-in user may use. It answers 401
 * when the session middleware found nobody (or only the bootstrap token's actor, which is no user),
 * and narrows the context for the handlers after it: there `c.var.actor` is an `Actor`.
 */
import { createMiddleware } from 'hono/factory';
import { AppError } from '../platform/errors.js';
import type { Actor, SessionEnv, SignedInEnv } from './context.js';

/** The signed-in user, or undefined — `requireActor`'s one question. */
export function signedInUser(vars: SessionEnv['Variables']): Actor | undefined {
  const actor = vars.actor;
  return actor && actor.id > 0 ? actor : undefined;
}

export const requireActor = createMiddleware<SessionEnv & SignedInEnv>(async (c, next) => {
  const vars: SessionEnv['Variables'] = c.var;
  if (!signedInUser(vars)) throw new AppError(401, 'not_signed_in', 'Sign in first.');
  await next();
});
