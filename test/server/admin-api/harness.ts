/**
 * Builds the real app (createApp) over a migrated libSQL database with the bootstrap token as the
 * admin guard, and a small client for JSON requests. The SecSign ID client points at a closed port:
 * the admin API never calls it.
 */
import '../../support/fast-password-hashing.js';
import type { Database } from '../../../server/db/database.js';
import { createApp } from '../../../server/app.js';
import { ManualClock } from '../../../server/platform/clock.js';
import { defaultConfig, type AppConfig } from '../../../server/config/settings.js';
import { openDatabase } from '../../../server/db/open.js';
import { createHttpApiClient } from '../../../server/secsign/client.js';
import { createSession } from '../../../server/store/sessions.js';
import { factorSet } from '../../../server/factors/proof.js';
import { SESSION_COOKIE } from '../../../server/login/cookies.js';

export const TOKEN = 'test-bootstrap-token-0123456789-abcdef';

export interface Harness {
  db: Database;
  clock: ManualClock;
  /**
   * Signs the user in (a real session row with password and SecSign ID proven): later calls carry
   * its cookie. Needed once an administrator with a SecSign ID exists — the bootstrap token is then
   * refused.
   */
  signIn(userId: number): Promise<void>;
  /**
   * Sends a request as the bootstrap administrator (or with `auth` as the Authorization header),
   * with the session cookie once `signIn` was called.
   */
  call(
    method: string,
    path: string,
    body?: unknown,
    auth?: string | null,
  ): Promise<{ status: number; json: any }>;
}

export async function harness(
  url = ':memory:',
  overrides: Partial<AppConfig> = {},
): Promise<Harness> {
  const db = await openDatabase({ url });
  const clock = new ManualClock();
  const config = defaultConfig({ adminBootstrapToken: TOKEN, ...overrides });
  const app = createApp({
    db,
    clock,
    resolveClientAddress: () => ({ ip: '10.9.8.7', source: 'socket', reason: 'test peer' }),
    secsign: createHttpApiClient({ servers: ['http://127.0.0.1:9'] }),
    config,
  });
  let cookie: string | null = null;
  return {
    db,
    clock,
    async signIn(userId) {
      const { token } = await createSession(
        db,
        clock,
        { idleMs: config.sessionIdleMs, maxMs: config.sessionMaxMs },
        { userId, factors: factorSet('password', 'secsign'), clientIp: '10.9.8.7', zone: null },
      );
      cookie = `${SESSION_COOKIE}=${token}`;
    },
    async call(method, path, body, auth = `Bearer ${TOKEN}`) {
      const headers: Record<string, string> = {};
      if (auth !== null) headers['authorization'] = auth;
      if (cookie !== null) headers['cookie'] = cookie;
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
