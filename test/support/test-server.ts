/**
 * Starts the real app for integration, browser and end-to-end tests: a real HTTP server on
 * loopback, a real libSQL database in a temporary file, and the embedded SecSign ID server mounted
 * at /secsign-sim and reached by the app's SecSign client over real HTTP — the same wiring as
 * `npm start`, with a clock the test can move. Tests simulate clients at other addresses by
 * trusting loopback as a proxy and sending `X-Forwarded-For` (what nginx does in production).
 */
import { serve, type ServerType } from '@hono/node-server';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Database } from '../../server/db/database.js';
import { createApp, type App, type AppOptions, type AppProviders } from '../../server/app.js';
import { ManualClock } from '../../server/platform/clock.js';
import { defaultConfig, type AppConfig } from '../../server/config/settings.js';
import { openTestDatabase } from './test-database.js';
import { createClientAddressResolver } from '../../server/client-address/index.js';
import { createHttpApiClient } from '../../server/secsign/client.js';
import { createRestClient } from '../../server/secsign/rest-client.js';
import type { SecSignApiMode } from '../../server/config/settings.js';
import { createApiChoice } from '../../server/secsign/api-choice.js';
import { createEmbeddedIdServer } from '../../demo/secsign-sim/index.js';
import type { OpsProviders } from '../../server/ops/types.js';

export interface TestServer {
  /** Where the test reaches the server (plain http on loopback). */
  origin: string;
  /** The public URL's origin: `origin`, or its https twin with `publicHttps`. */
  publicOrigin: string;
  port: number;
  db: Database;
  /** The database file (for tests that lock, delete or replace it). */
  dbPath: string;
  clock: ManualClock;
  sim: ReturnType<typeof createEmbeddedIdServer>;
  app: App;
  /** What the app was built from (a test may build a second app on the same database). */
  providers: AppProviders;
  /** The app's configuration object: tests may switch per-request settings (e.g. the access pass). */
  config: AppConfig;
  close(): Promise<void>;
}

export interface TestServerOptions {
  /** Addresses trusted as proxies; default loopback, so tests can send X-Forwarded-For. */
  trustedProxies?: string[];
  config?: Partial<AppConfig>;
  hostname?: string;
  /** Use the system clock instead of a ManualClock (browser tests that really wait). */
  realTime?: boolean;
  /** Logs, lifecycle and metrics access (server/ops/). */
  ops?: OpsProviders;
  /** The app factory's options (e.g. the zone door's fast path off). */
  app?: AppOptions;
  /**
   * As behind a TLS-terminating proxy: the public URL (and so the OIDC issuer) is
   * `https://<host>:<port>` while the test still talks plain http to that host and port — the
   * session cookie is then Secure and named `__Host-ipsafezone_session`.
   */
  publicHttps?: boolean;
  /**
   * SECSIGN_API as main.ts wires it: the form and REST v2 clients behind the API choice, the
   * embedded server's PIN account for REST, decided before the server is handed out. Without it:
   * the form client alone, as before.
   */
  secsignApi?: SecSignApiMode;
  /** With `secsignApi`: the embedded ID server answers ServerInfo (false: an older server). */
  simSpeaksRest?: boolean;
}

/** The embedded ID server's PIN account in tests (made up; no account of SecSign's). */
export const TEST_PIN_ACCOUNT = { account: 'ipsafezone-test', password: 'test-only pin password' };

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'ipsafezone-test-'));
  const dbPath = join(dir, 'test.db');
  // libSQL: a file (some tests lock, delete or replace it); PostgreSQL on the run's second pass.
  const db = await openTestDatabase(`file:${dbPath}`);
  const clock = new ManualClock(Date.now());
  if (options.realTime) {
    clock.now = () => Date.now();
  }
  const sim = createEmbeddedIdServer({
    clock,
    ...(options.simSpeaksRest === false ? {} : { rest: TEST_PIN_ACCOUNT }),
  });
  const hostname = options.hostname ?? '127.0.0.1';
  const holder: { app?: App } = {};
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: (req, env) => holder.app!.fetch(req, env), port: 0, hostname }, () =>
      resolve(s),
    );
  });
  const port = (server.address() as AddressInfo).port;
  const host = hostname.includes(':') ? `[${hostname}]` : hostname;
  const origin = `http://${host}:${port}`;
  const publicOrigin = options.publicHttps ? `https://${host}:${port}` : origin;
  const servers = [`${origin}/secsign-sim`];
  const trustedProxies = options.trustedProxies ?? ['127.0.0.1', '::1'];
  const config = defaultConfig({
    serviceName: 'ipsafezone test',
    serviceAddress: origin,
    secsignServers: servers,
    loginUrl: `${publicOrigin}/login`,
    publicUrl: publicOrigin,
    trustedProxies,
    embeddedSecSign: true,
    ...options.config,
  });
  const secsignApi = options.secsignApi
    ? createApiChoice({
        mode: options.secsignApi,
        form: createHttpApiClient({ servers: config.secsignServers, timeoutMs: 5_000 }),
        rest: createRestClient({
          servers: config.secsignServers.map((url) => ({ url, ...TEST_PIN_ACCOUNT })),
          timeoutMs: 5_000,
        }),
        clock,
      })
    : null;
  const providers: AppProviders = {
    db,
    clock,
    resolveClientAddress: createClientAddressResolver({
      trustedProxies,
      header: 'x-forwarded-for',
    }),
    secsign: createHttpApiClient({ servers: config.secsignServers, timeoutMs: 5_000 }),
    config,
    ...(secsignApi ? { secsign: secsignApi, secsignApi } : {}),
    embeddedSecSign: sim,
    ...(options.ops ? { ops: options.ops } : {}),
  };
  const app = (holder.app = createApp(providers, options.app));
  await secsignApi?.decide();
  return {
    origin,
    publicOrigin,
    port,
    db,
    dbPath,
    clock,
    sim,
    app,
    providers,
    config,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
