/**
 * axe (axe-core, run in the page, through the open shadow roots) on the real admin page — every
 * section — and the profile page, in Chromium against the real server, light and dark, English and
 * German: no violations. Issue 17 found `page-has-heading-one` on every section; this keeps all of
 * axe's WCAG 2 A/AA and best-practice rules passing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { serverAndBrowser } from './harness.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const SECTIONS = ['overview', 'settings', 'zones', 'users', 'test', 'audit'];

const env = serverAndBrowser();

/** axe's violations on the page as it is now: `rule: target, …` lines. */
async function violations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document): Promise<any> } }).axe;
    const r = await axe.run(document);
    return r.violations.map(
      (v: { id: string; nodes: { target: unknown[] }[] }) =>
        `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`,
    );
  });
  return found as string[];
}

async function signedIn(locale: string, colorScheme: 'light' | 'dark'): Promise<Page> {
  // bypassCSP: only so that axe's script may be added; the pages themselves are unchanged.
  const context = await env.browser.newContext({
    locale,
    colorScheme,
    viewport: { width: 1000, height: 800 },
    bypassCSP: true,
  });
  const page = await context.newPage();
  await page.goto(`${env.server.inside}/login`);
  await page.locator('input[name=username]').fill('admin');
  await page.locator('input[name=password]').fill(env.server.passwords.admin!);
  await page.locator('button.ipsz-submit').click();
  await page.waitForURL(`${env.server.inside}/`);
  return page;
}

async function checkSections(page: Page) {
  await page.goto(`${env.server.inside}/admin`);
  for (const section of SECTIONS) {
    await page.locator(`nav button[data-section=${section}]`).click();
    await page.waitForLoadState('networkidle');
    await page.locator(`ipsz-${section}-section h2`).waitFor();
    await page.waitForTimeout(150);
    assert.deepEqual(await violations(page), [], `axe on the ${section} section`);
  }
  await page.goto(`${env.server.inside}/profile`);
  await page.waitForLoadState('networkidle');
  await page.locator('[data-secsign-id]').waitFor();
  assert.deepEqual(await violations(page), [], 'axe on the profile page');
}

test('admin page and profile: no axe violations (English, light)', async () => {
  const page = await signedIn('en-US', 'light');
  await checkSections(page);
  await page.context().close();
});

test('admin page and profile: no axe violations (German, dark)', async () => {
  const page = await signedIn('de-DE', 'dark');
  await checkSections(page);
  await page.context().close();
});
