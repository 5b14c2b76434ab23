/**
 * Apache's `mod_auth_openidc` (Debian's libapache2-mod-auth-openidc) as a relying party of
 * ipsafezone: Chromium reaches the protected page only after signing in on our login page, and the
 * page sees `REMOTE_USER` from `preferred_username`. Driven by Chromium because the module answers
 * 401 instead of redirecting when a request carries `Sec-Fetch-Mode: cors` (as Node's fetch does).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { registerClient } from './oidc-rp.js';
import {
  freePort,
  launchBrowser,
  startServer,
  submitPassword,
  type RunningServer,
} from './harness.js';
import { startApache, type ApacheRp } from './oidc-apache.js';

let browser: Browser;
let server: RunningServer;
let apache: ApacheRp;
let dir: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ipsafezone-oidc-apache-'));
  const databaseUrl = `file:${join(dir, 'apache.db')}`;
  const apachePort = await freePort();
  const redirectUri = `http://127.0.0.1:${apachePort}/protected/redirect_uri`;
  const secret = await registerClient(databaseUrl, 'apache', redirectUri);
  [browser, server] = await Promise.all([
    launchBrowser(),
    startServer({
      env: {
        DATABASE_URL: databaseUrl,
        IPSAFEZONE_SECRET_KEY: 'apache-e2e-secret-key-0123456789abcdefgh',
      },
    }),
  ]);
  apache = await startApache({
    port: apachePort,
    issuer: server.inside,
    clientId: 'apache',
    secret,
  });
});
after(async () => {
  await browser?.close();
  await apache?.stop();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('the protected page behind mod_auth_openidc is reached only after signing in through ipsafezone', async () => {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(`${apache.origin}/protected/index.shtml`);
  await page.waitForURL(/\/login\?return_to=%2Foidc%2Finteraction%2F/, { timeout: 15_000 });
  assert.ok(page.url().startsWith(server.inside), page.url());
  await submitPassword(page, 'alice', server.passwords.alice!);
  await page.waitForURL(`${apache.origin}/protected/index.shtml`, { timeout: 15_000 });
  assert.equal(await page.locator('#user').textContent(), 'REMOTE_USER=alice', apache.log());
  assert.equal(await page.locator('#email').textContent(), 'alice@example.com');
  await context.close();

  // A new browser without a session is sent to sign in again.
  const other = await browser.newContext();
  const fresh = await other.newPage();
  await fresh.goto(`${apache.origin}/protected/index.shtml`);
  await fresh.waitForURL(/\/login\?return_to=/, { timeout: 15_000 });
  await other.close();
});
