// `npm run bench:page`: how long until someone can type their user name, ipsafezone's `/login`
// against a plain static HTML form (the physical limit for a form) served by this bench on the
// same machine. Chromium (playwright-core, Debian's /usr/bin/chromium) with DevTools network
// emulation and the cache off; each run a fresh browser context, the two pages alternating; the
// time is the page's own clock (ms since navigation start) when the user-name field is visible.
// Prints `page-time-to-form-ratio-fast3g: X` and the medians (docs/performance.md).
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

const RUNS = Number(process.env.BENCH_RUNS ?? 5);

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

function startPlain(): Promise<{ server: ServerType; port: number }> {
  const app = new Hono();
  app.get('/login', (c) => c.html(PLAIN_FORM));
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
      resolve({ server, port: (info as AddressInfo).port }),
    );
  });
}

/** Milliseconds from navigation start to the user-name field being visible, in a fresh context. */
async function timeToForm(browser: Browser, url: string, net: Network): Promise<number> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: net.latency,
      downloadThroughput: net.download,
      uploadThroughput: net.upload,
    });
    await page.goto(url, { waitUntil: 'commit' });
    await page.locator('input[autocomplete="username"]').waitFor({ state: 'visible' });
    return await page.evaluate(() => performance.now());
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
      ipsafezone: `http://127.0.0.1:${app.port}/login`,
    };
    for (const net of NETWORKS) {
      const times: Record<keyof typeof targets, number[]> = { plain: [], ipsafezone: [] };
      await timeToForm(browser, targets.ipsafezone, net); // warm-up: JIT, file caches
      for (let r = 0; r < RUNS; r++) {
        for (const key of ['plain', 'ipsafezone'] as const) {
          times[key].push(await timeToForm(browser, targets[key], net));
        }
      }
      const p = median(times.plain);
      const i = median(times.ipsafezone);
      console.log(`# ${net.name}: plain ${times.plain.map(Math.round).join(', ')}`);
      console.log(`# ${net.name}: ipsafezone ${times.ipsafezone.map(Math.round).join(', ')}`);
      console.log(`page-time-to-form-plain-${net.name}-ms: ${Math.round(p)}`);
      console.log(`page-time-to-form-ipsafezone-${net.name}-ms: ${Math.round(i)}`);
      console.log(`page-time-to-form-ratio-${net.name}: ${Number((i / p).toFixed(2))}`);
    }
  } finally {
    await browser.close();
    plain.server.close();
    if (app) await stop(app);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
