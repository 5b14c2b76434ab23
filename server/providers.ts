/**
 * What the application factory receives from the outside world. Kept apart from `app.ts` so that
 * route factories can name their providers without importing the factory that imports them (no
 * import circles).
 */
import type { Hono } from 'hono';
import type { Database } from './db/database.js';
import type { Clock } from './platform/clock.js';
import type { ClientAddressResolver } from './client-address/types.js';
import type { SecSignClient } from './secsign/types.js';
import type { SecSignApiChoice } from './secsign/api-choice.js';
import type { AppConfig } from './config/settings.js';
import type { OpsProviders } from './ops/types.js';

export interface AppProviders {
  /** A migrated libSQL client (see `openDatabase`). */
  db: Database;
  clock: Clock;
  resolveClientAddress: ClientAddressResolver;
  secsign: SecSignClient;
  /**
   * Which SecSign ID API is in use and why, and "does this ID exist?" (main.ts: the same choice
   * `secsign` is built on). Without it: /readyz says nothing about SecSign, and an assigned ID is
   * not checked at the ID server.
   */
  secsignApi?: Pick<SecSignApiChoice, 'status' | 'secSignIdExists'>;
  config: AppConfig;
  /** The embedded SecSign ID server (demo/development/tests), mounted at /secsign-sim when given. */
  embeddedSecSign?: { app: Hono };
  /** Logs, lifecycle and metrics access (main.ts); without it: silent, no /metrics. */
  ops?: OpsProviders;
}
