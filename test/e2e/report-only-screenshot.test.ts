/**
 * The admin page's report-only section (issue 27 §3) in Chromium against the demo server, end to
 * end: a draft without the demo zone is started through the admin API, the demo users sign in with
 * their passwords from inside (the live policy lets them), and the section shows what the draft
 * would have asked of them — screenshot `admin-report-only.png` for the README. Written to
 * docs/screenshots/ when UPDATE_SCREENSHOTS=1 (then committed), else to a temporary folder.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { screenshotFolder, serverAndBrowser } from './harness.js';

const outDir = screenshotFolder('ipsafezone-shots');

const env = serverAndBrowser();

test('the report-only section shows live against draft after real sign-ins', async () => {
  const context = await env.browser.newContext({
    locale: 'en-US',
    viewport: { width: 1000, height: 720 },
    colorScheme: 'light',
  });
  const page = await context.newPage();
  const headers = { Origin: env.server.inside };
  const signIn = (username: string) =>
    page.request.post(`${env.server.inside}/api/login/password`, {
      data: { username, password: env.server.passwords[username] },
      headers,
    });
  assert.equal((await signIn('admin')).status(), 200);
  const started = await page.request.post(`${env.server.inside}/api/admin/policy/draft`, {
    data: { zones: [], reportDays: 14 },
    headers,
  });
  assert.equal(started.status(), 201, await started.text());

  // Every demo user with a password signs in from inside, in a browser of their own.
  const others = Object.keys(env.server.passwords).filter((u) => u !== 'admin');
  assert.ok(others.length > 0, 'the demo has users with passwords');
  for (const username of others) {
    const own = await env.browser.newContext();
    const res = await own.request.post(`${env.server.inside}/api/login/password`, {
      data: { username, password: env.server.passwords[username] },
      headers,
    });
    assert.equal(res.status(), 200, `${username}: ${await res.text()}`);
    await own.close();
  }
  assert.equal((await signIn('admin')).status(), 200);

  await page.goto(`${env.server.inside}/admin#drafts`);
  await page.locator('ipsz-drafts-section figure svg').waitFor();
  const tiles = await page.locator('ipsz-drafts-section .tiles').innerText();
  assert.match(tiles, new RegExp(`${others.length + 1}\\s+Would have needed more than live`));
  const file = join(outDir, 'admin-report-only.png');
  await page.screenshot({ path: file, fullPage: true });
  assert.ok(readFileSync(file).length > 2_000, 'the screenshot has content');
  await context.close();
});
