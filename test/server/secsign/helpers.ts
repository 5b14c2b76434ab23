/**
 * Test helpers for the SecSign tests: start the embedded ID server (or a hand-written stand-in for
 * a broken ID server) for real on 127.0.0.1 with an OS-chosen port, and stop it again.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { ManualClock } from '../../../server/platform/clock.js';
import {
  createEmbeddedIdServer,
  type EmbeddedIdServer,
  type EmbeddedIdServerOptions,
} from '../../../demo/secsign-sim/index.js';

export interface RunningSim {
  sim: EmbeddedIdServer;
  clock: ManualClock;
  /** The simulator's base URL (its httpapi endpoint), e.g. `http://127.0.0.1:1234/secsign-sim` (no trailing slash). */
  url: string;
  close(): Promise<void>;
}

/** Starts the embedded ID server mounted under `basePath` (as the main app will mount it). */
export async function startSim(
  options: Partial<EmbeddedIdServerOptions> = {},
  basePath = '/secsign-sim',
): Promise<RunningSim> {
  const clock = new ManualClock();
  const sim = createEmbeddedIdServer({ clock, ids: ['alice', 'bob'], ...options });
  const app = new Hono();
  app.route(basePath, sim.app);
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () =>
      resolve(s as Server),
    ) as Server;
  });
  const { port } = server.address() as AddressInfo;
  return { sim, clock, url: `http://127.0.0.1:${port}${basePath}`, close: () => stop(server) };
}

/** Starts a plain node HTTP server with `handler`; returns its URL and a stopper. */
export async function startRaw(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => stop(server) };
}

/** A URL on which nothing listens: a port we bound, then released. */
export async function closedPortUrl(): Promise<string> {
  const raw = await startRaw(() => {});
  await raw.close();
  return raw.url;
}

function stop(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** Reads a request body as text. */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}
