/**
 * End to end with the real server (`--demo`) and Debian's Chromium (issue 18): bob, who has no
 * SecSign ID, enrols an authenticator app on /profile from inside the zone (the QR code shown, the
 * first code confirmed, ten recovery codes shown once), then signs in from outside with "Use
 * another way" → authenticator app → password → code. Codes come from `otpauth` at the real clock.
 * Screenshots of the enrolment and the code step go to docs/screenshots/ when
 * UPDATE_SCREENSHOTS=1, else to a temp dir.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { Secret, TOTP } from 'otpauth';
import {
  REPO_DIR,
  launchBrowser,
  startServer,
  submitPassword,
  type RunningServer,
} from './harness.js';

const update = process.env.UPDATE_SCREENSHOTS === '1';
const outDir = update
  ? join(REPO_DIR, 'docs/screenshots')
  : mkdtempSync(join(tmpdir(), 'ipsafezone-factor-shots-'));

let server: RunningServer;
let browser: Browser;

before(async () => {
  mkdirSync(outDir, { recursive: true });
  [server, browser] = await Promise.all([
    startServer({ env: { IPSAFEZONE_SECRET_KEY: 'e2e-factors-secret-key-0123456789abcdef' } }),
    launchBrowser(),
  ]);
});
after(async () => {
  await browser?.close();
  await server?.stop();
  if (!update) rmSync(outDir, { recursive: true, force: true });
});

const codeAt = (secret: string, ms: number) =>
  new TOTP({ secret: Secret.fromBase32(secret), period: 30, digits: 6 }).generate({
    timestamp: ms,
  });

test('enrol an authenticator app on /profile inside, then sign in from outside with it', async () => {
  const context = await browser.newContext({
    locale: 'en-US',
    viewport: { width: 1000, height: 900 },
    colorScheme: 'light',
  });
  const inside = await context.newPage();
  await inside.goto(`${server.inside}/login?return_to=/profile`);
  await submitPassword(inside, 'bob', server.passwords.bob!);
  await inside.waitForURL(/\/profile$/);
  await inside.getByRole('button', { name: 'Add an authenticator app' }).click();
  const qr = inside.getByRole('img', { name: 'QR code for your authenticator app' });
  await qr.waitFor();
  assert.match((await qr.getAttribute('src')) ?? '', /^data:image\/svg\+xml/);
  const secret = (await inside.locator('[data-key]').textContent())!.trim();
  assert.match(secret, /^[A-Z2-7]{32}$/);
  await inside.getByLabel('Name (e.g. “Work phone”)').fill('Work phone');
  await inside.screenshot({ path: join(outDir, 'totp-enrolment.png'), fullPage: true });
  await inside.getByLabel('Code from the app').fill(codeAt(secret, Date.now()));
  await inside.getByRole('button', { name: 'Confirm' }).click();
  const codes = inside.locator('[data-recovery-codes] code');
  await codes.first().waitFor();
  assert.equal(await codes.count(), 10);
  assert.match(await inside.locator('[data-factor=totp]').innerText(), /Work phone/);

  const outside = await context.newPage();
  await outside.goto(`${server.outside}/login`);
  await outside.getByRole('button', { name: 'Use another way' }).click();
  await outside.getByRole('button', { name: 'Code from an authenticator app' }).click();
  await submitPassword(outside, 'bob', server.passwords.bob!);
  const codeField = outside.getByLabel('Code from your authenticator app');
  await codeField.waitFor();
  await outside.screenshot({ path: join(outDir, 'totp-code-step.png'), fullPage: true });
  // The enrolment used this time step: the next one's code (accepted: one step ahead).
  await codeField.fill(codeAt(secret, Date.now() + 30_000));
  await outside.getByRole('button', { name: 'Confirm' }).click();
  // Signed in: the widget shows it, and then the page goes where /login returns to (`/`) — on a
  // busy machine that can happen before the step is seen, so either counts (Promise.any: the other
  // wait's failure when the page closes is handled); the session below decides.
  await Promise.any([
    outside.waitForFunction(
      () => document.querySelector('ipsafezone-login')?.getAttribute('data-step') === 'signed-in',
    ),
    outside.waitForURL((url) => !url.pathname.startsWith('/login')),
  ]);
  const session = await (await outside.request.get(`${server.outside}/api/session`)).json();
  assert.equal(session.session.factors, 'password+totp');
  await context.close();
});
