/**
 * The widget embedded by a page on another origin, in Chromium against the real server (issue 17):
 * - a page on ANOTHER SITE (127.0.0.2) that is an allowed origin: the password is right and the API
 *   answers 200, but the browser refuses the `SameSite=Lax` session cookie of a cross-site answer —
 *   the widget must say so (`session_not_kept`) and never report success;
 * - a page whose origin is NOT allowed: the refusal reaches the widget labelled (`forbidden_origin`,
 *   403), not as "cannot reach the server";
 * - the product's login page when the element never starts (JavaScript off, or the script cannot
 *   load): its fallback text covers both.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import {
  freePort,
  launchBrowser,
  startServer,
  submitPassword,
  type RunningServer,
} from './harness.js';

let server: RunningServer;
let browser: Browser;
const pages: Server[] = [];

/** A plain page server on `host` that embeds the widget from the ipsafezone server. */
async function embeddingPage(host: string, backend: string): Promise<string> {
  const html = `<!doctype html><html lang="en"><head><title>Embedding page</title>
<script type="module" src="${backend}/widget/ipsafezone-login.js"></script></head>
<body><main><h1>Another site</h1>
<ipsafezone-login server="${backend}"></ipsafezone-login></main>
<script>
  window.seen = [];
  for (const type of ['ipsafezone-success', 'ipsafezone-error']) {
    document.addEventListener(type, (e) => {
      e.preventDefault();
      window.seen.push({ type, code: e.detail.code, status: e.detail.status });
    });
  }
</script></body></html>`;
  const s = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((resolve) => s.listen(0, host, () => resolve()));
  pages.push(s);
  return `http://${host}:${(s.address() as AddressInfo).port}`;
}

const seen = (page: Page) =>
  page.evaluate(
    () => (window as unknown as { seen: { type: string; code?: string; status?: number }[] }).seen,
  );

const shown = (page: Page) =>
  page
    .locator('ipsafezone-login')
    .evaluate((el) => el.shadowRoot?.querySelector('[part~=status]')?.textContent?.trim() ?? '');

let otherSite = '';
let notAllowed = '';

before(async () => {
  const port = await freePort(true);
  const backend = `http://127.0.0.1:${port}`;
  // The page servers must be known before the server starts (its allowed origins).
  otherSite = await embeddingPage('127.0.0.2', backend);
  notAllowed = await embeddingPage('127.0.0.1', backend);
  [server, browser] = await Promise.all([
    startServer({ port, env: { IPSAFEZONE_ALLOWED_ORIGINS: otherSite } }),
    launchBrowser(),
  ]);
});
after(async () => {
  await browser?.close();
  await server?.stop();
  for (const s of pages) s.close();
});

test('another site: a refused session cookie is reported, never success', async () => {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(otherSite);
  await page.getByLabel('Username').waitFor();
  await submitPassword(page, 'admin', server.passwords.admin!);
  await page.waitForFunction(() => (window as unknown as { seen: unknown[] }).seen.length > 0);
  assert.deepEqual(await seen(page), [
    { type: 'ipsafezone-error', code: 'session_not_kept', status: 0 },
  ]);
  assert.match(await shown(page), /different sites, so the cookie was blocked/);
  const me = await page.evaluate(
    async (b) => (await fetch(`${b}/api/session`, { credentials: 'include' })).json(),
    server.inside,
  );
  assert.equal(me.user, null);
  await context.close();
});

test('an origin that is not allowed is told so, not "cannot reach the server"', async () => {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(notAllowed);
  await page.waitForFunction(() => (window as unknown as { seen: unknown[] }).seen.length > 0);
  assert.deepEqual(await seen(page), [
    { type: 'ipsafezone-error', code: 'forbidden_origin', status: 403 },
  ]);
  assert.match(await shown(page), /not allowed to use the sign-in server/);
  await context.close();
});

test('the login page says what to do when the element cannot start, and needs nothing else to show the form', async () => {
  const fallback = /JavaScript is off, or the sign-in server cannot be reached/;
  const noJs = await browser.newContext({ locale: 'en-US', javaScriptEnabled: false });
  const page = await noJs.newPage();
  await page.goto(`${server.inside}/login`);
  assert.match(await page.locator('ipsafezone-login').innerText(), fallback);
  await noJs.close();

  // The page carries the widget and its first zone answer inline (issue 13): with the widget's
  // address and the API unreachable after the page arrived, the form still appears.
  const down = await browser.newContext({ locale: 'en-US' });
  const page2 = await down.newPage();
  await page2.route('**/widget/**', (route) => route.abort('connectionrefused'));
  await page2.route('**/api/**', (route) => route.abort('connectionrefused'));
  await page2.goto(`${server.inside}/login`);
  await page2.locator('input[autocomplete="username"]').waitFor({ state: 'visible' });
  assert.doesNotMatch(await page2.locator('ipsafezone-login').innerText(), fallback);
  await down.close();
});
