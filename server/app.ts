/**
 * The application factory. Everything the app needs from the outside world arrives as a provider —
 * the libSQL database, the clock, the client-address resolver, the SecSign ID client and the
 * configuration — so tests build the very same app on a real database, with a clock they move and
 * an embedded SecSign ID server reached over real HTTP.
 */
import { Hono } from 'hono';
import type { AppProviders } from './providers.js';
import type { DoorEnv } from './http/context.js';
import { clientAddressMiddleware } from './http/client-address-middleware.js';
import { handleError, notFound } from './http/errors.js';
import { hostGuard, requestGuard } from './http/request-guard.js';
import { securityHeaders } from './http/security-headers.js';
import { jsonBodyFromNode, limitRequestBody } from './http/request-body.js';
import { createZoneMatcherSource } from './domain/zone-matcher-source.js';
import { createSettingsSource } from './domain/settings-source.js';
import { sessionDepsOf, sessionMiddleware } from './login/session-middleware.js';
import { LOGIN_API_PATH, loginRoutes } from './login/routes.js';
import { forwardAuthRoutes } from './login/forward-auth-routes.js';
import { ZONE_PATH, zoneFastPath } from './login/zone-fast-path.js';
import { VERIFY_PATH, forwardAuthFastPath } from './login/forward-auth-fast-path.js';
import { createGrantAudits } from './domain/grant-audits.js';
import { createGuardAudits } from './domain/guard-audits.js';
import { guardRoutes } from './login/guard-routes.js';
import { guardRelayRoutes } from './login/guard-relay.js';
import { createSessionService, type SessionService } from './domain/session-service.js';
import type { DoorDeps, DoorFactory } from './http/door-deps.js';
import { ADMIN_API_PATH, adminApi } from './admin-api/index.js';
import { PROFILE_API_PATH, profileApi } from './profile-api/index.js';
import { widgetRoutes } from './http/widget-route.js';
import { pageRoutes } from './pages/index.js';
import { oidcRoutes } from './oidc/routes.js';
import { OIDC_ADMIN_API_PATH, oidcAdminRoutes } from './oidc/admin-routes.js';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { silentLogger } from './platform/logger.js';
import { countAudits, createMetrics, type Metrics } from './ops/metrics.js';
import { requestContext } from './http/request-context.js';
import { healthRoutes } from './ops-api/health-routes.js';
import { metricsRoutes } from './ops-api/metrics-route.js';

/** Where `vite build` puts the widget and page bundles. */
export const DIST_DIR = findDist();

/**
 * `dist/` beside the package: one level up from `server/app.ts` when run from source, two from the
 * compiled `build/server/app.js`.
 */
function findDist(): string {
  const candidates = ['../dist/', '../../dist/'].map((p) =>
    fileURLToPath(new URL(p, import.meta.url)),
  );
  return candidates.find((dir) => existsSync(dir)) ?? candidates[0]!;
}

/** Largest request body any route accepts. */
export const MAX_BODY_BYTES = 64 * 1024;

export type { AppProviders } from './providers.js';

export interface AppOptions {
  /**
   * Whether the read doors have their fast paths ahead of the middleware chain (`GET /api/zone`:
   * login/zone-fast-path.ts; forward-auth's grants: login/forward-auth-fast-path.ts; default true). Off only to
   * compare the fast paths' answers with the chain's.
   */
  fastPaths?: boolean;
  /** The demo pages (`demo/routes.ts`), mounted at / when given; main.ts loads them only with `--demo`. */
  demoRoutes?: DoorFactory;
}

/**
 * The app: a Hono app with what it owns beside it — its session service (tests wait for its
 * background writes with `sessions.settle()`), and `close()`, which ends those before the
 * database is closed.
 */
export type App = Hono<DoorEnv> & {
  readonly sessions: SessionService;
  /** The app's metrics (counted from its own audit entries only). */
  readonly metrics: Metrics;
  close(): Promise<void>;
};

export function createApp(providers: AppProviders, options: AppOptions = {}): App {
  const { db, clock, config } = providers;
  const lifetimes = { idleMs: config.sessionIdleMs, maxMs: config.sessionMaxMs };
  // The app's own metrics, counting what is audited through its database handle.
  const metrics = providers.ops?.meters ?? createMetrics();
  const stopCounting = countAudits(metrics, db);
  // Built once; every door receives it (server/http/door-deps.ts).
  const doors: DoorDeps = {
    ...providers,
    zoneDecision: {
      db,
      zones: createZoneMatcherSource(db, clock),
      settings: createSettingsSource(db),
    },
    lifetimes,
    // One session service (look-up, its one-second cache, last_seen_at) for every door.
    sessions: createSessionService({ db, clock, lifetimes }),
    grantAudits: createGrantAudits(clock),
    guardAudits: createGuardAudits(clock),
    distDir: DIST_DIR,
    metrics,
  };
  const sessionDeps = sessionDepsOf(doors);
  const sessions = sessionMiddleware(sessionDeps);
  const app = new Hono<DoorEnv>();
  app.onError(handleError);
  app.notFound(notFound);
  // Operations (server/ops/): request id, logs and latency first; health and metrics doors.
  const logger = providers.ops?.logger ?? silentLogger;
  if (options.fastPaths !== false) {
    // Before the chain: a plain zone question and a grant of forward-auth are answered here,
    // anything else goes on (next()) to the chain.
    app.get(
      VERIFY_PATH,
      forwardAuthFastPath({
        sessions: sessionDeps,
        resolveClientAddress: providers.resolveClientAddress,
        grants: doors.grantAudits,
        logger,
        metrics,
      }),
    );
    app.get(
      ZONE_PATH,
      zoneFastPath({
        config,
        resolveClientAddress: providers.resolveClientAddress,
        zoneDecision: doors.zoneDecision,
        logger,
        metrics,
      }),
    );
  }
  app.use('*', ...requestContext(logger, metrics));
  app.use('*', securityHeaders());
  app.use('*', hostGuard(config));
  app.use('*', limitRequestBody(MAX_BODY_BYTES));
  app.use('*', clientAddressMiddleware(providers.resolveClientAddress));
  // The OAuth 2.0 token relay takes a form body from the product's clients: ahead of the API's
  // JSON-only and cross-site checks and its sessions, none of which apply to it (guard-relay.ts).
  app.route('/api', guardRelayRoutes(doors));
  app.use('/api/*', requestGuard(config));
  app.use('/api/*', jsonBodyFromNode(MAX_BODY_BYTES));
  app.use('/api/*', sessions);

  app.route('/', healthRoutes(doors));
  app.route('/', metricsRoutes(doors));
  app.route(LOGIN_API_PATH, loginRoutes(doors));
  app.route('/api', forwardAuthRoutes(doors));
  app.route('/api', guardRoutes(doors));
  app.route(OIDC_ADMIN_API_PATH, oidcAdminRoutes(doors));
  app.route(ADMIN_API_PATH, adminApi(doors));
  app.route(PROFILE_API_PATH, profileApi(doors));
  app.route('/', oidcRoutes(doors));
  app.route('/', widgetRoutes(doors));
  app.use('/admin', sessions);
  app.use('/admin/*', sessions);
  app.use('/profile', sessions);
  app.route('/', pageRoutes(doors));
  if (options.demoRoutes) app.route('/', options.demoRoutes(doors));
  if (providers.embeddedSecSign) app.route('/secsign-sim', providers.embeddedSecSign.app);

  return Object.assign(app, {
    sessions: doors.sessions,
    metrics,
    close: () => {
      stopCounting();
      return doors.sessions.close();
    },
  });
}
