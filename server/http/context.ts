/**
 * The Hono environment every route shares: the Node bindings (socket peer) and the per-request
 * variables the middleware sets — above all the resolved client address, which every decision uses,
 * and the signed-in user (set by the session middleware).
 */
import type { HttpBindings } from '@hono/node-server';
import type { ResolvedClientAddress } from '../client-address/types.js';
import type { Standing } from '../domain/standing.js';
import type { FactorSet } from '../auth/factors.js';
import type { SessionUser } from '../store/sessions.js';
import type { RequestLogger } from '../platform/logger.js';

/** Who is making the request, as far as authorisation is concerned. */
export interface Actor {
  /** The user's row id; 0 for the bootstrap token (no user row). */
  id: number;
  username: string;
  role: 'admin' | 'user';
  /** The hashed session id behind this actor, when it came from a session. */
  sessionId?: string;
  /** What was proven at sign-in, when it came from a session. */
  factors?: FactorSet;
  /** When the session last proved who is behind it (sign-in or confirmation), epoch ms. */
  authenticatedAt?: number;
  /** The user as read together with the session (forward-auth's headers need no second read). */
  user?: SessionUser;
}

export interface AppEnv {
  Bindings: Partial<HttpBindings>;
  Variables: {
    /** The client address for this request, resolved once by `clientAddressMiddleware`. */
    client: ResolvedClientAddress;
    /** The signed-in user whose session suffices from this address, or undefined. */
    actor: Actor | undefined;
    /** Where this request stands (zone, mode), computed at most once per request. */
    standing: Standing | undefined;
    /** Set when a session exists but its factors are not enough from this address. */
    sessionInsufficient: boolean | undefined;
    /** This request's logger (with its id), set by the first middleware; see `requestLog(c)`. */
    log: RequestLogger | undefined;
  };
}
