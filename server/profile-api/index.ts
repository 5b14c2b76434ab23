/**
 * The profile API, mounted at `/api/me`: what every signed-in user may see and do about their own
 * account — their data, their live sessions (and ending one), and changing their own SecSign ID
 * when the setting "Users may change their own SecSign ID" allows it (the domain decides; a first
 * one may be held for an administrator's approval: 202 `waitingApproval`), and
 * their second factors (`factor-routes.ts`). Changing a sign-in method needs a recent sign-in or a
 * confirmation (`reauth.ts`, `recent-auth-guard.ts`).
 */
import { formatFactors } from '../factors/proof.js';
import { Hono } from 'hono';
import { z } from 'zod';
import type { DoorDeps } from '../http/door-deps.js';
import { checkAssignedSecSignId } from '../factors/secsign/id-check.js';
import { AppError } from '../platform/errors.js';
import type { Actor, DoorEnv } from '../http/context.js';
import { domainActor } from '../http/domain-actor.js';
import { requireActor } from '../http/require-actor.js';
import { validate } from '../admin-api/validate.js';
import { changeSecSignIdOrHold } from '../domain/users-service.js';
import { userNotFound } from '../domain/errors.js';
import { listUserSessions, revokeSessionStatement, type SessionRecord } from '../store/sessions.js';
import { auditStatement } from '../store/audit.js';
import { auditActor } from '../domain/actor.js';
import { getSettings } from '../store/settings.js';
import { factorRoutes } from './factor-routes.js';
import { findUserById, publicUser, type PublicUser } from '../store/users.js';
import { passkeysApi } from './passkeys.js';
import { reauthApi } from './reauth.js';
import { recentFactorChanges, type FactorChangeJson } from '../domain/factor-history.js';
import { recentAuthGuard } from './recent-auth-guard.js';

const iso = (ms: number) => new Date(ms).toISOString();

const secSignIdBody = z.strictObject({ secSignId: z.string().max(255).nullable() });
const sessionParam = z.object({ id: z.string().regex(/^[0-9a-f]{16,128}$/, 'a session id') });

/** The signed-in user as the profile page shows them (no password hash, no internal flags). */
export function meJson(u: PublicUser) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    email: u.email,
    role: u.role,
    secSignId: u.secSignId,
  };
}

/** One session; `id` is the stored SHA-256 of the cookie token (not the token: it opens nothing). */
export function sessionJson(s: SessionRecord, actor: Actor) {
  return {
    id: s.idHash,
    current: s.idHash === actor.sessionId,
    factors: formatFactors(s.factors),
    clientIp: s.clientIp,
    zone: s.zone,
    createdAt: iso(s.createdAt),
    lastSeenAt: iso(s.lastSeenAt),
    expiresAt: iso(s.expiresAt),
  };
}

/** `GET /api/me`: the profile page's view of its own user (imported type-only by admin/api.ts). */
export interface MeAnswer {
  user: ReturnType<typeof meJson>;
  factors: string | null;
  canChangeOwnId: boolean;
  client: { ip: string | null; reason: string };
}

/** One of `GET /api/me/sessions`' entries. */
export type SessionJson = ReturnType<typeof sessionJson>;

/** Whether a user may change their own SecSign ID (the domain enforces it; this tells the page). */
function mayChangeOwnId(role: string, settings: { usersChangeOwnId: boolean }): boolean {
  return role === 'admin' || settings.usersChangeOwnId;
}

/** Builds the profile API from the app's doors' dependencies. */
/** Where `server/app.ts` mounts these routes (the profile page's client types its paths from it). */
export const PROFILE_API_PATH = '/api/me';

export function profileApi(doors: DoorDeps) {
  const { db, clock, lifetimes } = doors;
  const load = async (id: number) => {
    const user = await findUserById(db, id);
    if (!user) throw userNotFound();
    return publicUser(user);
  };
  const fresh = recentAuthGuard(doors);
  return new Hono<DoorEnv>()
    .use(requireActor)
    .get('/', async (c) => {
      const actor = c.get('actor');
      const [user, settings] = await Promise.all([load(actor.id), getSettings(db)]);
      return c.json<MeAnswer>({
        user: meJson(user),
        factors: actor.factors ? formatFactors(actor.factors) : null,
        canChangeOwnId: mayChangeOwnId(user.role, settings),
        client: { ip: c.get('client').ip, reason: c.get('client').reason },
      });
    })
    .get('/factor-changes', async (c) => {
      const actor = c.get('actor');
      return c.json<{ changes: FactorChangeJson[] }>({
        changes: await recentFactorChanges(db, await load(actor.id), clock.now()),
      });
    })
    .get('/sessions', async (c) => {
      const actor = c.get('actor');
      const sessions = await listUserSessions(db, clock, lifetimes, actor.id);
      return c.json({ sessions: sessions.map((s) => sessionJson(s, actor)) });
    })
    .delete('/sessions/:id', validate('param', sessionParam), async (c) => {
      const actor = c.get('actor');
      const id = c.req.valid('param').id;
      const mine = await listUserSessions(db, clock, lifetimes, actor.id);
      const target = mine.find((s) => s.idHash === id);
      if (!target) {
        throw new AppError(404, 'session_not_found', 'You have no such session.');
      }
      const current = id === actor.sessionId;
      const at = clock.now();
      // Audited as signing out and an administrator's revocation are (never the session's id).
      await db.batch(
        [
          revokeSessionStatement(id, at),
          auditStatement(at, {
            ...auditActor(domainActor(c)),
            action: 'session.revoke',
            username: actor.username,
            outcome: 'ended',
            details: {
              session: { clientIp: target.clientIp, createdAt: iso(target.createdAt) },
              current,
            },
          }),
        ],
        'write',
      );
      return c.json({ ok: true, current });
    })
    .put('/secsign-id', validate('json', secSignIdBody), fresh('user.secsign_id'), async (c) => {
      const actor = c.get('actor');
      const { secSignId } = c.req.valid('json');
      // Asked only of someone who may change the ID: nobody else learns which IDs exist.
      const may = mayChangeOwnId(actor.role, await getSettings(db));
      const secSignIdCheck = may
        ? await checkAssignedSecSignId(doors.secsignApi, secSignId)
        : undefined;
      const done = await changeSecSignIdOrHold(db, clock, domainActor(c), actor.id, secSignId);
      const check = secSignIdCheck ? { secSignIdCheck } : {};
      // A first ID held for an administrator's approval (domain/own-secsign-id.ts), as a passkey.
      if (done.waitingApproval)
        return c.json({ user: meJson(done.user), waitingApproval: true as const, ...check }, 202);
      return c.json({ user: meJson(done.user), ...check });
    })
    .route('/', factorRoutes(doors))
    .route('/passkeys', passkeysApi(doors))
    .route('/reauth', reauthApi(doors));
}

/** The profile API's routes as the pages' typed client sees them (mounted at `/api/me`). */
export type ProfileApiRoutes = ReturnType<typeof profileApi>;
