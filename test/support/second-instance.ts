/**
 * A second ipsafezone instance on a test server's database, as behind a load balancer (issue 26):
 * the same configuration, clock and SecSign wiring, its own database handle (its own connections,
 * caches and in-memory state), served on its own loopback port. `TestClient.at(origin)` sends one
 * browser's requests to it. Used by the cross-instance race tests; on libSQL both share the test
 * server's file, on the PostgreSQL pass its database.
 */
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/app.js';
import type { Database } from '../../server/db/database.js';
import { openDatabase } from '../../server/db/open.js';
import { testDatabaseUrl } from './test-database.js';
import type { TestServer } from './test-server.js';

export interface SecondInstance {
  origin: string;
  db: Database;
  close(): Promise<void>;
}

function reqInit(req: Request): RequestInit {
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return { method: req.method, headers: req.headers, ...(hasBody ? { body: req.body } : {}) };
}

export async function startSecondInstance(first: TestServer): Promise<SecondInstance> {
  const db = await openDatabase({ url: await testDatabaseUrl(first.db) });
  const app = createApp({ ...first.providers, db });
  // A load balancer passes the public Host on; this port stands in for the second backend, so
  // the request's host is put back to the first server's before the app sees it.
  const host = new URL(first.origin).host;
  const fetch = (req: Request, env: Parameters<typeof app.fetch>[1]) => {
    const url = new URL(req.url);
    url.host = host;
    return app.fetch(new Request(url, { ...reqInit(req), duplex: 'half' } as RequestInit), env);
  };
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    db,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      db.close();
    },
  };
}
