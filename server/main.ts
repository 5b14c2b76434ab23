/**
 * Starts the server: reads and checks the environment (a bad value stops start-up with a message
 * naming it), opens and migrates the database (refusing to create a missing one unless started with
 * `--init` or `--demo`), builds the providers and the app, and listens on every HOST with request
 * and header time-outs. `--demo` (the README's run command) also seeds demo data and enables the
 * embedded SecSign ID server with its simulated phone. Logs are JSON lines (server/platform/logger.ts);
 * SIGTERM/SIGINT shut down gracefully (server/ops/shutdown.ts). The demo and the embedded SecSign
 * ID server live in the top-level `demo/` folder and are imported here only when switched on, so a
 * production server never loads them (nor `pngjs`).
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { systemClock, type Clock } from './platform/clock.js';
import { ConfigError } from './platform/errors.js';
import type { ServerSettings } from './config/settings.js';
import { loadServerSettings } from './config/load.js';
import { DatabaseMissingError, localFilePath, openDatabase } from './db/open.js';
import { permissionWarnings } from './db/file-permissions.js';
import { scheduleHousekeeping } from './domain/housekeeping.js';
import { aggregatedAuditFor, scheduleAggregatedAuditFlush } from './domain/aggregated-audit.js';
import { createClientAddressResolver, readClientAddressConfig } from './client-address/index.js';
import { randomBytes } from 'node:crypto';
import type { Database } from './db/database.js';
import { createHttpApiClient } from './secsign/client.js';
import { createRestClient, type RestServer } from './secsign/rest-client.js';
import { createApiChoice } from './secsign/api-choice.js';
import { apiStatusRecorder, restServersFor } from './domain/secsign-account.js';
import { secretBoxFor } from './directories/open-directory.js';
import { oidcStartupMessage, throwAwayDemoSecretKey } from './oidc/startup.js';
import {
  createLogger,
  routeConsoleToLogger,
  setProcessLogger,
  type Logger,
} from './platform/logger.js';
import { createMetrics, timedSecSign, type Metrics } from './ops/metrics.js';
import { createHttpServer } from './http/http-server.js';
import { installShutdown } from './ops/shutdown.js';
import { createFcgiGuard } from './ops/fcgi-guard.js';
import { scheduleRetention } from './ops/retention.js';
import type { Lifecycle } from './ops/types.js';
import { trustedProxyZoneWarnings } from './domain/proxy-warnings.js';
import { nodeRuntimeWarning } from './ops/node-runtime.js';

async function main(argv: string[]): Promise<void> {
  const demo = argv.includes('--demo');
  const init = argv.includes('--init');
  let settings;
  let clientConfig;
  try {
    settings = loadServerSettings(process.env, { demo });
    clientConfig = readClientAddressConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`Configuration error: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(settings.ops.logLevel);
  setProcessLogger(logger);
  routeConsoleToLogger();
  const runtimeWarning = nodeRuntimeWarning(process.version);
  if (runtimeWarning) logger.warn(runtimeWarning);
  // The process's one served set of metrics: the database's faults count in it from the start.
  const meters = createMetrics({ processMetrics: true });
  const db = await openLoudly(logger, meters, {
    url: settings.databaseUrl,
    ...(settings.databaseAuthToken ? { authToken: settings.databaseAuthToken } : {}),
    create: demo || init,
    busyWaitMs: settings.ops.busyWaitMs,
    synchronous: settings.ops.dbSynchronous,
  });
  const clock = systemClock;
  const dbFile = localFilePath(settings.databaseUrl);
  for (const warning of dbFile === null ? [] : permissionWarnings(dbFile)) logger.warn(warning);
  if (demo && !settings.app.secretKey) {
    settings.app.secretKey = await throwAwayDemoSecretKey(db);
    console.warn(
      'Demo: a throw-away IPSAFEZONE_SECRET_KEY for this run (OpenID Connect keys made anew).',
    );
  }
  // The embedded ID server speaks REST v2 too, for a PIN account made up for this run only.
  const simAccount = {
    account: 'ipsafezone-embedded',
    password: randomBytes(24).toString('base64url'),
  };
  const sim = settings.app.embeddedSecSign
    ? (await import('../demo/secsign-sim/index.js')).createEmbeddedIdServer({
        clock,
        sessionTtlMs: settings.embeddedSecSignTtlMs,
        rest: simAccount,
      })
    : null;
  const port = settings.port;
  const loopback =
    settings.hosts.some((h) => h === '::1') && !settings.hosts.includes('127.0.0.1')
      ? '[::1]'
      : '127.0.0.1';
  const servers = sim ? [`http://${loopback}:${port}/secsign-sim`] : settings.app.secsignServers;
  const { choice: secsignApi, decide: decideSecSignApi } = await secsignApiChoice({
    settings,
    servers,
    sim: sim ? simAccount : null,
    db,
    clock,
    logger,
  });
  const lifecycle: Lifecycle = { shuttingDown: false };
  const app = createApp(
    {
      db,
      clock,
      resolveClientAddress: createClientAddressResolver(clientConfig),
      secsign: timedSecSign(secsignApi, meters),
      secsignApi,
      config: {
        ...settings.app,
        secsignServers: servers,
        trustedProxies: clientConfig.trustedProxies,
        clientIpHeader: clientConfig.header,
      },
      embeddedSecSign: sim ?? undefined,
      ops: {
        logger,
        lifecycle,
        meters,
        metrics: { token: settings.ops.metricsToken, allow: settings.ops.metricsAllow },
      },
    },
    { demoRoutes: demo ? (await import('../demo/routes.js')).demoRoutes : undefined },
  );

  const stopHousekeeping = scheduleHousekeeping(db, clock);
  const refusals = aggregatedAuditFor(db, clock);
  const stopAuditFlush = scheduleAggregatedAuditFlush(refusals);

  if (demo) {
    const { seedDemo } = await import('../demo/seed.js');
    await seedDemo({ db, clock, sim, port });
  }
  console.log(await oidcStartupMessage(db, clock, settings.app));
  if (sim) {
    logger.warn(
      'the embedded SecSign ID server and simulated phone are ON (/secsign-sim/phone): anyone ' +
        'who can reach that page can approve logins. Use it for demos and development only.',
    );
  }
  for (const warning of await trustedProxyZoneWarnings(db, clientConfig.trustedProxies)) {
    logger.warn(warning);
  }
  const stopRetention = scheduleRetention({
    db,
    clock,
    retentionDays: settings.ops.auditRetentionDays,
    logger,
  });
  const listening: Server[] = [];
  let listeningHosts = 0;
  for (const hostname of settings.hosts) {
    const server = createHttpServer(app.fetch, { ...settings.ops, hostname, logger });
    server.on('error', (err: Error) => {
      logger.fatal({ detail: err.message }, `Cannot listen on ${hostname}:${port}`);
      process.exit(1);
    });
    server.listen(port, hostname, () => {
      const info = server.address() as AddressInfo;
      const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      logger.info(`ipsafezone listening on http://${host}:${info.port}`);
      if (++listeningHosts === settings.hosts.length) decideSecSignApi();
    });
    listening.push(server);
  }
  const fcgi = settings.fcgiGuard
    ? createFcgiGuard({
        fetch: app.fetch,
        publicUrl: settings.app.publicUrl,
        onError: (err) => logger.error({ detail: err.message }, 'FastCGI guard request failed'),
      })
    : null;
  if (fcgi && settings.fcgiGuard) {
    const { host, port: fcgiPort } = settings.fcgiGuard;
    fcgi.on('error', (err: Error) => {
      logger.fatal({ detail: err.message }, `Cannot listen on ${host}:${fcgiPort} (FastCGI guard)`);
      process.exit(1);
    });
    fcgi.listen(fcgiPort, host, () => {
      logger.info(`ipsafezone FastCGI guard on ${host}:${fcgiPort}`);
    });
  }
  installShutdown({
    servers: listening,
    lifecycle,
    graceMs: settings.ops.shutdownGraceMs,
    logger,
    close: async () => {
      fcgi?.close();
      stopHousekeeping();
      stopRetention();
      stopAuditFlush();
      await app.close();
      await refusals.flush({ all: true }).catch((err: unknown) => {
        logger.error({ err }, 'audit counts not written at shutdown');
      });
      db.close();
    },
  });
}

/**
 * The SecSign ID client: the form protocol and, where a PIN account is stored for the configured
 * servers (or the embedded server's own account), REST v2, chosen by SECSIGN_API
 * (server/secsign/api-choice.ts). `decide` asks ServerInfo once the server listens, without
 * holding up start-up: a sign-in meanwhile waits for the answer. The decision is logged and
 * written down for the CLI.
 */
async function secsignApiChoice(deps: {
  settings: ServerSettings;
  servers: string[];
  sim: Omit<RestServer, 'url'> | null;
  db: Database;
  clock: Clock;
  logger: Logger;
}) {
  const { settings, servers, sim, db, clock, logger } = deps;
  const timeoutMs = settings.secsignTimeoutMs;
  let rest: RestServer[] = [];
  let problem: string | null = null;
  if (sim) rest = servers.map((url) => ({ url, ...sim }));
  else {
    const found = await restServersFor(db, secretBoxFor(settings.app), servers);
    rest = found.servers;
    problem = found.problem;
    for (const a of found.unused) {
      logger.warn(
        `a SecSign ID PIN account is stored for ${a.server}, which is not in SECSIGN_SERVER: not used`,
      );
    }
  }
  const recordStatus = apiStatusRecorder(db, clock);
  const choice = createApiChoice({
    mode: settings.secsignApi,
    form: createHttpApiClient({ servers, timeoutMs }),
    rest: rest.length > 0 ? createRestClient({ servers: rest, timeoutMs }) : null,
    ...(problem ? { noRestReason: problem } : {}),
    clock,
    onStatus: (s) => void recordStatus(s),
  });
  return {
    choice,
    /** Asks now (once listening: the embedded ID server is this very process) and logs why. */
    decide: () =>
      void choice.decide().then((s) => {
        const line = `SecSign ID API: ${s.api} (${s.reason})`;
        if (s.usable) logger.info({ api: s.api, mode: s.mode, version: s.version }, line);
        else logger.error({ api: s.api, mode: s.mode }, line);
      }),
  };
}

/** Opens the database; a missing file or a replaced one is logged loudly (and counted). */
async function openLoudly(
  logger: Logger,
  meters: Metrics,
  options: Parameters<typeof openDatabase>[0],
) {
  try {
    return await openDatabase({
      ...options,
      onFault: (code) => meters.dbErrors.inc({ code }),
      onFileProblem: (problem) =>
        logger.fatal(
          { problem },
          `THE DATABASE FILE WAS ${problem.toUpperCase()} while the server was running: every ` +
            'write is refused (503) and /readyz fails until the file is restored and the server restarted.',
        ),
    });
  } catch (err) {
    if (err instanceof DatabaseMissingError) {
      logger.fatal(err.message);
      process.exit(2);
    }
    throw err;
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
