/**
 * The embedded SecSign ID server, for demo, development and tests only (main.ts loads it only when
 * `--demo` or `IPSAFEZONE_EMBEDDED_SECSIGN` is on): an ID server speaking
 * SecSign's httpapi protocol over real HTTP (`POST /`), when given a PIN account also REST v2
 * (`/rest/v2/…`, rest-routes.ts; without one it answers those paths 404, as an ID server older
 * than 10.7.5 does), and a simulated phone app (`GET /phone`).
 * The main app mounts it only when explicitly enabled, e.g. `app.route('/secsign-sim', sim.app)`;
 * all its links are relative, so any base path works. Anybody who reaches the phone page can
 * approve logins: never enable it in production.
 * Written from SecSign's published SDKs and plugins (SecSignIDApi.php 1.47, SecSignIDApi.js 1.39,
 * the Jira, Nextcloud and Keycloak plugins), not from our client; where they say nothing, each
 * route file says what it chose. docs/stand-ins.md lists every behaviour with its source.
 */
import { Hono } from 'hono';
import type { Clock } from '../../server/platform/clock.js';
import type { AuthSessionState } from '../../server/secsign/types.js';
import { IdServerState, type SimSession } from './id-server-state.js';
import { phoneRoutes } from './phone-routes.js';
import { protocolRoutes } from './protocol-routes.js';
import { restRoutes, type RestSimOptions } from './rest-routes.js';

export type { SimSession } from './id-server-state.js';
export type { RestSimOptions } from './rest-routes.js';

export interface EmbeddedIdServerOptions {
  clock: Clock;
  /** How long a request stays open before it is EXPIRED. Default 120000 ms. */
  sessionTtlMs?: number;
  /** SecSign IDs that exist from the start (more with `registerId`). */
  ids?: Iterable<string>;
  /** Wrong symbols shown beside the right one on the phone. Default 3 (at most 9). */
  decoys?: number;
  /** Speak REST v2 too, for this PIN account; without it the REST paths are 404 (an older server). */
  rest?: RestSimOptions;
}

export interface EmbeddedIdServer {
  /** The Hono sub-app: `POST /` (httpapi), `GET /phone` and `/phone/…` (the phone). */
  app: Hono;
  /** Makes a SecSign ID known (trimmed, lower-cased). */
  registerId(id: string): void;
  /** Freezes an ID, as after too many concurrent requests (errorcode 20006), until `unfreeze`. */
  freeze(id: string): void;
  /** Reactivates a frozen ID, as its owner does by tapping it in the app (the phone page can too). */
  unfreeze(id: string): void;
  /** Sets a session's state by hand; throws a RangeError for an unknown session. */
  setState(authSessionId: string, state: AuthSessionState): void;
  /** Copies of all sessions the server holds, oldest first. */
  sessions(): ReadonlyArray<Readonly<SimSession>>;
  /** Forgets all sessions, request counts and freezes; known IDs stay (test set-up). */
  reset(): void;
}

/** Builds an embedded ID server with its own memory; see the module comment. */
export function createEmbeddedIdServer(options: EmbeddedIdServerOptions): EmbeddedIdServer {
  const state = new IdServerState(options);
  const app = new Hono();
  app.route('/', protocolRoutes(state));
  if (options.rest) app.route('/', restRoutes(state, options.rest));
  app.route('/', phoneRoutes(state));
  app.notFound((c) => c.text('Not found.', 404));
  app.onError((err, c) => {
    console.error('Embedded SecSign ID server:', err);
    return c.text('error=500&errormsg=Internal error.&errorcode=10000', 500);
  });
  return {
    app,
    registerId: (id) => state.registerId(id),
    freeze: (id) => state.freeze(id),
    unfreeze: (id) => void state.unfreeze(id),
    setState: (authSessionId, s) => state.setState(authSessionId, s),
    sessions: () => state.snapshot(),
    reset: () => state.reset(),
  };
}
