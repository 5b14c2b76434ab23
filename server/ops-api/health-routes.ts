/**
 * `GET /healthz`: the process is alive (touches nothing else, so a locked or lost database does
 * not get a healthy process restarted). `GET /readyz`: this instance can serve — the database
 * answers, it is still the file that was opened, its migrations are current, the zones are
 * compiled, and no shutdown is under way. 503 naming each failing check otherwise, so a load
 * balancer stops sending and an operator reads why. Both answers of /readyz also say which SecSign
 * ID API is in use and why (`secsign`); its check fails only when that API cannot be spoken at all
 * (SECSIGN_API=rest without a PIN account) — an ID server that is down is not this instance's
 * fault, and the sign-in says so itself.
 */
import { Hono } from 'hono';
import type { DoorEnv } from '../http/context.js';
import { RETRY_AFTER_SECONDS } from '../http/errors.js';
import { guardOf } from '../db/guarded-client.js';
import { loadMigrations, schemaVersion } from '../db/migrate.js';
import type { DoorDeps } from '../http/door-deps.js';
import { requestLog } from '../http/request-log.js';

type Check = () => Promise<string | null> | string | null;

export function healthRoutes(doors: DoorDeps): Hono<DoorEnv> {
  const deps = {
    db: doors.db,
    zones: doors.zoneDecision.zones,
    lifecycle: doors.ops?.lifecycle,
    secsign: doors.secsignApi,
  };
  let known: Promise<number> | null = null;
  const knownVersion = () =>
    (known ??= loadMigrations().then((ms) => ms.reduce((m, x) => Math.max(m, x.version), 0)));

  const checks: Record<string, Check> = {
    shutdown: () => (deps.lifecycle?.shuttingDown ? 'the server is shutting down' : null),
    database_file: () => {
      const problem = guardOf(deps.db)?.fileProblem() ?? null;
      return problem ? `the database file was ${problem} while the server was running` : null;
    },
    database: async () => {
      await deps.db.execute('SELECT 1');
      return null;
    },
    migrations: async () => {
      const [have, want] = await Promise.all([schemaVersion(deps.db), knownVersion()]);
      return have === want ? null : `schema version ${have}, this build needs ${want}`;
    },
    zones: async () =>
      (await deps.zones.get()).failed ? 'the zones could not be loaded or compiled' : null,
  };
  const secsign = deps.secsign;
  if (secsign) {
    checks['secsign_api'] = () => {
      const s = secsign.status();
      return s.usable ? null : s.reason;
    };
  }
  /** Which SecSign ID API is in use and why, for the body of both answers. */
  const secsignInfo = () => {
    if (!secsign) return {};
    const { mode, api, reason, version, lastSuccessAt } = secsign.status();
    const lastSuccess = lastSuccessAt === null ? null : new Date(lastSuccessAt).toISOString();
    return { secsign: { mode, api, reason, version, lastSuccess } };
  };

  const routes = new Hono<DoorEnv>();
  routes.get('/healthz', (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json({ status: 'ok' });
  });
  routes.get('/readyz', async (c) => {
    const results: Record<string, string> = {};
    for (const [name, check] of Object.entries(checks)) {
      try {
        results[name] = (await check()) ?? 'ok';
      } catch (err) {
        results[name] = `failed: ${(err as Error).message}`;
      }
    }
    const failing = Object.keys(results).filter((k) => results[k] !== 'ok');
    c.header('Cache-Control', 'no-store');
    if (failing.length === 0) return c.json({ status: 'ready', checks: results, ...secsignInfo() });
    requestLog(c).warn({ failing, checks: results }, 'not ready');
    c.header('Retry-After', String(RETRY_AFTER_SECONDS));
    return c.json(
      {
        status: 'not_ready',
        checks: results,
        ...secsignInfo(),
        error: {
          code: 'not_ready',
          message: `Not ready: ${failing.map((f) => `${f} (${results[f]})`).join('; ')}.`,
        },
      },
      503,
    );
  });
  return routes;
}
