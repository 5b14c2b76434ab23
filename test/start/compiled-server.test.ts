/**
 * Start-up smoke test of what an administrator runs: the compiled server (`npm run build` →
 * `node build/server/main.js`) and the compiled command line (`build/server/cli/main.js`), on the
 * Node.js running this test — the machine's in `npm test`, another one in `scripts/test-node.sh`
 * (CI runs it on Node 26). The command line makes a new database with an administrator, a zone
 * around loopback and IPSafeZone on; the server answers `/readyz`, a password sign-in from inside
 * the zone gets a session that `/api/session` knows, nothing in its output is an error or
 * oidc-provider's runtime warning, and SIGTERM ends it with status 0.
 *
 * Not under test/server: it needs `build/`, which `npm test` makes after the server tests
 * (scripts/test-start.sh runs it).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SERVER = join(ROOT, 'build/server/main.js');
const CLI = join(ROOT, 'build/server/cli/main.js');
const PASSWORD = 'smoke test passphrase 4417';

let dir: string;
let env: Record<string, string>;
let child: ChildProcess;
let origin: string;
let output = '';
let exit: Promise<number | null>;

/** Runs the compiled command line on the test's database; fails the test on a non-zero status. */
function cli(args: string[], stdin = ''): string {
  const r = spawnSync(process.execPath, [CLI, ...args], { env, input: stdin, encoding: 'utf8' });
  assert.equal(r.status, 0, `ipsafezone ${args.join(' ')}:\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

before(async () => {
  assert.ok(existsSync(SERVER) && existsSync(CLI), 'build/ is missing: run `npm run build` first');
  dir = mkdtempSync(join(tmpdir(), 'ipsz-start-'));
  env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? tmpdir(),
    DATABASE_URL: `file:${join(dir, 'app.db')}`,
  };
  cli(
    [
      'user',
      'add',
      '--username',
      'smoke',
      '--password-stdin',
      '--admin',
      '--secsign-id',
      'smoke.admin',
    ],
    `${PASSWORD}\n`,
  );
  cli(['zone', 'add', '--name', 'Loopback', '--range', '127.0.0.0/8']);
  cli(['settings', 'set', 'ipsafezone', 'on']);
  child = spawn(process.execPath, [SERVER], {
    env: { ...env, PORT: '0', HOST: '127.0.0.1', SECSIGN_SERVER: 'http://127.0.0.1:9' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  exit = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  origin = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /ipsafezone listening on (http:\/\/\S+?)"/.exec(output);
      if (m) resolve(m[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exit.then((code) => reject(new Error(`server exited (${code}):\n${output}`)));
  });
});

after(() => {
  if (child?.exitCode === null) child.kill('SIGKILL');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test(`the compiled server answers /readyz on Node ${process.version}`, async () => {
  const r = await fetch(`${origin}/readyz`);
  assert.equal(r.status, 200);
  assert.equal(((await r.json()) as { status: string }).status, 'ready');
});

test('a password sign-in from inside the zone opens a session', async () => {
  const login = await fetch(`${origin}/api/login/password`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ username: 'smoke', password: PASSWORD }),
  });
  assert.equal(login.status, 200);
  assert.equal(((await login.json()) as { status: string }).status, 'signed_in');
  const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
  const session = await fetch(`${origin}/api/session`, { headers: { cookie } });
  const body = (await session.json()) as { user: { username: string } | null };
  assert.equal(body.user?.username, 'smoke');
});

test('SIGTERM ends it with status 0; nothing it wrote was an error or a runtime warning', async () => {
  child.kill('SIGTERM');
  assert.equal(await exit, 0);
  assert.doesNotMatch(output, /oidc-provider WARNING|Unsupported runtime/);
  const bad = output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { level: string; msg: string })
    .filter((entry) => entry.level === 'error' || entry.level === 'fatal');
  assert.deepEqual(bad, []);
});
