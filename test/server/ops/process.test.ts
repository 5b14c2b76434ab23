/**
 * The real server process (`server/main.ts`): refuses to start on a missing database without
 * `--init`; answers /healthz and /readyz; logs JSON lines carrying request ids and never a password
 * or a session cookie (the whole output of a run through sign-ins is searched for both); counts
 * sign-ins and decisions in /metrics behind its token; answers a malformed request and a bad Host
 * with the JSON error shape and a request whose body never arrives with 408; and on SIGTERM
 * finishes the request in flight, stops accepting, and exits 0.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '@libsql/client';
import { systemClock } from '../../../server/platform/clock.js';
import { openDatabase } from '../../../server/db/open.js';
import { CLI_ACTOR } from '../../../server/domain/actor.js';
import { createUser } from '../../../server/domain/users-service.js';
import { createZone } from '../../../server/domain/zones-service.js';
import { updateSettings } from '../../../server/domain/settings-service.js';
import { nodeRuntimeWarning } from '../../../server/ops/node-runtime.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const PASSWORD = 'a quite unusual passphrase 7731';
const METRICS_TOKEN = 'metrics-token-for-the-test-0123';

interface Running {
  child: ChildProcess;
  origin: string;
  output: () => string;
  exit: Promise<number | null>;
}

function startServer(env: Record<string, string>, args: string[] = []): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...args], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmpdir(),
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'debug',
      SECSIGN_SERVER: 'http://127.0.0.1:9',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /ipsafezone listening on (http:\/\/\S+?)"/.exec(out);
      if (m) resolve({ child, origin: m[1]!, output: () => out, exit });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exit.then((code) => reject(new Error(`server exited (${code}):\n${out}`)));
  });
}

/** Sends raw bytes and returns everything the server wrote back before closing. */
function raw(origin: string, bytes: string, waitMs = 5_000): Promise<{ text: string; ms: number }> {
  const url = new URL(origin);
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname, () => socket.write(bytes));
    let text = '';
    socket.on('data', (d) => (text += d.toString()));
    socket.on('close', () => resolve({ text, ms: performance.now() - start }));
    socket.on('error', reject);
    setTimeout(() => socket.destroy(), waitMs);
  });
}

let dir: string;
let dbPath: string;
let server: Running;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ipsz-process-'));
  dbPath = join(dir, 'app.db');
  const db = await openDatabase({ url: `file:${dbPath}` });
  await createUser(db, systemClock, CLI_ACTOR, {
    username: 'alice',
    password: PASSWORD,
    role: 'admin',
    secSignId: 'alice.sec',
  });
  await createZone(db, systemClock, CLI_ACTOR, { name: 'Loopback', ranges: ['127.0.0.0/8'] });
  await updateSettings(db, systemClock, CLI_ACTOR, { ipSafeZoneActive: true });
  db.close();
  server = await startServer({
    DATABASE_URL: `file:${dbPath}`,
    IPSAFEZONE_METRICS_TOKEN: METRICS_TOKEN,
    IPSAFEZONE_HEADERS_TIMEOUT_SECONDS: '1',
    IPSAFEZONE_REQUEST_TIMEOUT_SECONDS: '2',
  });
});

after(() => {
  if (server.child.exitCode === null) server.child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

test('without --init the server refuses a missing database and creates nothing', () => {
  const missing = join(dir, 'nothing-here', 'missing.db');
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', DATABASE_URL: `file:${missing}`, PORT: '0' },
    encoding: 'utf8',
  });
  assert.equal(r.status, 2);
  assert.match(r.stdout + r.stderr, /There is no database at .*missing\.db.*--init/);
  assert.equal(existsSync(missing), false);
});

test('healthz and readyz answer', async () => {
  const h = await fetch(`${server.origin}/healthz`);
  assert.equal(h.status, 200);
  assert.deepEqual(await h.json(), { status: 'ok' });
  const r = await fetch(`${server.origin}/readyz`);
  assert.equal(r.status, 200);
  const body = (await r.json()) as {
    status: string;
    checks: Record<string, string>;
    secsign: { mode: string; api: string };
  };
  assert.equal(body.status, 'ready');
  assert.deepEqual(Object.values(body.checks), ['ok', 'ok', 'ok', 'ok', 'ok', 'ok']);
  assert.equal(body.checks['secsign_api'], 'ok');
  assert.equal(body.secsign.mode, 'auto');
});

test('start-up warns about this Node only with what is true, and oidc-provider stays quiet', () => {
  const out = server.output();
  assert.doesNotMatch(out, /oidc-provider WARNING|Unsupported runtime/);
  const warnings = out
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { level: string; msg: string })
    .filter((entry) => entry.level === 'warn' && /^Node /.test(entry.msg))
    .map((entry) => entry.msg);
  const expected = nodeRuntimeWarning(process.version);
  assert.deepEqual(warnings, expected ? [expected] : []);
});

test('sign-ins are logged with request ids, counted in /metrics, and no secret is logged', async () => {
  const post = (body: object) =>
    fetch(`${server.origin}/api/login/password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.origin },
      body: JSON.stringify(body),
    });
  const wrong = await post({ username: 'alice', password: `${PASSWORD}x` });
  assert.equal(wrong.status, 401);
  const ok = await post({ username: 'alice', password: PASSWORD });
  const cookie = ok.headers.getSetCookie()[0]!.split(';')[0]!;
  const cookieValue = cookie.split('=')[1]!;
  assert.ok(cookieValue.length > 20);
  const session = await fetch(`${server.origin}/api/session`, { headers: { cookie } });
  assert.equal(((await session.json()) as { user: { username: string } }).user.username, 'alice');
  const verify = await fetch(`${server.origin}/api/verify`, {
    headers: { cookie, authorization: `Bearer ${METRICS_TOKEN}` },
  });
  assert.equal(verify.status, 200);

  assert.equal((await fetch(`${server.origin}/metrics`)).status, 404, 'no token: nothing there');
  const metrics = await fetch(`${server.origin}/metrics`, {
    headers: { authorization: `Bearer ${METRICS_TOKEN}` },
  });
  assert.equal(metrics.status, 200);
  const text = await metrics.text();
  assert.match(
    text,
    /ipsafezone_signin_steps_total\{action="login.success",outcome="signed_in",mode="password",zone="Loopback"\} 1/,
  );
  assert.match(
    text,
    /ipsafezone_signin_steps_total\{action="login.password",outcome="invalid_credentials"/,
  );
  assert.match(
    text,
    /ipsafezone_decisions_total\{door="verify",outcome="granted",mode="password"\} 1/,
  );
  assert.match(
    text,
    /ipsafezone_http_request_duration_seconds_bucket\{.*route="\/api\/login\/password"/,
  );

  // The log lines arrive through a pipe: wait for the last request's line (the second /metrics).
  const requestLines = () => (server.output().match(/"msg":"request"/g) ?? []).length;
  for (let i = 0; i < 200 && requestLines() < 8; i++) await new Promise((r) => setTimeout(r, 10));
  const out = server.output();
  assert.ok(!out.includes(PASSWORD), 'the password is in the log');
  assert.ok(!out.includes(cookieValue), 'the session cookie is in the log');
  assert.ok(!out.includes(METRICS_TOKEN), 'the metrics token is in the log');
  const lines = out
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  const requests = lines.filter((l) => l.msg === 'request');
  assert.ok(requests.length >= 8, `${requests.length} request lines`);
  for (const l of requests) assert.match(String(l.reqId), /^[\w-]{8,}$/);
  assert.ok(requests.some((l) => l.route === '/api/login/password' && l.status === 200));
});

test('a malformed request and a bad Host get the JSON error shape; a body that never comes, 408', async () => {
  const garbage = await raw(server.origin, 'NOT HTTP AT ALL\r\n\r\n');
  assert.match(garbage.text, /^HTTP\/1\.1 400/);
  assert.match(garbage.text, /\{"error":\{"code":"bad_request"/);
  const badHost = await raw(
    server.origin,
    'GET /api/zone HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n',
  );
  assert.match(badHost.text, /^HTTP\/1\.1 400/);
  assert.match(badHost.text, /"code":"bad_request"/);
  const slow = await raw(
    server.origin,
    // Our own Host (another one is refused at once, 421, before any body is awaited).
    `POST /api/login/password HTTP/1.1\r\nHost: ${new URL(server.origin).host}\r\n` +
      'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{',
    10_000,
  );
  assert.match(slow.text, /^HTTP\/1\.1 408/);
  assert.match(slow.text, /"code":"request_timeout"/);
  assert.ok(slow.ms < 6_000, `the slow request was cut after ${slow.ms} ms`);
});

test('a client that hangs up mid-request is not logged as an error', async () => {
  const url = new URL(server.origin);
  await new Promise<void>((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname, () => {
      socket.write(
        'POST /api/login/password HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
          `Origin: ${server.origin}\r\nContent-Length: 100\r\n\r\n{"username":`,
      );
      setTimeout(() => {
        socket.destroy();
        resolve();
      }, 200);
    });
    socket.on('error', reject);
  });
  await new Promise((r) => setTimeout(r, 500));
  const errors = server
    .output()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { level: string; msg: string })
    .filter((l) => l.level === 'error' || l.level === 'fatal' || /unhandled/i.test(l.msg));
  assert.deepEqual(errors, []);
});

test('SIGTERM: the request in flight is answered, new connections are refused, exit 0', async () => {
  // Hold the write lock so that a sign-in is still waiting (about 1 s) when the signal arrives.
  const other = createClient({ url: `file:${dbPath}` });
  const tx = await other.transaction('write');
  await tx.execute("UPDATE change_counters SET value = value WHERE name = 'zones'");
  const inFlight = fetch(`${server.origin}/api/login/password`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.origin },
    body: JSON.stringify({ username: 'alice', password: PASSWORD }),
  });
  await new Promise((r) => setTimeout(r, 300));
  server.child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 100));
  await assert.rejects(fetch(`${server.origin}/healthz`), 'no new connections after SIGTERM');
  const res = await inFlight;
  assert.equal(res.status, 503, 'answered (the database was still locked), not cut off');
  await tx.rollback();
  other.close();
  assert.equal(await server.exit, 0);
  assert.match(server.output(), /"msg":"shutting down"[\s\S]*"msg":"stopped"/);
});
