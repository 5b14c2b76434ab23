/**
 * The Hono environment, one piece per middleware: each type names the variables one middleware
 * sets, so a route or helper says which middleware it relies on (`Context<ClientAddressEnv>`), and a
 * middleware that makes a variable certain narrows the context for what follows it — after
 * `requireActor` (server/http/require-actor.ts) `c.get('actor')` is an `Actor`, never undefined.
 * `DoorEnv` is what app.ts's chain gives every door mounted behind it.
 */
import type { HttpBindings } from '@hono/node-server';
import type { ResolvedClientAddress } from '../client-address/types.js';
import type { ZoneDecision } from '../domain/zone-decision.js';
import type { FactorSet } from '../factors/proof.js';
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

/** The Node bindings (the socket peer); partial, as `app.request()` in tests has none. */
export interface NodeEnv {
  Bindings: Partial<HttpBindings>;
}

/** Set by `clientAddressMiddleware` (and by the fast read doors before the chain). */
export interface ClientAddressEnv {
  Variables: {
    /** The client address for this request, resolved once. */
    client: ResolvedClientAddress;
  };
}

/** Set by the first middleware, `requestContext` (server/http/request-context.ts). */
export interface RequestLogEnv {
  Variables: {
    requestId?: string;
    /** This request's logger (with its id); read it through `requestLog(c)`. */
    log?: RequestLogger;
  };
}

/** The per-request cache of `zoneDecisionOf` (server/http/zone-decision-of.ts). */
export interface ZoneDecisionEnv {
  Variables: {
    /** Where this request stands (zone, requirement), computed at most once per request. */
    zoneDecision?: ZoneDecision;
  };
}

/** Set by the session middleware (server/login/session-middleware.ts) — or not. */
export interface SessionEnv {
  Variables: {
    /** The signed-in user whose session suffices from this address; absent otherwise. */
    actor?: Actor;
    /** Set when a session exists but its factors are not enough from this address. */
    sessionInsufficient?: boolean;
    /** Set when that is because the session may only enrol a second factor (the campaign). */
    enrolmentRequired?: boolean;
  };
}

/** After `requireActor` or the admin guard: someone is signed in. */
export interface SignedInEnv {
  Variables: {
    actor: Actor;
  };
}

/** What the middleware chain of app.ts gives every door mounted behind it. */
export type DoorEnv = NodeEnv & ClientAddressEnv & RequestLogEnv & ZoneDecisionEnv & SessionEnv;
