/**
 * A factor's own login routes, declared without Hono (issue 25, part 1), so they sit in the
 * factor's folder (`server/factors/<name>/routes.ts`, on the services floor beside its module)
 * and the module lists them (`FactorModule.routes`); the login routes mount every module's under
 * `/api` (`server/login/factor-routes.ts`): the body checked by `body` (400 `invalid_input`
 * otherwise), answered by `handle` from where the request stands. An answer with a
 * `sessionToken` gets the session cookie, and the token is never sent. Types only.
 */
import type { z, ZodType } from 'zod';
import type { LoginDeps } from '../domain/login/steps/step-deps.js';
import type { ZoneDecision } from '../domain/zone-decision.js';

/** What a route's handler knows of its request. */
export interface FactorRouteRequest {
  zoneDecision: ZoneDecision;
  userAgent: string | null;
}

/** One POST route under `/api`. */
export interface FactorRoute<Body = unknown, Answer extends object = object> {
  readonly path: `/login/${string}`;
  readonly body: ZodType<Body>;
  handle(request: FactorRouteRequest, body: Body): Promise<Answer & { sessionToken?: string }>;
}

/** What the routes are built with, once per app: the login steps' deps, the server's own origins. */
export interface FactorRouteSetup {
  deps: LoginDeps;
  /** The origins that are this server (`IPSAFEZONE_PUBLIC_URL`'s): WebAuthn's expected origins. */
  origins: readonly string[];
}

export type FactorRoutes = (setup: FactorRouteSetup) => readonly FactorRoute[];

/** A route's JSON body as a client sends it, and its answer as the client gets it (no token). */
export type RouteBodyOf<R extends FactorRoute> = z.input<R['body']>;
export type RouteAnswerOf<R extends FactorRoute> = Omit<
  Awaited<ReturnType<R['handle']>>,
  'sessionToken'
>;
