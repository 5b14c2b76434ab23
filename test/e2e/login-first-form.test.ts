/**
 * The first form that `/login` sends inside its HTML (issue 25, part 4), in Chromium against the
 * real server: it shows before the page's script has run (the script is held back here), whatever
 * is typed into it then — the user name, the password with the caret inside it, "remember me" —
 * is still there, in the same place, once the element has taken over, and the element's form then
 * signs in. Without JavaScript the form still shows, with the note that it cannot start.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Route } from 'playwright-core';
import { serverAndBrowser } from './harness.js';

const setup = serverAndBrowser();

test('typing into the server-rendered form before the script runs loses nothing', async () => {
  const { server, browser } = setup;
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content.Security.Policy/i.test(m.text())) violations.push(m.text());
  });
  // Hold the page's script back until the test has typed.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/assets/login-page.js*', async (route: Route) => {
    await held;
    await route.continue();
  });
  await page.goto(`${server.inside}/login`, { waitUntil: 'commit' });
  const host = page.locator('ipsafezone-login');
  await page.getByLabel('Username').waitFor({ state: 'visible' });
  assert.equal(await host.getAttribute('data-step'), null, 'the element has not run yet');
  assert.match(
    await host.evaluate((el) => el.shadowRoot?.textContent ?? ''),
    /You are on the company network/,
  );
  await page.getByLabel('Username').fill('bob');
  await page.getByLabel('Remember me on this device').check();
  await page.getByLabel('Password', { exact: true }).fill(server.passwords.bob!);
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');

  release();
  await page.locator('ipsafezone-login[data-step="password"]').waitFor();
  assert.equal(await page.locator('ipsafezone-login form').count(), 1, 'one form');
  assert.equal(await page.getByLabel('Username').inputValue(), 'bob');
  assert.equal(
    await page.getByLabel('Password', { exact: true }).inputValue(),
    server.passwords.bob,
  );
  assert.equal(await page.getByLabel('Remember me on this device').isChecked(), true);
  const focus = await page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    return { name: el?.name, caret: el?.selectionStart };
  });
  assert.deepEqual(focus, { name: 'password', caret: 1 });
  // One card: the server's shadow content gave way to the element's.
  assert.equal(await host.evaluate((el) => el.shadowRoot!.querySelectorAll('.base').length), 1);

  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.waitForURL(`${server.inside}/`, { timeout: 15_000 });
  assert.deepEqual(violations, []);
  await context.close();
});

test('German, outside: the SecSign ID form shows from the HTML alone', async () => {
  const { server, browser } = setup;
  const context = await browser.newContext({ locale: 'de-DE', javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${server.outside}/login`);
  await page.getByLabel('SecSign ID').waitFor({ state: 'visible' });
  assert.match(await page.locator('ipsafezone-login').innerText(), /JavaScript/);
  assert.equal(await page.getByRole('button', { name: 'Weiter' }).isDisabled(), true);
  await context.close();
});
