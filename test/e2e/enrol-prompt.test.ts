/**
 * The enrolment campaign end to end (issue 27 §4), as a person meets it: the demo server, the
 * campaign switched on through the admin API, Bob (no second factor) signs in with his password on
 * the Jira-style login page inside the zone — the widget asks him to set up a second factor by the
 * deadline; "Set it up now" opens his profile. A screenshot of the prompt for the docs
 * (docs/screenshots/enrol-prompt.png when UPDATE_SCREENSHOTS=1, else a temp dir).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { adminClient, screenshotFolder, serverAndBrowser, submitPassword } from './harness.js';

const outDir = screenshotFolder('ipsafezone-enrol');

const env = serverAndBrowser();

test('Bob is asked to set up a second factor; "Set it up now" opens his profile', async () => {
  const admin = await adminClient(env.server);
  await admin('PATCH', '/enrolment', { withinDays: 30 });
  const context = await env.browser.newContext({
    locale: 'en-US',
    viewport: { width: 1000, height: 720 },
    colorScheme: 'light',
  });
  const page = await context.newPage();
  await page.goto(`${env.server.inside}/demo/jira/login`);
  await submitPassword(page, 'bob', env.server.passwords.bob!);
  const region = page.getByRole('region', { name: 'Set up a second factor' });
  await region.waitFor();
  assert.match((await region.textContent()) ?? '', /By .+ it will be required/);
  const later = page.getByRole('button', { name: 'Later' });
  assert.equal(await later.isVisible(), true);
  const file = join(outDir, 'enrol-prompt.png');
  await page.screenshot({ path: file, fullPage: true });
  assert.ok(readFileSync(file).length > 2_000, 'the screenshot has content');

  await page.getByRole('button', { name: 'Set it up now' }).click();
  await page.waitForURL(/\/profile#second-factors$/);
  await page.getByRole('heading', { name: 'Second factors' }).waitFor();
  await context.close();
});
