/**
 * End-to-end policy changes seen in Chromium: a SecSign request that nobody answers times out
 * (the embedded server's session TTL is shortened through IPSAFEZONE_EMBEDDED_SECSIGN_TTL_SECONDS);
 * an administrator changes the zone on the admin page (/admin, zones section) and a login page
 * opened from ::1 asks for something else at once; and five wrong passwords lock the user out
 * until the lock ends (shortened through IPSAFEZONE_LOCKOUT_SECONDS).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, Locator, Page } from 'playwright-core';
import {
  accessPass,
  launchBrowser,
  startServer,
  submitPassword,
  submitSecSignId,
  type RunningServer,
} from './harness.js';

const TTL_SECONDS = 4;
const LOCK_SECONDS = 3;

let server: RunningServer;
let browser: Browser;

before(async () => {
  [server, browser] = await Promise.all([
    startServer({
      env: {
        IPSAFEZONE_EMBEDDED_SECSIGN_TTL_SECONDS: String(TTL_SECONDS),
        IPSAFEZONE_LOCKOUT_SECONDS: String(LOCK_SECONDS),
      },
    }),
    launchBrowser(),
  ]);
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-US' });
  return context.newPage();
}

/** Submits the password form and waits for the API's answer; returns its error code, if any. */
async function passwordAttempt(page: Page, username: string, password: string) {
  const answer = page.waitForResponse((r) => r.url().endsWith('/api/login/password'));
  await submitPassword(page, username, password);
  const res = await answer.catch(async (err: unknown) => {
    const shown = await page
      .locator('ipsafezone-login')
      .evaluate((el) => el.shadowRoot?.textContent ?? '');
    throw new Error(`No answer to the password step; the widget shows: ${shown}`, { cause: err });
  });
  if (res.ok()) return 'ok';
  const body = (await res.json()) as { error?: { code: string } };
  return body.error?.code ?? String(res.status());
}

/**
 * On the admin page's zones section: opens the "Demo office" zone for editing, lets `change` alter
 * the form, saves — through the impact preview that comes first (issue 27) — and waits until the
 * form is gone. The change keeps 127.0.0.1 (the administrator's own address) inside, so no "Save
 * anyway" warning may appear.
 */
async function editDemoZone(admin: Page, change: (form: Locator) => Promise<void>) {
  await admin.getByRole('button', { name: 'Edit: Demo office', exact: true }).click();
  const form = admin.locator('form[aria-label="Edit: Demo office"]');
  await form.waitFor();
  await change(form);
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  const gate = form.getByRole('region', { name: 'Before you save: what this change would do' });
  await gate.getByRole('heading', { name: 'What this change would have done' }).waitFor();
  await gate.getByRole('button', { name: 'Save this change', exact: true }).click();
  await form.waitFor({ state: 'detached' });
  await admin.getByText('Saved.').waitFor();
  assert.equal(
    await admin.getByRole('button', { name: 'Save anyway' }).count(),
    0,
    'no own-address warning',
  );
}

describe('policy changes seen on the login page', () => {
  test('a SecSign request nobody answers times out', async () => {
    const page = await newPage();
    await page.goto(`${server.outside}/demo/jira/login`);
    await submitSecSignId(page, 'alice.example');
    await accessPass(page);
    await page.getByText('The request timed out.').waitFor({ timeout: (TTL_SECONDS + 15) * 1000 });
    await page.context().close();
  });

  test('an administrator changes the zone on the admin page and the login page follows', async () => {
    // The administrator, inside the zone (127.0.0.1), signs in on /admin with the password.
    const admin = await newPage();
    await admin.goto(`${server.inside}/admin`);
    await submitPassword(admin, 'admin', server.passwords.admin!);
    await admin.waitForURL(/\/admin(#.*)?$/);
    await admin.getByRole('button', { name: 'Zones', exact: true }).click();
    const row = admin.locator('[data-zone="Demo office"]');
    await row.waitFor();

    // Before: from ::1 the login page asks for the SecSign ID.
    const login = await newPage();
    await login.goto(`${server.outside}/demo/jira/login`);
    await login.getByLabel('SecSign ID').waitFor();
    await login.getByText('You are outside the company network (::1)').waitFor();

    // Add the range ::1 to the demo zone on the admin page.
    await editDemoZone(admin, async (form) => {
      await form.getByRole('button', { name: 'Add a range', exact: true }).click();
      await form.locator('input[name="range"]').nth(1).fill('::1');
      await form.getByText(/^2 addresses$/).waitFor();
    });
    await row.locator('code', { hasText: '::1' }).waitFor();

    await login.reload();
    await login.getByLabel('Password', { exact: true }).waitFor();
    await login.getByText('You are on the company network').waitFor();
    assert.equal(await login.getByLabel('SecSign ID').count(), 0, 'no SecSign ID field inside');

    // Remove ::1 again on the admin page.
    await editDemoZone(admin, async (form) => {
      const values = await form
        .locator('input[name="range"]')
        .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
      const at = values.findIndex((v) => v.startsWith('::1'));
      assert.ok(at >= 0, `the form shows ::1 among ${JSON.stringify(values)}`);
      await form.getByRole('button', { name: `Remove range ${at + 1}`, exact: true }).click();
      await form.getByText(/^1 address(es)?$/).waitFor();
    });
    await row.locator('code', { hasText: '::1' }).waitFor({ state: 'detached' });
    await row.locator('code', { hasText: '127.0.0.1' }).waitFor();

    await login.reload();
    await login.getByLabel('SecSign ID').waitFor();
    await login.getByText('You are outside the company network (::1)').waitFor();
    assert.equal(
      await login.getByLabel('Password', { exact: true }).count(),
      0,
      'no password field any more',
    );
    await login.context().close();
    await admin.context().close();
  });

  test('five wrong passwords lock the user out, and the lock ends', async () => {
    const page = await newPage();
    await page.goto(`${server.inside}/demo/jira/login`);
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) codes.push(await passwordAttempt(page, 'bob', 'wrong-password'));
    assert.deepEqual(codes, Array(5).fill('invalid_credentials'));
    await page.reload();
    assert.equal(
      await passwordAttempt(page, 'bob', server.passwords.bob!),
      'too_many_attempts',
      'even the right password is refused while locked',
    );
    await page.getByText('Too many attempts').waitFor();

    await sleep(LOCK_SECONDS * 1000 + 500);
    await page.reload();
    assert.equal(await passwordAttempt(page, 'bob', server.passwords.bob!), 'ok');
    await page.waitForURL(/\/demo\/app$/);
    await page.context().close();
  });
});
