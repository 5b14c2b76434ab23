/**
 * Who may use the admin API: a signed-in administrator (`c.get('actor')`, set by the session
 * middleware), or — only until an enabled administrator with a second factor (a SecSign ID) exists,
 * and only when configured — the bootstrap token from the environment as
 * `Authorization: Bearer <token>`, compared in constant time. A token that outlived its purpose
 * would be a password without a second factor, usable from anywhere: once such an administrator
 * exists it is refused (403 `bootstrap_token_retired`). Every use of the token, admitted or
 * refused, is audited with the client address. Everyone else gets 401 `not_signed_in` or 403
 * `not_admin`.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import type { AppProviders } from '../providers.js';
import { AppError } from '../platform/errors.js';
import type { Actor, DoorEnv, SessionEnv, SignedInEnv } from '../http/context.js';
import { appendAudit } from '../store/audit.js';
import { countSecSignAdmins } from '../store/users.js';
import { countOutsideCapable } from '../domain/outside-admins.js';

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
export function adminGuard({ db, clock, config }: Pick<AppProviders, 'db' | 'clock' | 'config'>) {
  // Narrows the context: behind this guard `c.get('actor')` is an administrator (or the bootstrap token).
  return createMiddleware<DoorEnv & SignedInEnv>(async (c, next) => {
    const actor: SessionEnv['Variables']['actor'] = c.get('actor');
    if (actor?.role === 'admin') return next();
    const auth = c.req.header('authorization') ?? '';
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    if (m && tokenMatches(m[1]!, config.adminBootstrapToken)) {
      // Retired once an administrator can sign in from outside (a SecSign ID, or another second
      // factor the policy allows): from then on administrators sign in as themselves.
      const retired = (await countSecSignAdmins(db)) > 0 || (await countOutsideCapable(db)) > 0;
      await appendAudit(db, clock, {
        actor: BOOTSTRAP_ACTOR.username,
        action: 'admin.bootstrap_token',
        clientIp: c.get('client').ip,
        clientReason: c.get('client').reason,
        outcome: retired ? 'refused' : 'granted',
        details: { method: c.req.method, path: c.req.path },
      });
      if (retired) {
        throw new AppError(
          403,
          'bootstrap_token_retired',
          'The bootstrap token no longer works: an administrator with a SecSign ID exists (or one who can sign in from outside with another second factor). ' +
            'Sign in as an administrator, and remove IPSAFEZONE_ADMIN_BOOTSTRAP_TOKEN.',
        );
      }
      c.set('actor', BOOTSTRAP_ACTOR);
      return next();
    }
    if (actor) throw new AppError(403, 'not_admin', 'Only an administrator may do this.');
    throw new AppError(401, 'not_signed_in', 'Sign in as an administrator first.');
  });
}
