/**
 * Who may use the admin API: a signed-in administrator (`c.var.actor`, set by the session
 * middleware), or — while administrator sessions do not exist yet, and only when configured — the
 * bootstrap token from the environment as `Authorization: Bearer <token>`, compared in constant
 * time. Everyone else gets 401 `not_signed_in` or 403 `not_admin`.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import type { AppConfig } from '../config.js';
import { AppError } from '../errors.js';
import type { Actor, AppEnv } from '../http/context.js';

/** The actor for requests authorised by the bootstrap token. */
export const BOOTSTRAP_ACTOR: Actor = Object.freeze({
  id: 0,
  username: 'bootstrap',
  role: 'admin',
});

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** True when `given` equals `expected`, in time independent of where they differ. */
export function tokenMatches(given: string, expected: string): boolean {
  if (expected === '') return false;
  return timingSafeEqual(digest(given), digest(expected));
}

/** The middleware that admits administrators only. */
export function adminGuard(config: AppConfig) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const actor = c.var.actor;
    if (actor?.role === 'admin') return next();
    const auth = c.req.header('authorization') ?? '';
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    if (m && tokenMatches(m[1]!, config.adminBootstrapToken)) {
      c.set('actor', BOOTSTRAP_ACTOR);
      return next();
    }
    if (actor) throw new AppError(403, 'not_admin', 'Only an administrator may do this.');
    throw new AppError(401, 'not_signed_in', 'Sign in as an administrator first.');
  });
}
