/**
 * The node side of the browser tests (web-test-runner.config.ts uses it; browser tests reach it
 * through test/support/browser-control.ts). A dev-server plugin that starts ONE real backend
 * (`startTestServer`: real HTTP on 127.0.0.1, a libSQL file, the embedded SecSign ID server at
 * /secsign-sim, the system clock) when web-test-runner starts, closes it when it stops, and
 * answers `POST /__control/<action>` (JSON in, JSON out) on the dev server:
 *
 * - `reset` `{ inside?: boolean = true, ipSafeZoneActive?: boolean = true, twoStepActive?: boolean = false }`
 *   wipes users, zones, sessions, login transactions and rate limits, then seeds the standard
 *   fixture: admin `alice` (SecSign ID `alice.sec`), `bob` (`bob.sec`), `carol` (no ID), `dave`
 *   (disabled, `dave.sec`), all with password {@link BROWSER_PASSWORD}; zone "Office" =
 *   10.1.0.0/16, plus 127.0.0.1 (the browser's address) unless `inside: false`; the settings
 *   given. The IDs (and `nobody.sec`) are registered at the simulator. → `{ origin }`.
 * - `settings` `{ ipSafeZoneActive?, twoStepActive?, usersChangeOwnId?, outsideFactors? }` → the
 *   settings after (`outsideFactors`: e.g. `['totp', 'recovery_code']`, the domain's rules apply).
 * - `zone` `{ inside: boolean }` moves 127.0.0.1 into or out of "Office" → `{ inside }`.
 * - `phone` `{ secSignId, state }`: what the phone does — the simulator's newest session of that
 *   ID gets `state` (SecSign's numbers: 2 expired, 3 accepted, 4 denied, 5 suspended, 6 canceled,
 *   8 invalid) → `{ authSessionId, state }`.
 * - `session` `{ secSignId }` → `{ authSessionId, state }` of that ID's newest simulator session.
 * - `stale-sessions` `{ username }`: that user's sessions signed in ten minutes ago (past the
 *   window for changing sign-in methods) → `{ sessions }`.
 * - `enrolment` `{ withinDays: N | null, daysAgo?, approval? }`: the enrolment campaign, on since
 *   `daysAgo` days (the users made before it) → the campaign.
 * - `backend` → `{ origin }`.
 * - `totp` `{ username }` enrols an authenticator app for the user → `{ secret }` (base32).
 * - `totp-code` `{ secret, offset? }` → `{ code }`: what the app shows now (or `offset` steps on).
 * - `outage` `{ down: boolean }` → `{ origin }`: a second door to the same backend (a plain
 *   proxy on its own port) that can be closed — connections refused, as when the server is
 *   down — and opened again, for "server unreachable, then retry" tests.
 *
 * `reset`, `settings` and `zone` return only once the backend's own `GET /api/zone` shows the
 * change (the app re-reads zones at most every 500 ms). A failed action answers `{ error }`,
 * which `control()` throws.
 *
 * SecSign ID rate rule: the simulator freezes an ID after more than 3 requests in 60 s; `reset`
 * calls the simulator's own `reset()` so that every test starts with a fresh allowance.
 */
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestRunnerPlugin } from '@web/test-runner';
import { CLI_ACTOR } from '../../server/domain/actor.js';
import { createUser } from '../../server/domain/users-service.js';
import { createZone, updateZone } from '../../server/domain/zones-service.js';
import { updateSettings } from '../../server/domain/settings-service.js';
import { findZoneByName } from '../../server/store/zones.js';
import { updateCampaign } from '../../server/domain/enrolment-campaign.js';
import { getEnrolmentCampaign } from '../../server/store/enrolment-campaign.js';
import { findUserByUsername } from '../../server/store/users.js';
import { insertUserFactorStatement } from '../../server/store/user-factors.js';
import { createSecretBox } from '../../server/platform/crypto/secret-box.js';
import { newTotpSecret } from '../../server/factors/totp/totp-code.js';
import { Secret, TOTP } from 'otpauth';
import { AuthSessionState } from '../../server/secsign/types.js';
import { startTestServer, type TestServer } from './test-server.js';

/** The password of every fixture user. */
export const BROWSER_PASSWORD = 'correct horse battery';
/** IPSAFEZONE_SECRET_KEY of the browser tests' backend (sealed TOTP secrets). */
const BROWSER_SECRET_KEY = 'browser-tests-secret-key-0123456789abcdef';
/** The browser's address as the backend sees it. */
export const BROWSER_ADDRESS = '127.0.0.1';
const OFFICE_RANGES = ['10.1.0.0/16'];
const FIXTURE_IDS = ['alice.sec', 'bob.sec', 'dave.sec', 'nobody.sec'];

type Body = Record<string, unknown>;

/** The backend and what the control actions keep between calls. */
interface Backend {
  server: TestServer;
  /** How far the backend's clock runs ahead of the system clock (see the module comment). */
  /** The fixture's user rows after the first seeding, re-inserted as they were on every reset. */
  userRows: Record<string, unknown>[] | null;
  door: Door | null;
}

async function seedUsers(b: Backend): Promise<void> {
  const { db, clock } = b.server;
  if (b.userRows) {
    for (const row of b.userRows) {
      const cols = Object.keys(row);
      await db.execute({
        sql: `INSERT INTO users (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
        args: cols.map((c) => row[c] as never),
      });
    }
    return;
  }
  // First time: through the domain service (Argon2 hashing), as the admin API and CLI do.
  const users = [
    { username: 'alice', displayName: 'Alice Admin', role: 'admin', secSignId: 'alice.sec' },
    { username: 'bob', displayName: 'Bob', secSignId: 'bob.sec' },
    { username: 'carol', displayName: 'Carol' },
    { username: 'dave', displayName: 'Dave', secSignId: 'dave.sec', disabled: true },
  ] as const;
  for (const u of users) {
    await createUser(db, clock, CLI_ACTOR, {
      email: `${u.username}@example.com`,
      password: BROWSER_PASSWORD,
      ...u,
    });
  }
  const rs = await db.execute('SELECT * FROM users ORDER BY id');
  b.userRows = rs.rows.map((r) => Object.fromEntries(rs.columns.map((c) => [c, r[c]])));
}

/** Waits until the backend's own zone answer agrees (its zone matcher re-reads every 500 ms). */
async function awaitZoneDecision(b: Backend, want: { inside?: boolean }): Promise<unknown> {
  for (let i = 0; ; i++) {
    const zone = (await (await fetch(`${b.server.origin}/api/zone`)).json()) as {
      inside: boolean;
    };
    if (want.inside === undefined || zone.inside === want.inside) return zone;
    if (i >= 40) throw new Error(`the backend still says inside=${zone.inside}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function officeRanges(inside: boolean): string[] {
  return inside ? [`${BROWSER_ADDRESS}/32`, ...OFFICE_RANGES] : OFFICE_RANGES;
}

function newestSession(b: Backend, body: Body) {
  const id = String(body.secSignId ?? '')
    .trim()
    .toLowerCase();
  const all = b.server.sim.sessions().filter((s) => s.secSignId === id);
  const last = all[all.length - 1];
  if (!last) throw new Error(`no simulator session for "${id}"`);
  return last;
}

const actions: Record<string, (b: Backend, body: Body) => Promise<unknown>> = {
  async reset(b, body) {
    const { db, clock, sim } = b.server;
    const inside = body.inside !== false;
    b.server.sim.reset();
    b.server.config.showAccessPass = true;
    // Test set-up: plain SQL. IPSafeZone off first, or the triggers keep the last SecSign admin.
    await db.batch(
      [
        `UPDATE settings SET ipsafezone_active = 0, two_step_active = 0, users_change_own_id = 0,
           outside_factors = 'secsign+passkey+totp+recovery_code', first_factor_inside = 1`,
        'DELETE FROM sessions',
        'UPDATE enrolment_campaign SET within_days = NULL, started_at = NULL, first_factor_approval = 0',
        'DELETE FROM login_transactions',
        'DELETE FROM rate_limits',
        'DELETE FROM users',
        'DELETE FROM zones',
        "UPDATE change_counters SET value = value + 1 WHERE name = 'zones'",
        // A draft an earlier file left running (or ended) must not decide what the next one sees.
        'DELETE FROM policy_draft_days',
        'DELETE FROM policy_drafts',
        "UPDATE change_counters SET value = value + 1 WHERE name = 'policy_drafts'",
      ],
      'write',
    );
    await seedUsers(b);
    for (const id of FIXTURE_IDS) sim.registerId(id);
    await createZone(db, clock, CLI_ACTOR, { name: 'Office', ranges: officeRanges(inside) });
    await updateSettings(db, clock, CLI_ACTOR, {
      ipSafeZoneActive: body.ipSafeZoneActive !== false,
      twoStepActive: body.twoStepActive === true,
    });
    await awaitZoneDecision(b, { inside });
    return { origin: b.server.origin };
  },

  /**
   * The enrolment campaign: `{ withinDays: N | null, daysAgo? = 0, approval? = false }` — on since
   * `daysAgo` days (the fixture's users made before it), so a deadline can have passed → the campaign.
   */
  async enrolment(b, body) {
    const { db, clock } = b.server;
    await updateCampaign(db, clock, CLI_ACTOR, { withinDays: null, firstFactorApproval: false });
    const withinDays = body.withinDays === null ? null : Number(body.withinDays);
    await updateCampaign(db, clock, CLI_ACTOR, {
      withinDays,
      firstFactorApproval: !!body.approval,
    });
    const ago = Number(body.daysAgo ?? 0) * 86_400_000;
    await db.batch(
      [
        { sql: 'UPDATE enrolment_campaign SET started_at = started_at - ?', args: [ago] },
        { sql: 'UPDATE users SET created_at = created_at - ?', args: [ago] },
      ],
      'write',
    );
    return getEnrolmentCampaign(db);
  },

  async settings(b, body) {
    const { db, clock } = b.server;
    const patch: Record<string, unknown> = {};
    for (const k of ['ipSafeZoneActive', 'twoStepActive', 'usersChangeOwnId']) {
      if (typeof body[k] === 'boolean') patch[k] = body[k] as boolean;
    }
    if (Array.isArray(body.outsideFactors)) patch.outsideFactors = body.outsideFactors;
    return updateSettings(db, clock, CLI_ACTOR, patch as Parameters<typeof updateSettings>[3]);
  },

  async zone(b, body) {
    const { db, clock } = b.server;
    const inside = body.inside === true;
    const office = await findZoneByName(db, 'Office');
    if (office) await updateZone(db, clock, CLI_ACTOR, office.id, { ranges: officeRanges(inside) });
    else await createZone(db, clock, CLI_ACTOR, { name: 'Office', ranges: officeRanges(inside) });
    await awaitZoneDecision(b, { inside });
    return { inside };
  },

  async phone(b, body) {
    const state = Number(body.state);
    if (!Object.values<number>(AuthSessionState).includes(state)) {
      throw new Error(`not a SecSign state: ${String(body.state)}`);
    }
    const session = newestSession(b, body);
    b.server.sim.setState(session.authSessionId, state as AuthSessionState);
    return { authSessionId: session.authSessionId, state };
  },

  async session(b, body) {
    const { authSessionId, state } = newestSession(b, body);
    return { authSessionId, state };
  },

  /** An authenticator app for a user, enrolled directly (its secret sealed) → `{ secret }`. */
  async totp(b, body) {
    const user = await findUserByUsername(b.server.db, String(body.username));
    if (!user) throw new Error(`no user ${String(body.username)}`);
    const secret = newTotpSecret();
    const box = createSecretBox(b.server.config.secretKey);
    await b.server.db.execute(
      insertUserFactorStatement({
        userId: user.id,
        factor: 'totp',
        label: 'Phone',
        data: { secret: box.seal(secret), lastStep: null },
        at: Date.now(),
      }),
    );
    return { secret };
  },

  /** The code an authenticator app with `secret` shows now (`offset` steps on) → `{ code }`. */
  async 'totp-code'(_b, body) {
    const totp = new TOTP({
      secret: Secret.fromBase32(String(body.secret)),
      period: 30,
      digits: 6,
    });
    return { code: totp.generate({ timestamp: Date.now() + Number(body.offset ?? 0) * 30_000 }) };
  },

  /** SECSIGN_SHOW_ACCESS_PASS, switched for the running backend (reset turns it back on). */
  async 'access-pass'(b, body) {
    b.server.config.showAccessPass = body.on !== false;
    return { on: b.server.config.showAccessPass };
  },

  /** Plain SQL, past the domain's rules: the state of an installation whose admins have no ID. */
  async 'clear-secsign-ids'(b, body) {
    const names = Array.isArray(body.usernames) ? body.usernames.map(String) : [];
    for (const name of names) {
      await b.server.db.execute({
        sql: 'UPDATE users SET secsign_id = NULL WHERE username = ?',
        args: [name],
      });
    }
    return { cleared: names };
  },

  /**
   * Makes a user's sessions' sign-in (or last confirmation) ten minutes old, past the window for
   * changing sign-in methods (IPSAFEZONE_REAUTH_MINUTES) → `{ sessions }` (how many).
   */
  async 'stale-sessions'(b, body) {
    const rs = await b.server.db.execute({
      sql: `UPDATE sessions SET authenticated_at = authenticated_at - 600000
            WHERE user_id = (SELECT id FROM users WHERE username = ?)`,
      args: [String(body.username)],
    });
    return { sessions: rs.rowsAffected };
  },

  async backend(b) {
    return { origin: b.server.origin };
  },

  async outage(b, body) {
    b.door ??= await openDoor(b.server.port);
    await b.door.set(body.down !== true);
    return { origin: b.door.origin };
  },
};

/** A proxy on a fixed port of its own that can stop listening (connection refused) and resume. */
interface Door {
  origin: string;
  set(open: boolean): Promise<void>;
  close(): Promise<void>;
}

/**
 * Passes one request on to the backend, as a reverse proxy in front of it does: the `Host` header
 * names the backend (its public URL; it refuses other host names), everything else is unchanged —
 * but with `sameOrigin` a page's `Origin` names the backend too, as it does in production where
 * the backend serves the admin and profile pages (an allowed origin counts only on the widget's
 * endpoints: server/http/request-guard.ts).
 */
function passOn(
  targetPort: number,
  req: IncomingMessage,
  res: ServerResponse,
  { sameOrigin = false } = {},
): void {
  const host = `${BROWSER_ADDRESS}:${targetPort}`;
  const origin = sameOrigin && req.headers.origin ? { origin: `http://${host}` } : {};
  const up = httpRequest(
    {
      host: BROWSER_ADDRESS,
      port: targetPort,
      method: req.method,
      path: req.url,
      headers: { ...req.headers, host, ...origin },
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  up.on('error', () => res.destroy());
  req.pipe(up);
}

async function openDoor(targetPort: number): Promise<Door> {
  const make = (): Server => createServer((req, res) => passOn(targetPort, req, res));
  const listen = (s: Server, port: number) =>
    new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.listen(port, BROWSER_ADDRESS, () => resolve());
    });
  const stop = (s: Server) =>
    new Promise<void>((resolve) => {
      s.close(() => resolve());
      s.closeAllConnections();
    });
  let server: Server | null = make();
  await listen(server, 0);
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `http://${BROWSER_ADDRESS}:${port}`,
    async set(open) {
      if (open && !server) {
        server = make();
        await listen(server, port);
      } else if (!open && server) {
        await stop(server);
        server = null;
      }
    },
    async close() {
      if (server) await stop(server);
      server = null;
    },
  };
}

async function readJson(req: NodeJS.ReadableStream): Promise<Body> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  const value: unknown = text.trim() ? JSON.parse(text) : {};
  return value && typeof value === 'object' ? (value as Body) : {};
}

/**
 * The dev-server plugin: starts the backend with the dev server's own origin as the one allowed
 * origin (the element calls it cross-origin with credentials, like a real embedding; both are on
 * 127.0.0.1, so cookies are same-site), stops it at the end, and serves `POST /__control/<action>`.
 */
/** The running backend (one per web-test-runner process), for the plugin and the /api proxy. */
let backend: Backend | null = null;

/**
 * Dev-server middleware (web-test-runner.config.ts `middleware`, which runs before the file
 * server): the admin and profile pages call the backend same-origin, as in production where the
 * backend serves them (its admin API answers no cross-origin request), so `/api/*` on the dev
 * server is passed on to the backend. The widget tests keep calling the backend's own origin.
 */
export async function backendApiProxy(
  ctx: { path: string; respond?: boolean; req: IncomingMessage; res: ServerResponse },
  next: () => Promise<unknown>,
): Promise<unknown> {
  if (!backend || !ctx.path.startsWith('/api/')) return next();
  ctx.respond = false;
  passOn(backend.server.port, ctx.req, ctx.res, { sameOrigin: true });
  return undefined;
}

export function browserBackendPlugin(): TestRunnerPlugin {
  return {
    name: 'ipsafezone-browser-backend',
    async serverStart({ config }) {
      const devOrigin = `http://${config.hostname}:${config.port}`;
      const server = await startTestServer({
        realTime: true,
        // Chromium connects directly: no proxy is trusted, so its socket address is the client
        // (a trusted proxy that names no client would make every request doubtful: outside).
        trustedProxies: [],
        config: { allowedOrigins: [devOrigin], secretKey: BROWSER_SECRET_KEY },
      });
      const b: Backend = { server, userRows: null, door: null };
      backend = b;
    },
    async serverStop() {
      await backend?.door?.close();
      await backend?.server.close();
      backend = null;
    },
    async serve(context) {
      const m = /^\/__control\/([a-z-]+)$/.exec(context.path);
      if (!m || context.method !== 'POST') return undefined;
      let answer: unknown;
      try {
        const action = actions[m[1]!];
        if (!action) throw new Error(`unknown control action "${m[1]}"`);
        if (!backend) throw new Error('the backend is not running');
        answer = (await action(backend, await readJson(context.req))) ?? {};
      } catch (e) {
        answer = { error: e instanceof Error ? e.message : String(e) };
      }
      return {
        body: JSON.stringify(answer),
        type: 'json',
        headers: { 'Cache-Control': 'no-store' },
      };
    },
  };
}
