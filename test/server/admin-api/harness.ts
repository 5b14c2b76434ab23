/**
 * Builds the real app (createApp) over a migrated libSQL database with the bootstrap token as the
 * admin guard, and a small client for JSON requests. The SecSign ID client points at a closed port:
 * the admin API never calls it.
 */
import type { Client } from '@libsql/client';
import { createApp } from '../../../server/app.js';
import { ManualClock } from '../../../server/clock.js';
import { defaultConfig, type AppConfig } from '../../../server/config.js';
import { openDatabase } from '../../../server/db/open.js';
import { createHttpApiClient } from '../../../server/secsign/client.js';

export const TOKEN = 'test-bootstrap-token-0123456789';

export interface Harness {
  db: Client;
  clock: ManualClock;
  /** Sends a request as the bootstrap administrator (or with `auth` as the Authorization header). */
  call(
    method: string,
    path: string,
    body?: unknown,
    auth?: string | null,
  ): Promise<{ status: number; json: any }>;
}

export async function harness(url = ':memory:', config: Partial<AppConfig> = {}): Promise<Harness> {
  const db = await openDatabase({ url });
  const clock = new ManualClock();
  const app = createApp({
    db,
    clock,
    resolveClientAddress: () => ({ ip: '10.9.8.7', source: 'socket', reason: 'test peer' }),
    secsign: createHttpApiClient({ servers: ['http://127.0.0.1:9'] }),
    config: defaultConfig({ adminBootstrapToken: TOKEN, ...config }),
  });
  return {
    db,
    clock,
    async call(method, path, body, auth = `Bearer ${TOKEN}`) {
      const headers: Record<string, string> = {};
      if (auth !== null) headers['authorization'] = auth;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await app.request(`/api/admin${path}`, {
        method,
        headers,
        body:
          body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      let json: unknown = null;
      try {
        json = JSON.parse(text);
      } catch {
        json = text;
      }
      return { status: res.status, json };
    },
  };
}
