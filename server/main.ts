/**
 * Starts the server: reads and checks the environment (a bad value stops start-up with a message
 * naming it), opens and migrates the database, builds the providers and the app, and listens on
 * every HOST. `--demo` (the README's run command) also seeds demo data and enables the embedded
 * SecSign ID server with its simulated phone.
 */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { systemClock } from './clock.js';
import { ConfigError, loadServerSettings } from './config.js';
import { openDatabase } from './db/open.js';
import { scheduleHousekeeping } from './domain/housekeeping.js';
import { createClientAddressResolver, readClientAddressConfig } from './client-address/index.js';
import { createHttpApiClient } from './secsign/client.js';
import { createEmbeddedIdServer } from './secsign/embedded/index.js';

async function main(argv: string[]): Promise<void> {
  const demo = argv.includes('--demo');
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
  const db = await openDatabase({
    url: settings.databaseUrl,
    authToken: settings.databaseAuthToken,
  });
  const clock = systemClock;
  const sim = settings.app.embeddedSecSign
    ? createEmbeddedIdServer({ clock, sessionTtlMs: settings.embeddedSecSignTtlMs })
    : null;
  const port = settings.port;
  const loopback =
    settings.hosts.some((h) => h === '::1') && !settings.hosts.includes('127.0.0.1')
      ? '[::1]'
      : '127.0.0.1';
  const servers = sim ? [`http://${loopback}:${port}/secsign-sim`] : settings.app.secsignServers;
  const app = createApp({
    db,
    clock,
    resolveClientAddress: createClientAddressResolver(clientConfig),
    secsign: createHttpApiClient({ servers, timeoutMs: settings.secsignTimeoutMs }),
    config: { ...settings.app, secsignServers: servers },
    embeddedSecSign: sim ?? undefined,
  });

  scheduleHousekeeping(db, clock);

  if (demo) {
    const { seedDemo } = await import('./demo/seed.js');
    await seedDemo({ db, clock, sim, port });
  }
  if (sim) {
    console.warn(
      '\n*** WARNING: the embedded SecSign ID server and simulated phone are ON (/secsign-sim/phone).\n' +
        '*** Anyone who can reach that page can approve logins. Use it for demos and development only.\n',
    );
  }
  for (const hostname of settings.hosts) {
    const server = serve({ fetch: app.fetch, port, hostname }, (info: AddressInfo) => {
      const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      console.log(`ipsafezone listening on http://${host}:${info.port}`);
    });
    server.on('error', (err: Error) => {
      console.error(`Cannot listen on ${hostname}:${port}: ${err.message}`);
      process.exit(1);
    });
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
