/**
 * End-to-end harness: starts the real server (`node --import tsx server/main.ts --demo`, configured
 * only through the README's environment variables, with a temporary libSQL file) on a free
 * loopback port, reads the demo passwords it prints, drives Debian's Chromium through
 * playwright-core, and stops everything it started — bounded, so a stuck process cannot hang the run.
 */
import { after, before } from 'node:test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';

export const REPO_DIR = fileURLToPath(new URL('../../', import.meta.url));

/** A loopback port nobody listens on right now (on 127.0.0.1 and, when asked, ::1). */
export async function freePort(alsoV6 = false): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await new Promise<number>((resolve, reject) => {
      const s = createServer();
      s.once('error', reject);
      s.listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    if (!alsoV6) return port;
    const v6Free = await new Promise<boolean>((resolve) => {
      const s = createServer();
      s.once('error', () => resolve(false));
      s.listen(port, '::1', () => s.close(() => resolve(true)));
    });
    if (v6Free) return port;
  }
  throw new Error('No free loopback port found.');
}

export interface RunningServer {
  port: number;
  /** `http://127.0.0.1:<port>` — inside the demo zone. */
  inside: string;
  /** `http://[::1]:<port>` — outside the demo zone (when listening on ::1). */
  outside: string;
  /** Demo passwords by user name, as printed on the console. */
  passwords: Record<string, string>;
  /** The server's process id (a test may kill it the hard way). */
  pid: number;
  output(): string;
  stop(): Promise<void>;
}

export interface ServerOptions {
  /** Extra environment (README variables); HOST defaults to the demo's 127.0.0.1 and ::1. */
  env?: Record<string, string>;
  port?: number;
  /** The server's arguments; default `--demo`. */
  args?: string[];
}

/** Starts `server/main.ts --demo` (or `args`) and waits until it listens on every host. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'ipsafezone-e2e-'));
  const hosts = (options.env?.HOST ?? '127.0.0.1,::1').split(',');
  const port = options.port ?? (await freePort(hosts.includes('::1')));
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/main.ts', ...(options.args ?? ['--demo'])],
    {
      cwd: REPO_DIR,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? tmpdir(),
        PORT: String(port),
        DATABASE_URL: `file:${join(dir, 'e2e.db')}`,
        IPSAFEZONE_PUBLIC_URL: `http://127.0.0.1:${port}`,
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if ((out.match(/ipsafezone listening on /g) ?? []).length >= hosts.length) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited (${code}) early:\n${out}`)));
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const timeout = setTimeout(() => child.kill('SIGKILL'), 60_000);
  try {
    await ready;
  } catch (err) {
    await stop();
    throw err;
  } finally {
    clearTimeout(timeout);
  }
  const passwords: Record<string, string> = {};
  for (const m of out.matchAll(/^\s+(\S+)\s+password (\S+)/gm)) passwords[m[1]!] = m[2]!;
  return {
    port,
    inside: `http://127.0.0.1:${port}`,
    outside: `http://[::1]:${port}`,
    passwords,
    pid: child.pid!,
    output: () => out,
    stop,
  };
}

/** Launches Debian's Chromium (CHROME_PATH, else /usr/bin/chromium) headless. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** The bytes behind an `<img>`'s src (a data URL, or a URL fetched with the page's cookies). */
export async function imageBytes(page: Page, src: string): Promise<Buffer> {
  const data = /^data:image\/png;base64,(.*)$/.exec(src);
  if (data) return Buffer.from(data[1]!, 'base64');
  const res = await page.request.get(new URL(src, page.url()).toString());
  return Buffer.from(await res.body());
}

/** Fills the widget's username and password and submits. */
export async function submitPassword(page: Page, username: string, password: string) {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Waits for the widget's access pass and returns its PNG bytes. */
export async function accessPass(page: Page): Promise<Buffer> {
  const img = page.locator('[part="access-pass-image"]');
  try {
    await img.waitFor({ state: 'visible', timeout: 15_000 });
  } catch (err) {
    const shown = await page
      .locator('ipsafezone-login')
      .evaluate((el) => `${el.shadowRoot?.textContent ?? ''} | ${el.textContent ?? ''}`);
    throw new Error(`No access pass; the widget shows: ${shown}`, { cause: err });
  }
  return imageBytes(page, (await img.getAttribute('src')) ?? '');
}

/**
 * The simulated phone: opens the newest request for `secSignId` and answers it — the symbol whose
 * image matches `pass` (`right`), another one (`wrong`), or Deny.
 */
export async function answerOnPhone(
  phone: Page,
  origin: string,
  secSignId: string,
  pass: Buffer,
  answer: 'right' | 'wrong' | 'deny',
): Promise<void> {
  await phone.goto(`${origin}/secsign-sim/phone`);
  await phone.locator('#id').fill(secSignId);
  await phone.locator('form.id-form button[type="submit"]').click();
  await phone.locator('li.request button[type="submit"]').first().click();
  if (answer === 'deny') {
    await phone.locator('button.deny').click();
  } else {
    const buttons = phone.locator('button.symbol');
    const count = await buttons.count();
    let right = -1;
    for (let i = 0; i < count; i++) {
      const src = (await buttons.nth(i).locator('img').getAttribute('src')) ?? '';
      if ((await imageBytes(phone, src)).equals(pass)) right = i;
    }
    if (right < 0) throw new Error('No symbol on the phone matches the access pass.');
    await buttons.nth(answer === 'right' ? right : (right + 1) % count).click();
  }
  await phone.locator('p.result').waitFor();
}

/**
 * An administrator's admin-API calls, over HTTP from inside the zone (password suffices there):
 * signs in once as `admin`, then sends JSON with the session cookie and our own Origin. `origin`
 * is where the server is reached (its public URL: the server refuses other host names); `headers`
 * go with every request (`X-Forwarded-For` where loopback is a trusted proxy).
 */
export async function adminClient(
  server: RunningServer,
  origin = server.inside,
  headers: Record<string, string> = {},
) {
  const login = await fetch(`${origin}/api/login/password`, {
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'application/json', Origin: origin },
    body: JSON.stringify({ username: 'admin', password: server.passwords.admin }),
  });
  if (login.status !== 200) throw new Error(`admin login: ${login.status} ${await login.text()}`);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const res = await fetch(`${origin}/api/admin${path}`, {
      method,
      headers: { ...headers, 'Content-Type': 'application/json', Origin: origin, Cookie: cookie },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json: unknown = await res.json();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
}

/** Fills the widget's SecSign ID field (mode `2fa`) and continues. */
export async function submitSecSignId(page: Page, secSignId: string) {
  await page.getByLabel('SecSign ID').fill(secSignId);
  await page.getByRole('button', { name: 'Continue' }).click();
}

/**
 * The usual setup of a test file: one demo server and one browser for all its tests, started
 * before the first and stopped after the last (node:test hooks). Read `env.server` and
 * `env.browser` inside the tests (getters: they are there once the hook has run).
 */
export function serverAndBrowser(): { readonly server: RunningServer; readonly browser: Browser } {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  before(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    get server() {
      if (!server) throw new Error('the demo server is not started yet (read it inside a test)');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('the browser is not launched yet (read it inside a test)');
      return browser;
    },
  };
}

/**
 * Where a test file writes its screenshots: `docs/screenshots/` with `UPDATE_SCREENSHOTS=1` (the
 * README's pictures), else a temporary folder removed after the file's last test (node:test hooks).
 */
export function screenshotFolder(prefix: string): string {
  const update = process.env.UPDATE_SCREENSHOTS === '1';
  const dir = update
    ? join(REPO_DIR, 'docs/screenshots')
    : mkdtempSync(join(tmpdir(), `${prefix}-`));
  before(() => {
    mkdirSync(dir, { recursive: true });
  });
  after(() => {
    if (!update) rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

/**
 * Chromium's virtual authenticator on `page` (DevTools protocol: CTAP2, internal transport,
 * resident keys, the user verified, presence simulated): passkeys without a person. Answers the
 * DevTools session and the authenticator's id.
 */
export async function virtualAuthenticator(
  page: Page,
): Promise<{ cdp: CDPSession; authenticatorId: string }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, authenticatorId };
}
