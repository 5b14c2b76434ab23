/**
 * The simulated SecSign ID phone (demo/secsign-sim/) checked with axe in Chromium as whole pages —
 * the same axe-core that `@open-wc/testing`'s `to.be.accessible()` runs on the widget, here on the
 * real pages the demo server serves (page-level rules such as `meta-refresh`, `page-has-heading-one`
 * and `region` only make sense on a whole page): the start page, the list with a request, the
 * symbol choice, the result, and a frozen ID with its "Reactivate" button.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { serverAndBrowser } from './harness.js';

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

interface Violation {
  id: string;
  impact: string | null;
  nodes: { target: unknown }[];
}

/** Runs axe on the whole page; returns the violations as `rule (impact): targets` lines. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: Violation[] }> } }).axe;
    return (await axe.run()).violations;
  });
  return violations.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`,
  );
}

const env = serverAndBrowser();

/** Starts a SecSign login for `secSignId` from outside the demo zone, as the widget would. */
async function startLogin(secSignId: string): Promise<number> {
  const res = await fetch(`${env.server.outside}/api/login/secsign`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: env.server.outside },
    body: JSON.stringify({ secSignId }),
  });
  await res.arrayBuffer();
  return res.status;
}

describe('the simulated phone passes axe (no violations) in English and German', () => {
  for (const locale of ['en-US', 'de-DE']) {
    test(`every page of the phone, ${locale}`, async () => {
      // CSP bypassed only so that axe can be injected; it does not change what axe checks.
      const context = await env.browser.newContext({ bypassCSP: true, locale });
      const phone = await context.newPage();
      try {
        const found: Record<string, string[]> = {};
        await phone.goto(`${env.server.outside}/secsign-sim/phone`);
        found.start = await axeViolations(phone);

        assert.equal(await startLogin('ada.admin'), 200);
        await phone.goto(`${env.server.outside}/secsign-sim/phone?id=ada.admin`);
        assert.equal(await phone.locator('meta[http-equiv="refresh" i]').count(), 0);
        assert.equal(await phone.locator('h1').count(), 1);
        found.list = await axeViolations(phone);

        await phone.locator('li.request button[type="submit"]').first().click();
        await phone.locator('button.symbol').first().waitFor();
        found.choice = await axeViolations(phone);

        await phone.locator('button.deny').click();
        await phone.locator('p.result').waitFor();
        found.result = await axeViolations(phone);

        for (const [page, violations] of Object.entries(found)) {
          assert.deepEqual(violations, [], `${page} page`);
        }
      } finally {
        await context.close();
      }
    });
  }

  test('a frozen ID and its reactivation, in both languages', async () => {
    // Four requests within a minute freeze the ID at the simulator (as at SecSign).
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push(await startLogin('alice.example'));
    assert.equal(statuses.at(-1), 409, `statuses ${statuses.join(',')}`);
    const found: Record<string, string[]> = {};
    for (const locale of ['de-DE', 'en-US']) {
      const context = await env.browser.newContext({ bypassCSP: true, locale });
      const phone = await context.newPage();
      try {
        await phone.goto(`${env.server.outside}/secsign-sim/phone?id=alice.example`);
        found[`frozen ${locale}`] = await axeViolations(phone);
        if (locale === 'en-US') {
          await phone.locator('form[action="phone/unfreeze"] button').click();
          await phone.locator('p.result').waitFor();
          found.reactivated = await axeViolations(phone);
        }
      } finally {
        await context.close();
      }
    }
    for (const [page, violations] of Object.entries(found)) {
      assert.deepEqual(violations, [], `${page} page`);
    }
  });
});
