/**
 * `requireActor`: the middleware in front of routes only a signed-in user may use. It answers 401
 * when the session middleware found nobody (or only the bootstrap token's actor, which is no user),
 * and narrows the context for the handlers after it: there `c.get('actor')` is an `Actor`.
 */
import { createMiddleware } from 'hono/factory';
import { AppError } from '../platform/errors.js';
import type { Actor, SessionEnv, SignedInEnv } from './context.js';

/** The signed-in user, or undefined — `requireActor`'s one question. */
export function signedInUser(actor: SessionEnv['Variables']['actor']): Actor | undefined {
  return actor && actor.id > 0 ? actor : undefined;
}

export const requireActor = createMiddleware<SessionEnv & SignedInEnv>(async (c, next) => {
  // Read as the session middleware left it (possibly nobody), not as the narrowed type says.
  const actor: Actor | undefined = c.get('actor');
  if (!signedInUser(actor)) throw new AppError(401, 'not_signed_in', 'Sign in first.');
  await next();
});
