/**
 * The middleware in front of every route by which users change their own sign-in methods (passkeys,
 * authenticator apps, recovery codes, the SecSign ID): the session must have signed in or
 * confirmed within `IPSAFEZONE_REAUTH_MINUTES`, else 403 `reauthentication_required` (audited as
 * the change's own action) and the profile page asks the user to confirm (`reauth.ts`).
 */
import { createMiddleware } from 'hono/factory';
import type { AppProviders } from '../providers.js';
import type { DoorEnv } from '../http/context.js';
import { domainActor } from '../http/domain-actor.js';
import { requireRecentAuth } from '../domain/recent-auth.js';

/** A guard for changes audited as `action` (e.g. `passkey.add`). */
export type RecentAuthGuard = (action: string) => ReturnType<typeof createMiddleware<DoorEnv>>;

export function recentAuthGuard({
  db,
  clock,
  config,
}: Pick<AppProviders, 'db' | 'clock' | 'config'>): RecentAuthGuard {
  return (action) =>
    createMiddleware<DoorEnv>(async (c, next) => {
      await requireRecentAuth(db, clock, domainActor(c), config.reauthMs, action);
      await next();
    });
}
