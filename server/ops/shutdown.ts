/**
 * Graceful shutdown on SIGTERM or SIGINT: /readyz turns 503 at once, the listeners stop accepting,
 * idle keep-alive connections close, requests in flight get up to `graceMs` to finish (then their
 * connections are closed), the database is closed, and the process exits 0. A second signal exits
 * at once (status 1).
 */
import type { Server } from 'node:http';
import type { Logger } from '../platform/logger.js';
import type { Lifecycle } from './types.js';

export function installShutdown(deps: {
  servers: Server[];
  lifecycle: Lifecycle;
  graceMs: number;
  logger: Logger;
  /** Closes the database and anything else; runs after the servers closed. */
  close: () => void | Promise<void>;
  exit?: (code: number) => void;
}): void {
  const exit = deps.exit ?? ((code: number) => process.exit(code));
  const onSignal = (signal: NodeJS.Signals) => {
    if (deps.lifecycle.shuttingDown) {
      deps.logger.warn({ signal }, 'second signal: exiting now');
      exit(1);
      return;
    }
    deps.lifecycle.shuttingDown = true;
    deps.logger.info({ signal, graceMs: deps.graceMs }, 'shutting down');
    const closed = deps.servers.map(
      (s) =>
        new Promise<void>((resolve) => {
          s.close(() => resolve());
          s.closeIdleConnections();
        }),
    );
    const force = setTimeout(() => {
      deps.logger.warn('requests still running after the grace period: closing their connections');
      for (const s of deps.servers) s.closeAllConnections();
    }, deps.graceMs);
    force.unref();
    void Promise.all(closed)
      .then(async () => {
        clearTimeout(force);
        await deps.close();
        deps.logger.info('stopped');
        exit(0);
      })
      .catch((err: unknown) => {
        deps.logger.error({ err }, 'error while shutting down');
        exit(1);
      });
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
