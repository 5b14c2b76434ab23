/**
 * The admin page's report-only section (issue 27 §3) in Chromium against the demo server, end to
 * end: a draft without the demo zone is started through the admin API, the demo users sign in with
 * their passwords from inside (the live policy lets them), and the section shows what the draft
 * would have asked of them — screenshot `admin-report-only.png` for the README. Written to
 * docs/screenshots/ when UPDATE_SCREENSHOTS=1 (then committed), else to a temporary folder.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser, startServer, screenshotFolder, type RunningServer } from './harness.js';

const outDir = screenshotFolder('ipsafezone-shots');

let server: RunningServer;
let browser: Browser;

before(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the report-only section shows live against draft after real sign-ins', async () => {
  const context = await browser.newContext({
    locale: 'en-US',
    viewport: { width: 1000, height: 720 },
    colorScheme: 'light',
  });
  const page = await context.newPage();
  const headers = { Origin: server.inside };
  const signIn = (username: string) =>
    page.request.post(`${server.inside}/api/login/password`, {
      data: { username, password: server.passwords[username] },
      headers,
    });
  assert.equal((await signIn('admin')).status(), 200);
  const started = await page.request.post(`${server.inside}/api/admin/policy/draft`, {
    data: { zones: [], reportDays: 14 },
    headers,
  });
  assert.equal(started.status(), 201, await started.text());

  // Every demo user with a password signs in from inside, in a browser of their own.
  const others = Object.keys(server.passwords).filter((u) => u !== 'admin');
  assert.ok(others.length > 0, 'the demo has users with passwords');
  for (const username of others) {
    const own = await browser.newContext();
    const res = await own.request.post(`${server.inside}/api/login/password`, {
      data: { username, password: server.passwords[username] },
      headers,
    });
    assert.equal(res.status(), 200, `${username}: ${await res.text()}`);
    await own.close();
  }
  assert.equal((await signIn('admin')).status(), 200);

  await page.goto(`${server.inside}/admin#drafts`);
  await page.locator('ipsz-drafts-section figure svg').waitFor();
  const tiles = await page.locator('ipsz-drafts-section .tiles').innerText();
  assert.match(tiles, new RegExp(`${others.length + 1}\\s+Would have needed more than live`));
  const file = join(outDir, 'admin-report-only.png');
  await page.screenshot({ path: file, fullPage: true });
  assert.ok(readFileSync(file).length > 2_000, 'the screenshot has content');
  await context.close();
});
