/**
 * Every route of the real app, bad input (the charter: "Bad input gets a clear error — the right
 * HTTP status and {"error": {"code", "message"}} — and changes nothing. Nothing a client sends may
 * crash the server or produce a 500"). The routes are not listed here: they are read from the app
 * `createApp` builds (`app.routes`, with the OpenID Connect provider, the demo's pages and the
 * embedded SecSign ID server mounted, as `npm run demo` has them; the provider's own endpoints
 * from its discovery document), so a route added later is covered without editing this file. Each is sent, over real HTTP to the real app on real libSQL,
 * the fixed corpus of test/support/bad-input.ts — broken and wrong-typed JSON, odd field values,
 * odd content types, odd path parameters, query strings and headers, HEAD/OPTIONS and a wrong
 * method, and the bodies, queries and forms a door takes with one value at a time made bad —
 * anonymously and as a signed-in administrator whose requests come from our own origin (the
 * API's cross-site protection: server/http/request-guard.ts). For every answer:
 * - the status is below 500, and nothing is logged as an error;
 * - a redirect goes to us or to the registered client's callback, never to a host the request
 *   named; a page never carries the corpus's markup unescaped;
 * - a JSON answer that is not a success carries the error shape with non-empty `code` and
 *   `message` — except where another specification sets the shape (EXCEPTIONS below);
 * - a refusal (4xx) changed nothing in the database, save what a refusal is meant to write
 *   (UNCHANGED_EXCEPT below);
 * and the server still answers `/healthz` after each route.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpServer } from '../../../server/http/http-server.js';
import { Writable } from 'node:stream';
import { startFixture, INSIDE, OUTSIDE, type Fixture } from '../login/fixture.js';
import { createSession } from '../../../server/store/sessions.js';
import { factorSet } from '../../../server/factors/proof.js';
import { SESSION_COOKIE } from '../../../server/login/cookies.js';
import { createLogger } from '../../../server/platform/logger.js';
import { demoRoutes } from '../../../demo/routes.js';
import { addOidcClient } from '../../../server/oidc/clients.js';
import { JIRA_CALLBACK } from '../oidc/oidc-fixture.js';
import type { Database } from '../../../server/db/database.js';
import {
  BAD_HEADERS,
  PLAUSIBLE_BODIES,
  PLAUSIBLE_FORMS,
  PLAUSIBLE_QUERIES,
  REFLECTED,
  B64,
  encodeParams,
  queryMutations,
  badBodies,
  mutations,
  pathsFor,
  queryStrings,
  type BadBody,
} from '../../support/bad-input.js';

const METRICS_TOKEN = 'metrics-token-for-the-bad-input-test';

/**
 * Paths whose error answers follow another specification than our `{"error": {"code",
 * "message"}}`, and what that specification requires instead.
 */
const EXCEPTIONS: { prefix: string; why: string; errorShape: (body: unknown) => boolean }[] = [
  {
    prefix: '/oidc',
    why: 'the OpenID Connect provider answers errors as OAuth 2.0 requires (RFC 6749 5.2): {"error": "invalid_request", "error_description": …}',
    errorShape: oauthError,
  },
  {
    prefix: '/.well-known/',
    why: 'OpenID Connect discovery, served by the provider: OAuth 2.0 error shape',
    errorShape: oauthError,
  },
  {
    prefix: '/secsign-sim',
    why: "the embedded SecSign ID server (demo only) answers in SecSign's own protocol",
    errorShape: () => true,
  },
];

function ourErrorShape(body: unknown): boolean {
  const e = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return (
    typeof e?.code === 'string' &&
    e.code !== '' &&
    typeof e.message === 'string' &&
    e.message !== ''
  );
}

function oauthError(body: unknown): boolean {
  const b = body as { error?: unknown; error_description?: unknown } | null;
  return (
    typeof b?.error === 'string' &&
    b.error !== '' &&
    (b.error_description === undefined || typeof b.error_description === 'string')
  );
}

/**
 * What a refusal may write, and why; every other table (and every other column) must be as it was.
 */
const UNCHANGED_EXCEPT = {
  /** Every decision is audited, refusals too (aggregated per address, name and reason). */
  tables: new Set(['audit_log', 'rate_limits']),
  /** `sessions.last_seen_at`: the session look-up notes each use of a session, refused or not. */
  columns: new Set(['sessions.last_seen_at']),
};
// rate_limits: a refused attempt is what a rate limit counts.

const FORM = 'application/x-www-form-urlencoded';
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

let f: Fixture;
/** The Host the app answers for (the fixture's public URL). */
let host: string;
/** The app behind the production HTTP server (main.ts's), where the corpus goes. */
let server: Server;
let port: number;
/** What the server printed with console.error (e.g. from the Node adapter). */
const consoleErrors: string[] = [];
const consoleError = console.error;
/** The provider's endpoints, from its discovery document. */
let providerPaths: string[] = [];
/** HTTP Basic credentials of the registered relying party. */
let jiraBasic = '';
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
const errorLogs: string[] = [];

before(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      errorLogs.push(chunk.toString('utf8'));
      done();
    },
  });
  f = await startFixture({
    config: { secretKey: 'test-secret-key-for-bad-input-0123456789abcdef' },
    app: { demoRoutes },
    ops: {
      logger: createLogger('error', sink),
      lifecycle: { shuttingDown: false },
      metrics: { token: METRICS_TOKEN, allow: [] },
    },
  });
  host = new URL(f.origin).host;
  server = createHttpServer(f.app.fetch, {
    requestTimeoutMs: 30_000,
    headersTimeoutMs: 10_000,
    hostname: '127.0.0.1',
    logger: createLogger('error', sink),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  // The provider makes its signing keys on its first request: a write of its start, not of any
  // request's, which would otherwise be laid at the door of the first refused one.
  const discovery = await send({
    method: 'GET',
    path: '/.well-known/openid-configuration',
    headers: {},
  });
  assert.equal(discovery.status, 200);
  // The provider's own endpoints sit behind one `/oidc/*` route: its discovery names them.
  const meta = JSON.parse(discovery.text) as Record<string, unknown>;
  providerPaths = Object.entries(meta)
    .filter(([k, v]) => (k.endsWith('_endpoint') || k === 'jwks_uri') && typeof v === 'string')
    .map(([, v]) => new URL(v as string).pathname);
  // A client as Jira is registered (the plausible OIDC requests name it, with its secret).
  const { secret } = await addOidcClient(f.db, f.clock, {
    clientId: 'jira',
    name: 'Jira',
    redirectUris: [JIRA_CALLBACK],
  });
  jiraBasic = `Basic ${Buffer.from(`jira:${secret}`).toString('base64')}`;
  console.error = (...args: unknown[]) => {
    consoleErrors.push(args.map(String).join(' '));
  };
});
after(async () => {
  console.error = consoleError;
  agent.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await f.close();
});

interface Answer {
  status: number;
  type: string;
  text: string;
  location?: string;
}

interface Sent {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  chunked?: boolean;
}

function send(sent: Sent): Promise<Answer> {
  return sendWith(agent, sent);
}

function sendWith(via: Agent, { method, path, headers, body, chunked }: Sent): Promise<Answer> {
  const h: Record<string, string> = { host, ...headers };
  if (body !== undefined && !chunked) h['content-length'] = String(Buffer.byteLength(body));
  if (chunked) h['transfer-encoding'] = 'chunked';
  return new Promise((resolve) => {
    const req = request(
      { host: '127.0.0.1', port, method, path, headers: h, agent: via },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            type: String(res.headers['content-type'] ?? ''),
            ...(res.headers.location ? { location: res.headers.location } : {}),
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    // A connection the server dropped is an answer too (a failure): status 0.
    req.on('error', (err) => resolve({ status: 0, type: '', text: String(err) }));
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/**
 * The tables' rows, less what a refusal may write: one statement that gives, per table, its rows
 * (every column quoted, so blobs too) in a fixed order.
 */
async function snapshotQuery(db: Database): Promise<{ tables: string[]; sql: string }> {
  const list = await db.execute(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'libsql_%' ORDER BY name",
  );
  const tables = list.rows
    .map((r) => String(r.name))
    .filter((t) => !UNCHANGED_EXCEPT.tables.has(t));
  const parts: string[] = [];
  for (const table of tables) {
    const info = await db.execute(`PRAGMA table_info("${table}")`);
    const cols = info.rows
      .map((r) => String(r.name))
      .filter((c) => !UNCHANGED_EXCEPT.columns.has(`${table}.${c}`))
      .map((c) => `quote("${c}")`);
    const order = cols.map((_, i) => i + 1).join(', ');
    parts.push(
      `(SELECT json_group_array(json_array(${cols.join(', ')})) FROM (SELECT * FROM "${table}" ORDER BY ${order}))`,
    );
  }
  return { tables, sql: `SELECT ${parts.join(', ')}` };
}

/**
 * A counter that moves whenever a request writes to what the snapshot covers: triggers after each
 * insert, delete and update (of the covered columns) on every covered table add one to it. Only
 * when it moved is the snapshot taken again and compared — a refusal that wrote only what a
 * refusal may write (the audit log, the rate limits, a session's last use) costs a read of one
 * row instead of a dump of the database. Returns the reader.
 */
async function watchWrites(db: Database, tables: string[]): Promise<() => Promise<string>> {
  await db.execute('CREATE TABLE test_watched_writes (n INTEGER NOT NULL)');
  await db.execute('INSERT INTO test_watched_writes (n) VALUES (0)');
  for (const table of tables) {
    const info = await db.execute(`PRAGMA table_info("${table}")`);
    const cols = info.rows
      .map((r) => String(r.name))
      .filter((c) => !UNCHANGED_EXCEPT.columns.has(`${table}.${c}`))
      .map((c) => `"${c}"`);
    for (const event of ['INSERT', 'DELETE', `UPDATE OF ${cols.join(', ')}`]) {
      const name = `test_watch_${table}_${event.split(' ')[0]!.toLowerCase()}`;
      await db.execute(
        `CREATE TRIGGER "${name}" AFTER ${event} ON "${table}" BEGIN UPDATE test_watched_writes SET n = n + 1; END`,
      );
    }
  }
  return async () => String((await db.execute('SELECT n FROM test_watched_writes')).rows[0]![0]);
}

async function snapshot(
  db: Database,
  query: { tables: string[]; sql: string },
): Promise<Map<string, string>> {
  await f.app.sessions.settle();
  const rs = await db.execute(query.sql);
  const row = rs.rows[0]!;
  return new Map(query.tables.map((t, i) => [t, String(row[i])]));
}

function changedTables(a: Map<string, string>, b: Map<string, string>): string[] {
  const names = new Set([...a.keys(), ...b.keys()]);
  return [...names].filter((n) => a.get(n) !== b.get(n));
}

interface Route {
  method: string;
  path: string;
}

/** The app's routes, each method once; `ALL` as GET and POST; deleting ones last. */
function routesOfApp(): Route[] {
  const seen = new Set<string>();
  const out: Route[] = [];
  const provider = providerPaths.map((path) => ({ method: 'ALL', path }));
  for (const r of [...f.app.routes, ...provider]) {
    for (const method of r.method === 'ALL' ? ['GET', 'POST'] : [r.method]) {
      const key = `${method} ${r.path}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ method, path: r.path });
    }
  }
  // Routes that end things (DELETE, sign-out) after the rest, so the rest finds the fixture whole.
  const rank = (r: Route) => (r.path === '/api/logout' ? 2 : r.method === 'DELETE' ? 1 : 0);
  return out.sort((a, b) => rank(a) - rank(b));
}

interface Failure {
  request: string;
  problem: string;
}

test('every route: bad input gets a 4xx with the error shape, changes nothing, never a 500', async () => {
  const routes = routesOfApp();
  assert.ok(routes.length > 50, `the app's routes were found (${routes.length})`);
  const adminId = Number(
    (await f.db.execute("SELECT id FROM users WHERE username = 'alice'")).rows[0]!.id,
  );
  let adminCookie = '';
  let adminSession = '';
  const signInAdmin = async () => {
    const { token, session } = await createSession(
      f.db,
      f.clock,
      { idleMs: f.config.sessionIdleMs, maxMs: f.config.sessionMaxMs },
      {
        userId: adminId,
        factors: factorSet('password', 'secsign'),
        clientIp: INSIDE,
        zone: 'Office',
      },
    );
    adminCookie = `${SESSION_COOKIE}=${token}`;
    adminSession = session.idHash;
  };
  await signInAdmin();

  const failures: Failure[] = [];
  let sentCount = 0;
  const query = await snapshotQuery(f.db);
  // Whether anything the snapshot covers was written since the last look.
  const version = await watchWrites(f.db, query.tables);
  let seen = await version();
  // The counter sees a write of the app's connection (else every check below would pass unseen).
  await f.db.execute('UPDATE settings SET two_step_active = two_step_active WHERE id = 1');
  assert.notEqual(await version(), seen, 'the write counter moves on a write of the app');
  seen = await version();
  let state = await snapshot(f.db, query);

  let logsSeen = 0;
  let consoleSeen = 0;
  const check = async (sent: Sent, label: string, mayChange: string[] = []) => {
    const ans = await send(sent);
    sentCount++;
    const shown = `${sent.method} ${sent.path.length > 120 ? sent.path.slice(0, 120) + '…' : sent.path} [${label}]`;
    const fail = (problem: string) => failures.push({ request: shown, problem });
    if (ans.status === 0) fail(`no answer: ${ans.text}`);
    if (errorLogs.length > logsSeen || consoleErrors.length > consoleSeen) {
      fail(
        `the server logged an error: ${[...errorLogs.slice(logsSeen), ...consoleErrors.slice(consoleSeen)].join(' ').slice(0, 300)}`,
      );
      logsSeen = errorLogs.length;
      consoleSeen = consoleErrors.length;
    }
    // No open redirect: whatever a request names, a redirect goes to us or to a registered client.
    if (ans.location !== undefined) {
      const to = URL.canParse(ans.location, f.publicOrigin)
        ? new URL(ans.location, f.publicOrigin).host
        : '(unparsable)';
      if (to !== new URL(f.publicOrigin).host && to !== new URL(JIRA_CALLBACK).host)
        fail(`redirects to ${ans.location.slice(0, 120)}`);
    }
    // No markup reflected into a page.
    if (/html/i.test(ans.type) && ans.text.includes(REFLECTED)) fail('reflects markup unescaped');
    if (ans.status >= 500) {
      fail(`status ${ans.status}: ${ans.text.slice(0, 200)}`);
    }
    const exception = EXCEPTIONS.find((e) => sent.path.startsWith(e.prefix));
    if (ans.status >= 400 && sent.method !== 'HEAD' && /json/i.test(ans.type) && ans.text !== '') {
      let body: unknown;
      try {
        body = JSON.parse(ans.text);
      } catch {
        fail(`status ${ans.status} says JSON but is not: ${ans.text.slice(0, 120)}`);
      }
      if (body !== undefined) {
        if (exception) {
          // Their shape, or ours (the HTTP server's and the app's own refusals, before the route).
          if (!exception.errorShape(body) && !ourErrorShape(body))
            fail(`error not in its specification's shape: ${ans.text.slice(0, 200)}`);
        } else {
          if (!ourErrorShape(body)) {
            fail(
              `status ${ans.status} without {error: {code, message}}: ${ans.text.slice(0, 200)}`,
            );
          }
        }
      }
    }
    if (
      ans.status >= 400 &&
      sent.path.startsWith('/api/') &&
      !exception &&
      sent.method !== 'HEAD' &&
      !/json/i.test(ans.type)
    ) {
      fail(`status ${ans.status} on the API answered ${ans.type || 'no content type'}, not JSON`);
    }
    await f.app.sessions.settle();
    const v = await version();
    const now = v === seen ? state : await snapshot(f.db, query);
    seen = v;
    if (ans.status >= 400 && ans.status < 500) {
      const changed = changedTables(state, now).filter((t) => !mayChange.includes(t));
      if (changed.length > 0) fail(`refused with ${ans.status} but changed ${changed.join(', ')}`);
    }
    state = now;
    // An administrator's request that ended the session (sign-out, its own session deleted):
    // the next ones get a new one.
    if (sent.headers.cookie && (ans.status < 300 || ans.status === 401)) {
      const mine = await f.db.execute('SELECT revoked_at FROM sessions WHERE id_hash = ?', [
        adminSession,
      ]);
      if (mine.rows[0]?.revoked_at !== null) {
        await signInAdmin();
        state = await snapshot(f.db, query);
        seen = await version();
      }
    }
    return ans;
  };

  const bodies = badBodies();
  const refusedAnonymous = new Set<Route>();
  const queries = queryStrings();
  for (const route of routes) {
    const contexts: { label: string; headers: () => Record<string, string> }[] = [
      {
        label: 'anonymous',
        headers: () => ({ origin: f.publicOrigin, 'x-forwarded-for': OUTSIDE }),
      },
      {
        label: 'admin',
        headers: () => ({
          origin: f.publicOrigin,
          'x-forwarded-for': INSIDE,
          cookie: adminCookie,
          authorization: `Bearer ${METRICS_TOKEN}`,
        }),
      },
    ];
    for (const { path, validParams } of pathsFor(route.path)) {
      for (const ctx of contexts) {
        const base = (): Sent => ({ method: route.method, path, headers: { ...ctx.headers() } });
        if (!validParams) {
          // An anonymous request the door refused with its parameters valid is refused as well
          // with odd ones (the session is checked first): those go to the administrator.
          if (ctx.label === 'anonymous' && refusedAnonymous.has(route)) continue;
          const sent = base();
          if (BODY_METHODS.has(route.method)) {
            sent.headers['content-type'] = 'application/json';
            sent.body = '{}';
          }
          await check(sent, `${ctx.label}, odd path parameter`);
          continue;
        }
        const plain = await check(base(), `${ctx.label}, nothing`);
        // A door that wants a session refuses an anonymous request before it reads anything:
        // a few of the corpus show that it does so whatever comes; the rest go to the administrator.
        const refused = ctx.label === 'anonymous' && (plain.status === 401 || plain.status === 403);
        if (refused) refusedAnonymous.add(route);
        // Likewise a path nothing is at (the catch-alls' 404): a few show it stays a 404.
        const nothingHere = plain.status === 404;
        const few = <T>(list: T[]) => (refused || nothingHere ? list.slice(0, 4) : list);
        if (BODY_METHODS.has(route.method)) {
          let readsJson = false;
          let formAnswer = 415;
          for (const b of few(bodies)) {
            // A door that did not read the broken JSON as JSON ignores JSON bodies: the other
            // content types, chunked and huge bodies still go to it, the JSON variants do not.
            if (b !== bodies[0] && !readsJson && b.contentType === 'application/json' && !b.chunked)
              continue;
            const ans = await check(withBody(base(), b), `${ctx.label}, ${b.label}`);
            if (b === bodies[0] && ans.status === 400 && errorCode(ans) === 'invalid_input')
              readsJson = true;
            if (b.contentType === FORM) formAnswer = ans.status;
          }
          // A door that reads forms: the plausible forms it takes, then each with a value made bad.
          if (!refused && !nothingHere && formAnswer !== 415 && formAnswer !== 404) {
            const form = (text: string): Sent => {
              const sent = base();
              return {
                ...sent,
                headers: { ...sent.headers, 'content-type': FORM, authorization: jiraBasic },
                body: text,
              };
            };
            const taken: Record<string, string>[] = [];
            for (const plausible of PLAUSIBLE_FORMS) {
              const ans = await check(
                form(encodeParams(plausible)),
                `${ctx.label}, form ${keysOf(plausible)}`,
              );
              if (ans.status !== formAnswer) taken.push(plausible);
            }
            for (const plausible of taken.slice(0, 3)) {
              for (const m of queryMutations(plausible)) {
                await check(form(m.text), `${ctx.label}, form ${keysOf(plausible)}: ${m.label}`);
              }
            }
          }
          // Only a door that reads a JSON body (it refused the broken one as invalid_input).
          if (refused || nothingHere || !readsJson) continue;
          // The shapes this door takes, then each of them with one value made bad.
          const shapes: unknown[] = [];
          for (const plausible of PLAUSIBLE_BODIES) {
            const ans = await check(
              json(base(), plausible),
              `${ctx.label}, plausible ${keysOf(plausible)}`,
            );
            if (!(ans.status === 400 && errorCode(ans) === 'invalid_input') && ans.status !== 415)
              shapes.push(plausible);
          }
          for (const shape of shapes.slice(0, 2)) {
            for (const m of mutations(shape)) {
              const live = await liveChallenge(path, m.body, ctx.headers(), (sent) =>
                check(sent, `${ctx.label}, passkey options`),
              );
              const sent = json(base(), live?.body ?? m.body);
              if (live) sent.headers['x-forwarded-for'] = live.address;
              // An answer to a live challenge uses it up, refused or not (taken once).
              await check(
                sent,
                `${ctx.label}, ${keysOf(shape)}: ${m.label}`,
                live ? ['login_transactions'] : [],
              );
            }
          }
        } else {
          for (const q of few(queries)) {
            await check(
              { ...base(), path: `${path}?${q}` },
              `${ctx.label}, query ${q.slice(0, 40)}`,
            );
          }
          // The queries this door takes (its answer changes), then each with a value made bad.
          if (!refused && !nothingHere) {
            const taken: Record<string, string>[] = [];
            for (const plausible of PLAUSIBLE_QUERIES) {
              const ans = await check(
                { ...base(), path: `${path}?${encodeParams(plausible)}` },
                `${ctx.label}, query ${keysOf(plausible)}`,
              );
              // Taken: another status, or another JSON answer (a page may differ by its nonce).
              const json = ans.status < 300 && /json/i.test(ans.type) && ans.text !== plain.text;
              if (ans.status !== plain.status || json) taken.push(plausible);
            }
            for (const plausible of taken.slice(0, 2)) {
              for (const m of queryMutations(plausible)) {
                await check(
                  { ...base(), path: `${path}?${m.text}` },
                  `${ctx.label}, query ${keysOf(plausible)}: ${m.label}`,
                );
              }
            }
          }
        }
        if (route.method === 'GET') {
          await check({ ...base(), method: 'HEAD' }, `${ctx.label}, HEAD`);
          await check(
            {
              ...base(),
              method: 'PUT',
              headers: { ...base().headers, 'content-type': 'application/json' },
              body: '{}',
            },
            `${ctx.label}, wrong method`,
          );
        }
        if (ctx.label === 'anonymous') {
          for (const h of few(BAD_HEADERS)) {
            const sent = base();
            await check(
              { ...sent, headers: { ...sent.headers, ...h.headers } },
              `${ctx.label}, ${h.label}`,
            );
          }
        }
        await check({ ...base(), method: 'OPTIONS' }, `${ctx.label}, OPTIONS`);
        await check(
          {
            ...base(),
            method: 'OPTIONS',
            headers: {
              ...base().headers,
              origin: 'https://evil.example',
              'access-control-request-method': route.method,
              'access-control-request-headers': 'content-type',
            },
          },
          `${ctx.label}, foreign preflight`,
        );
      }
    }
    const health = await send({ method: 'GET', path: '/healthz', headers: {} });
    if (health.status !== 200)
      failures.push({
        request: `after ${route.method} ${route.path}`,
        problem: `/healthz answered ${health.status}`,
      });
    // Each route's corpus reaches its validators, not the limit a previous route's refusals reached.
    await f.db.execute('DELETE FROM rate_limits');
    state = await snapshot(f.db, query);
    seen = await version();
  }
  const report = failures.map((x) => `${x.request}: ${x.problem}`);
  console.log(`${sentCount} requests, ${failures.length} failures`);
  assert.deepEqual(
    report.slice(0, 60),
    [],
    `${failures.length} of ${sentCount} requests failed; server error logs:\n${errorLogs.slice(0, 5).join('')}`,
  );
  assert.ok(sentCount > 5_000, `the corpus was sent (${sentCount} requests)`);
});

test('HEAD on the OpenID Connect provider: an answer, no error, and the connection still serves', async () => {
  // Hono answers HEAD by running the GET route and wrapping its answer; the provider had already
  // answered on the raw response, so the adapter wrote a second head: an error in the log, and the
  // kept-alive connection broken for the next request on it (a proxy's pooled upstream connection).
  const one = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    for (const path of ['/.well-known/openid-configuration', '/oidc', '/oidc/token']) {
      const before = consoleErrors.length + errorLogs.length;
      const head = await sendWith(one, { method: 'HEAD', path, headers: {} });
      assert.ok(head.status >= 200 && head.status < 500, `HEAD ${path}: ${head.status}`);
      const next = await sendWith(one, { method: 'GET', path: '/healthz', headers: {} });
      assert.equal(next.status, 200, `the connection after HEAD ${path}: ${next.text}`);
      assert.deepEqual(
        [...consoleErrors, ...errorLogs].slice(before),
        [],
        `HEAD ${path} logged no error`,
      );
    }
  } finally {
    one.destroy();
  }
});

let liveAddresses = 0;

/**
 * A passkey answer with a live challenge: the body's made-up `transaction` replaced by one that the
 * options door beside the route (`…/verify` → `…/options`, else `…/options` below it) just opened,
 * so the odd credential reaches the verification behind the transaction check. Each challenge is
 * asked from an address of its own (outside the zones): open challenges are capped per address,
 * and an answer the validator refuses leaves its challenge open. Null when there is none to have.
 */
async function liveChallenge(
  path: string,
  body: unknown,
  headers: Record<string, string>,
  ask: (sent: Sent) => Promise<Answer>,
): Promise<{ body: unknown; address: string } | null> {
  const b = body as { transaction?: unknown; credential?: unknown } | null;
  if (b === null || typeof b !== 'object' || !('credential' in b) || b.transaction !== B64)
    return null;
  const n = liveAddresses++;
  const address = `198.51.${100 + (n >> 8)}.${n & 255}`;
  const options = await ask({
    method: 'POST',
    path: path.endsWith('/verify')
      ? `${path.slice(0, -'/verify'.length)}/options`
      : `${path}/options`,
    headers: { ...headers, 'x-forwarded-for': address, 'content-type': 'application/json' },
    body: '{}',
  });
  let transaction: unknown;
  try {
    transaction = (JSON.parse(options.text) as { transaction?: unknown }).transaction;
  } catch {
    transaction = undefined;
  }
  return typeof transaction === 'string' ? { body: { ...b, transaction }, address } : null;
}

function json(sent: Sent, body: unknown): Sent {
  return {
    ...sent,
    headers: { ...sent.headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  };
}

function keysOf(body: unknown): string {
  return `{${Object.keys(body as object).join(',')}}`;
}

function errorCode(ans: Answer): string | undefined {
  try {
    return (JSON.parse(ans.text) as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined;
  }
}

function withBody(sent: Sent, b: BadBody): Sent {
  const headers = { ...sent.headers };
  if (b.contentType !== null) headers['content-type'] = b.contentType;
  return { ...sent, headers, body: b.body, ...(b.chunked ? { chunked: true } : {}) };
}
