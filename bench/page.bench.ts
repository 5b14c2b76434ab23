// `npm run bench:page`: how long until someone can type their user name, ipsafezone's `/login`
// against a plain static HTML form (the physical limit for a form) served by this bench on the
// same machine. Chromium (playwright-core, Debian's /usr/bin/chromium) with DevTools network
// emulation and the cache off; each run a fresh browser context, the two pages alternating; the
// time is the page's own clock (ms since navigation start) at the first frame in which the
// user-name field is visible, taken by a watcher the bench puts into the page (each animation
// frame until then; Playwright's own polling waits for a busy main thread, e.g. a script that
// runs after a form the server already drew).
// Prints `page-time-to-form-ratio-fast3g: X` and the medians (docs/performance.md), the bytes that
// had arrived (compressed, as on the wire: DevTools' encodedDataLength of every response's data)
// when the form showed, and for ipsafezone also when the element ran (its `data-step` set: a form
// rendered on the server takes typing before that, but submits only after it).
// `BENCH_FROM=same-site` or `cross-site` starts each load on another page (`/start` on a server
// of its own, a third origin: at 127.0.0.1, or at localhost) and navigates from there by script,
// as a user who comes from Jira's redirect does; unset, each load starts in a new tab.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import type { ServerType } from '@hono/node-server';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { seedBenchDatabase } from './http-seed.js';
import { ROOT, startApp, stop, type Child } from './child-process.js';
import { median } from './timing.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const FROM = process.env.BENCH_FROM ?? '';
if (!['', 'same-site', 'cross-site'].includes(FROM)) {
  throw new Error('BENCH_FROM must be same-site, cross-site or unset.');
}

interface Network {
  name: string;
  /** Round-trip time added to every request, ms; throughput in bytes per second (-1: none). */
  latency: number;
  download: number;
  upload: number;
}

const NETWORKS: Network[] = [
  { name: 'loopback', latency: 0, download: -1, upload: -1 },
  // DevTools' "Fast 3G": 150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up.
  { name: 'fast3g', latency: 150, download: (1.6 * 1024 * 1024) / 8, upload: (750 * 1024) / 8 },
];

/** A plain sign-in form as any server would send it: no script, one small stylesheet inline. */
const PLAIN_FORM = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in</title>
<style>body{font-family:system-ui,sans-serif;display:grid;place-items:center;margin:0;min-height:100vh}
form{display:grid;gap:8px;width:min(360px,90vw)}input,button{font:inherit;padding:8px}</style>
</head><body><main><h1>Sign in</h1>
<form method="post" action="/login"><label>User name <input name="username" autocomplete="username" required></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<button>Sign in</button></form></main></body></html>
`;

/**
 * The headers ipsafezone's `/login` sends that are about the document, not the transfer: the plain
 * form is served with them too at `/login-same-headers`, a second yardstick. One of them,
 * `Cross-Origin-Opener-Policy: same-origin`, makes Chromium put the page into a new browsing
 * context group (a renderer process of its own) on navigation, which costs the page tens of ms
 * before its first frame whatever its bytes (docs/performance.md, "Login page").
 */
const SAME_HEADERS: Record<string, string> = {};
const TRANSFER_HEADERS = new Set([
  'content-length',
  'content-encoding',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'date',
  'vary',
  'x-request-id',
]);

/** The plain form (`/login`, `/login-same-headers`) and, on another port, the start page. */
function startPlain(): Promise<{ server: ServerType; port: number }> {
  const app = new Hono();
  app.get('/login', (c) => c.html(PLAIN_FORM));
  app.get('/login-same-headers', (c) => c.html(PLAIN_FORM, 200, SAME_HEADERS));
  return listen(app);
}

function startStartPage(): Promise<{ server: ServerType; port: number }> {
  const app = new Hono();
  app.get('/start', (c) => c.html('<!doctype html><title>Start</title><p>Another page</p>'));
  return listen(app);
}

function listen(app: Hono): Promise<{ server: ServerType; port: number }> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
      resolve({ server, port: (info as AddressInfo).port }),
    );
  });
}

/**
 * Runs in the page before its own scripts: notes the page's clock at the first animation frame in
 * which the user-name field has a box and is visible (`formShown`), and the first in which the
 * element runs (`elementRuns`). A string: tsx would wrap a function's inner names in a helper the
 * page does not have.
 */
const WATCH_FRAMES = `(() => {
  const frame = () => {
    const input = document.querySelector('input[autocomplete="username"]');
    if (window.formShown === undefined && input?.checkVisibility({ visibilityProperty: true })) {
      window.formShown = performance.now();
    }
    if (window.elementRuns === undefined && document.querySelector('ipsafezone-login[data-step]')) {
      window.elementRuns = performance.now();
    }
    const plain = !document.querySelector('ipsafezone-login') && document.readyState !== 'loading';
    if (window.formShown === undefined || (window.elementRuns === undefined && !plain)) {
      requestAnimationFrame(frame);
    }
  };
  requestAnimationFrame(frame);
})();`;

interface Sample {
  /** Ms from navigation start until the user-name field is visible. */
  form: number;
  /** Response bytes (compressed) received until then. */
  bytes: number;
  /** Ms until the element runs (`data-step` on `<ipsafezone-login>`); NaN on the plain page. */
  running: number;
}

/** One page load in a fresh context: when the form shows, the bytes until then, when it runs. */
async function timeToForm(
  browser: Browser,
  url: string,
  net: Network,
  from?: string,
): Promise<Sample> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    // Data arrivals by DevTools' monotonic clock (s), decoded; each response's size on the wire
    // (DevTools reports it per response once loaded); its offset to the wall clock from a request.
    const arrivals: { id: string; at: number; bytes: number }[] = [];
    const wire = new Map<string, number>();
    let wallOffset = NaN;
    cdp.on('Network.requestWillBeSent', (e) => {
      if (Number.isNaN(wallOffset)) wallOffset = e.wallTime - e.timestamp;
    });
    cdp.on('Network.dataReceived', (e) => {
      arrivals.push({ id: e.requestId, at: e.timestamp, bytes: e.dataLength });
    });
    cdp.on('Network.loadingFinished', (e) => wire.set(e.requestId, e.encodedDataLength));
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: net.latency,
      downloadThroughput: net.download,
      uploadThroughput: net.upload,
    });
    if (from) {
      await page.goto(from, { waitUntil: 'load' });
      arrivals.length = 0; // the start page's bytes are not the form's
      wire.clear();
    }
    await page.addInitScript(WATCH_FRAMES);
    if (from) {
      await Promise.all([
        page.waitForURL(url, { waitUntil: 'commit' }),
        page.evaluate((to) => window.location.assign(to), url),
      ]);
    } else {
      await page.goto(url, { waitUntil: 'commit' });
    }
    await page.waitForFunction(() => (window as unknown as { formShown?: number }).formShown);
    const shown = await page.evaluate(() => [
      (window as unknown as { formShown: number }).formShown,
      performance.timeOrigin,
    ]);
    const [form, origin] = shown as [number, number];
    const until = (origin + form) / 1000 - wallOffset;
    await page.waitForLoadState('load');
    // A compressed response's bytes on the wire until then: its share of the decoded bytes.
    let bytes = 0;
    for (const [id, encoded] of wire) {
      const all = arrivals.filter((x) => x.id === id);
      const total = all.reduce((sum, x) => sum + x.bytes, 0);
      const early = all.filter((x) => x.at <= until).reduce((sum, x) => sum + x.bytes, 0);
      if (total) bytes += Math.round((encoded * early) / total);
    }
    let running = NaN;
    if (await page.locator('ipsafezone-login').count()) {
      await page.waitForFunction(() => (window as unknown as { elementRuns?: number }).elementRuns);
      running = await page.evaluate(
        () => (window as unknown as { elementRuns: number }).elementRuns,
      );
    }
    return { form, bytes, running };
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  if (!existsSync(join(ROOT, 'dist', 'ipsafezone-login.js'))) {
    throw new Error('dist/ipsafezone-login.js is missing: run npm run build first.');
  }
  const dir = mkdtempSync(join(tmpdir(), 'ipsz-bench-page-'));
  let app: Child | null = null;
  const plain = await startPlain();
  const other = await startStartPage();
  const browser = await chromium.launch({
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
  try {
    const url = `file:${join(dir, 'bench.db')}`;
    // Loopback is inside: the page shows the password form, as in the office.
    await seedBenchDatabase(url, { users: 0, ranges: ['127.0.0.0/8'] });
    app = await startApp(url);
    const targets = {
      plain: `http://127.0.0.1:${plain.port}/login`,
      'plain-same-headers': `http://127.0.0.1:${plain.port}/login-same-headers`,
      ipsafezone: `http://127.0.0.1:${app.port}/login`,
    };
    const start = { '': undefined, 'same-site': '127.0.0.1', 'cross-site': 'localhost' }[FROM];
    const from = start && `http://${start}:${other.port}/start`;
    if (from) console.log(`# each load starts at ${from}`);
    const ours = await fetch(targets.ipsafezone);
    await ours.arrayBuffer();
    for (const [name, value] of ours.headers) {
      if (!TRANSFER_HEADERS.has(name)) SAME_HEADERS[name] = value;
    }
    for (const net of NETWORKS) {
      const samples: Record<keyof typeof targets, Sample[]> = {
        plain: [],
        'plain-same-headers': [],
        ipsafezone: [],
      };
      await timeToForm(browser, targets.ipsafezone, net); // warm-up: JIT, file caches
      for (let r = 0; r < RUNS; r++) {
        for (const key of ['plain', 'plain-same-headers', 'ipsafezone'] as const) {
          samples[key].push(await timeToForm(browser, targets[key], net, from));
        }
      }
      const of = (key: keyof typeof targets, field: keyof Sample) =>
        samples[key].map((s) => s[field]);
      const p = median(of('plain', 'form'));
      const i = median(of('ipsafezone', 'form'));
      console.log(`# ${net.name}: plain ${of('plain', 'form').map(Math.round).join(', ')}`);
      console.log(
        `# ${net.name}: ipsafezone ${of('ipsafezone', 'form').map(Math.round).join(', ')}`,
      );
      console.log(`page-time-to-form-plain-${net.name}-ms: ${Math.round(p)}`);
      console.log(`page-time-to-form-ipsafezone-${net.name}-ms: ${Math.round(i)}`);
      const h = median(of('plain-same-headers', 'form'));
      console.log(
        `# ${net.name}: plain with our headers ${of('plain-same-headers', 'form').map(Math.round).join(', ')}`,
      );
      console.log(`page-time-to-form-plain-same-headers-${net.name}-ms: ${Math.round(h)}`);
      console.log(`page-time-to-form-ratio-${net.name}: ${Number((i / p).toFixed(2))}`);
      console.log(
        `page-time-to-form-ratio-${net.name}-same-headers: ${Number((i / h).toFixed(2))}`,
      );
      console.log(`page-bytes-until-form-plain-${net.name}: ${median(of('plain', 'bytes'))}`);
      console.log(
        `page-bytes-until-form-ipsafezone-${net.name}: ${median(of('ipsafezone', 'bytes'))}`,
      );
      const running = Math.round(median(of('ipsafezone', 'running')));
      console.log(`page-time-to-running-ipsafezone-${net.name}-ms: ${running}`);
    }
  } finally {
    await browser.close();
    plain.server.close();
    other.server.close();
    if (app) await stop(app);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
