/**
 * Screenshots of each main screen in Chromium, for the README: the demo start page, the Jira-style
 * login inside the zone, the widget in Jira's login page styled by AUI 10's real CSS (light and
 * dark), the Confluence-style access pass step outside, the simulated phone with its
 * symbols, the admin page (settings, the overview's charts, the audit log, the zones on a phone) and
 * the protected page; and the impact preview before Save on the admin page (issue 27), in English
 * and German, checking that nothing was saved while it was shown. Written to docs/screenshots/ when
 * UPDATE_SCREENSHOTS=1 (then committed), else to a temp dir, so a plain run leaves the tree clean.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { ATLASSIAN_LOGIN_PAGES, AUI_CSS } from '../support/atlassian-pages.js';
import {
  accessPass,
  REPO_DIR,
  screenshotFolder,
  serverAndBrowser,
  submitPassword,
  submitSecSignId,
} from './harness.js';

const outDir = screenshotFolder('ipsafezone-shots');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const env = serverAndBrowser();

async function shoot(page: Page, name: string): Promise<void> {
  const file = join(outDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  const bytes = readFileSync(file);
  assert.ok(bytes.subarray(0, 8).equals(PNG_SIGNATURE), `${name}.png is a PNG`);
  assert.ok(bytes.length > 2_000, `${name}.png has content`);
}

/**
 * The widget where Jira's login form was, in Jira's login markup under AUI 10's real stylesheet,
 * with Jira's colour-mode attributes and the system in the same mode. The page and AUI's files are
 * answered by the browser on the server's own origin; the widget and its API are the real server's.
 */
async function shootAuiPage(mode: 'light' | 'dark'): Promise<void> {
  const context = await env.browser.newContext({
    locale: 'en-US',
    viewport: { width: 1000, height: 720 },
    colorScheme: mode,
  });
  const page = await context.newPage();
  const { body, bodyId, bodyClass } = ATLASSIAN_LOGIN_PAGES.jira;
  const html = `<!doctype html>
<html lang="en" data-color-mode="${mode}" data-theme="dark:dark light:light">
<head><meta charset="utf-8"><title>Log in - Jira</title>
<link rel="stylesheet" href="/aui-page/aui-prototyping.css">
<script type="module" src="/widget/ipsafezone-login.js"></script></head>
<body id="${bodyId}" class="${bodyClass}">${body.replace(
    '<div id="login-slot" class="login-form-container">',
    '$&<ipsafezone-login return-to="/aui-page/login"></ipsafezone-login>',
  )}</body></html>`;
  await page.route(`${env.server.inside}/aui-page/**`, (route) => {
    const path = new URL(route.request().url()).pathname.slice('/aui-page/'.length);
    return path === 'login'
      ? route.fulfill({ contentType: 'text/html', body: html })
      : route.fulfill({ path: join(REPO_DIR, dirname(AUI_CSS), path) });
  });
  await page.goto(`${env.server.inside}/aui-page/login`);
  await page.getByLabel('Password', { exact: true }).waitFor();
  await shoot(page, `widget-aui-${mode}`);
  await context.close();
}

test('screenshots of each main screen', async () => {
  const context = await env.browser.newContext({
    locale: 'en-US',
    viewport: { width: 1000, height: 720 },
    colorScheme: 'light',
  });
  const page = await context.newPage();

  await page.goto(`${env.server.inside}/`);
  await shoot(page, 'demo-start');

  await page.goto(`${env.server.inside}/demo/jira/login`);
  await page.getByLabel('Password', { exact: true }).waitFor();
  await shoot(page, 'login-inside-jira');

  for (const mode of ['light', 'dark'] as const) {
    await shootAuiPage(mode);
  }

  const outside = await context.newPage();
  await outside.goto(`${env.server.outside}/demo/confluence/login`);
  await submitSecSignId(outside, 'alice.example');
  await accessPass(outside);
  await shoot(outside, 'access-pass-outside-confluence');

  const phone = await context.newPage();
  await phone.setViewportSize({ width: 420, height: 800 });
  await phone.goto(`${env.server.outside}/secsign-sim/phone`);
  await phone.locator('#id').fill('alice.example');
  await phone.locator('form.id-form button[type="submit"]').click();
  await phone.locator('li.request button[type="submit"]').first().click();
  await phone.locator('button.symbol').first().waitFor();
  await shoot(phone, 'simulated-phone');

  await submitPassword(page, 'admin', env.server.passwords.admin!);
  await page.waitForURL(/\/demo\/app$/);
  await shoot(page, 'protected-page');

  const admin = await page.context().request.get(`${env.server.inside}/admin`);
  if (admin.ok() && (admin.headers()['content-type'] ?? '').startsWith('text/html')) {
    await page.goto(`${env.server.inside}/admin`);
    await page.waitForLoadState('networkidle');
    await shoot(page, 'admin-page');
    // A few failed attempts, so the overview has more than one colour to show.
    for (const [username, password] of [
      ['alex', 'wrong'],
      ['alex', 'wrong again'],
      ['admin', 'not it'],
    ]) {
      await page.request.post(`${env.server.inside}/api/login/password`, {
        data: { username, password },
        headers: { Origin: env.server.inside },
      });
    }
    await page.goto(`${env.server.inside}/admin#overview`);
    await page.locator('ipsz-overview-section [data-chart=time] svg').waitFor();
    await shoot(page, 'admin-overview');
    await page.goto(`${env.server.inside}/admin#audit`);
    await page.locator('ipsz-audit-section tr[data-entry]').first().waitFor();
    await shoot(page, 'admin-audit');
    // A zone with long ranges: on a phone each address stays whole, and the table scrolls.
    const zone = await page.request.post(`${env.server.inside}/api/admin/zones`, {
      data: {
        name: 'Branch office',
        ranges: ['192.168.100.0 – 192.168.100.255', '2001:db8:abcd:ef01::/64'],
      },
      headers: { Origin: env.server.inside },
    });
    assert.equal(zone.status(), 201, await zone.text());
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto(`${env.server.inside}/admin#zones`);
    await page.locator('ipsz-zones-section tr[data-zone]').first().waitFor();
    await shoot(page, 'admin-zones-phone');
  }
  await context.close();
});

/** The administrator signed in on /admin in a browser context of `locale`, in section `nav`. */
async function adminPage(locale: string, nav: string): Promise<Page> {
  const context = await env.browser.newContext({
    locale,
    viewport: { width: 1000, height: 720 },
    colorScheme: 'light',
  });
  const page = await context.newPage();
  await page.goto(`${env.server.inside}/admin`);
  if (locale.startsWith('de')) {
    await page.getByLabel('Benutzername').fill('admin');
    await page.getByLabel('Passwort', { exact: true }).fill(env.server.passwords.admin!);
    await page.getByRole('button', { name: 'Anmelden' }).click();
  } else await submitPassword(page, 'admin', env.server.passwords.admin!);
  await page.waitForURL(/\/admin(#.*)?$/);
  await page.getByRole('button', { name: nav, exact: true }).click();
  return page;
}

test('screenshots of the impact preview before Save, English and German', async () => {
  // A history to replay: the demo users sign in from inside the zone with their passwords.
  const ctx = await env.browser.newContext();
  for (let i = 0; i < 3; i++) {
    for (const username of ['alice', 'bob', 'admin']) {
      const r = await ctx.request.post(`${env.server.inside}/api/login/password`, {
        data: { username, password: env.server.passwords[username] },
        headers: { Origin: env.server.inside },
      });
      assert.equal(r.status(), 200, `${username}: ${await r.text()}`);
    }
  }
  await ctx.close();

  const en = await adminPage('en-US', 'Zones');
  await en.getByRole('button', { name: 'Disable: Demo office', exact: true }).click();
  const gate = en.getByRole('region', { name: 'Before you save: what this change would do' });
  await gate.getByRole('heading', { name: 'What this change would have done' }).waitFor();
  await gate.getByRole('table').waitFor();
  await gate.getByRole('button', { name: 'Save anyway', exact: true }).waitFor();
  await shoot(en, 'admin-preview-before-save');
  const zones = await en.request.get(`${env.server.inside}/api/admin/zones`);
  const office = (
    (await zones.json()) as { zones: { name: string; enabled: boolean }[] }
  ).zones.find((z) => z.name === 'Demo office');
  assert.equal(office?.enabled, true, 'nothing saved while the preview is shown');
  await en.context().close();

  const de = await adminPage('de-DE', 'Zonen');
  await de.getByRole('button', { name: 'Deaktivieren: Demo office', exact: true }).click();
  const vor = de.getByRole('region', {
    name: 'Vor dem Speichern: was diese Änderung bewirken würde',
  });
  await vor.getByRole('heading', { name: 'Was diese Änderung bewirkt hätte' }).waitFor();
  await vor.getByRole('table').waitFor();
  await vor.getByRole('button', { name: 'Trotzdem speichern', exact: true }).waitFor();
  await shoot(de, 'admin-preview-before-save-de');
  const again = await de.request.get(`${env.server.inside}/api/admin/zones`);
  const still = ((await again.json()) as { zones: { name: string; enabled: boolean }[] }).zones;
  assert.equal(still.find((z) => z.name === 'Demo office')?.enabled, true);
  await de.context().close();
});
