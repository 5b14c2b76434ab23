/**
 * The application factory. Everything the app needs from the outside world arrives as a provider —
 * the libSQL database, the clock, the client-address resolver, the SecSign ID client and the
 * configuration — so tests build the very same app on a real in-memory database, with a clock they
 * move and an embedded SecSign ID server reached over real HTTP.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Client } from '@libsql/client';
import type { Clock } from './clock.js';
import type { ClientAddressResolver } from './client-address/types.js';
import type { SecSignClient } from './secsign/types.js';
import type { AppConfig } from './config.js';
import type { AppEnv } from './http/context.js';
import { clientAddressMiddleware } from './http/client-address-middleware.js';
import { errorBody, handleError, notFound } from './http/errors.js';

export interface AppProviders {
  /** A migrated libSQL client (see `openDatabase`). */
  db: Client;
  clock: Clock;
  resolveClientAddress: ClientAddressResolver;
  secsign: SecSignClient;
  config: AppConfig;
}

/** Largest request body any route accepts. */
export const MAX_BODY_BYTES = 64 * 1024;

export function createApp(providers: AppProviders): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.onError(handleError);
  app.notFound(notFound);
  app.use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => c.json(errorBody('body_too_large', 'The request body is too large.'), 413),
    }),
  );
  app.use('*', clientAddressMiddleware(providers.resolveClientAddress));

  app.get('/api/health', (c) => c.json({ ok: true }));

  return app;
}
