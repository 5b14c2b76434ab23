/**
 * What the operations layer (logs, metrics, health, shutdown) receives from main.ts. Optional in
 * the app's providers: tests and tools that build the app without it get a silent logger and no
 * /metrics.
 */
import type { Logger } from '../platform/logger.js';
import type { Metrics } from './metrics.js';

export interface Lifecycle {
  /** Set when SIGTERM/SIGINT arrived: /readyz answers 503 so that load balancers stop sending. */
  shuttingDown: boolean;
}

export interface MetricsAccess {
  /** Bearer token that may read /metrics (empty: none). */
  token: string;
  /** Client addresses and ranges that may read /metrics without a token. */
  allow: string[];
}

export interface OpsProviders {
  logger: Logger;
  lifecycle: Lifecycle;
  /**
   * The metrics the app counts in and /metrics serves (main.ts makes them before the database,
   * whose faults they count). Without: the app makes a set of its own.
   */
  meters?: Metrics;
  /** /metrics is mounted when given (and at least a token or an address is configured). */
  metrics?: MetricsAccess;
}
