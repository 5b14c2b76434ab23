/**
 * End-to-end sign-in through the demo's Jira-style login page in Chromium, on both sides of the
 * demo zone (127.0.0.1 inside, ::1 outside): password only inside; SecSign ID outside answered on
 * the simulated phone with the right symbol, a wrong symbol, Deny and Cancel; and two-step
 * (password, then SecSign ID) once an administrator switches it on. The server runs as `npm run
 * demo` does, with SECSIGN_API's default `auto`: the embedded ID server answers ServerInfo, so these
 * sign-ins go over SecSign's REST v2 (the first test checks /readyz). The simulator freezes an ID
 * after 3 requests a minute (as SecSign does), so the requests are spread over two IDs.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import {
  accessPass,
  adminClient,
  answerOnPhone,
  serverAndBrowser,
  submitPassword,
  submitSecSignId,
} from './harness.js';

const env = serverAndBrowser();

async function newPage(): Promise<Page> {
  const context = await env.browser.newContext({ locale: 'en-US' });
  return context.newPage();
}

async function expectSignedIn(page: Page, username: string, factors: string) {
  await page.waitForURL(/\/demo\/app$/, { timeout: 15_000 });
  assert.equal(await page.locator('[data-field="username"]').textContent(), username);
  assert.equal(await page.locator('[data-field="factors"]').textContent(), factors);
}

describe('sign-in on both sides of the zone', () => {
  test('inside the zone a password is enough and lands on the protected page', async () => {
    const page = await newPage();
    await page.goto(`${env.server.inside}/demo/app`);
    await page.waitForURL(/\/demo\/jira\/login/);
    await submitPassword(page, 'bob', env.server.passwords.bob!);
    await expectSignedIn(page, 'bob', 'password');
    await page.context().close();
  });

  test('outside, the SecSign ID with the right symbol signs in', async () => {
    const page = await newPage();
    await page.goto(`${env.server.outside}/demo/confluence/login`);
    await submitSecSignId(page, 'alice.example');
    const pass = await accessPass(page);
    const phone = await page.context().newPage();
    await answerOnPhone(phone, env.server.outside, 'alice.example', pass, 'right');
    await expectSignedIn(page, 'alice', 'secsign');
    await page.context().close();
    // The embedded ID server speaks REST v2 (it answers ServerInfo), so `auto` chose REST: this
    // sign-in in Chromium went over REST; the browser tests' server speaks the form protocol.
    const ready = (await (await fetch(`${env.server.inside}/readyz`)).json()) as {
      secsign: { api: string; reason: string };
    };
    assert.equal(ready.secsign.api, 'rest', ready.secsign.reason);
  });

  test('outside, a wrong symbol is denied', async () => {
    const page = await newPage();
    await page.goto(`${env.server.outside}/demo/jira/login`);
    await submitSecSignId(page, 'alice.example');
    const pass = await accessPass(page);
    const phone = await page.context().newPage();
    await answerOnPhone(phone, env.server.outside, 'alice.example', pass, 'wrong');
    await page.getByText('The request was denied').waitFor({ timeout: 15_000 });
    const app = await page.context().request.get(`${env.server.outside}/demo/app`, {
      maxRedirects: 0,
    });
    assert.equal(app.status(), 302, 'no session after a wrong symbol');
    await page.context().close();
  });

  test('outside, Deny on the phone is denied, and Cancel on the page ends the request', async () => {
    const page = await newPage();
    await page.goto(`${env.server.outside}/demo/jira/login`);
    await submitSecSignId(page, 'ada.admin');
    const pass = await accessPass(page);
    const phone = await page.context().newPage();
    await answerOnPhone(phone, env.server.outside, 'ada.admin', pass, 'deny');
    await page.getByText('The request was denied').waitFor({ timeout: 15_000 });

    await page.getByRole('button', { name: 'Start again' }).click();
    await submitSecSignId(page, 'ada.admin');
    await accessPass(page);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByText('cancelled').first().waitFor({ timeout: 10_000 });
    // The widget says "cancelled" at once and sends the cancel without waiting for it: the
    // request leaves the phone shortly after (within 10 s here, however busy the machine).
    let open = -1;
    for (const until = Date.now() + 10_000; open !== 0 && Date.now() < until;) {
      await phone.goto(`${env.server.outside}/secsign-sim/phone?id=ada.admin`);
      open = await phone.locator('li.request').count();
      if (open !== 0) await phone.waitForTimeout(200);
    }
    assert.equal(open, 0, 'the phone has no open request');
    await page.context().close();
  });

  test('two-step: password, then SecSign ID', async () => {
    const admin = await adminClient(env.server);
    await admin('PATCH', '/settings', { twoStepActive: true });
    try {
      const page = await newPage();
      await page.goto(`${env.server.outside}/demo/jira/login`);
      await submitPassword(page, 'admin', env.server.passwords.admin!);
      const pass = await accessPass(page);
      const phone = await page.context().newPage();
      await answerOnPhone(phone, env.server.outside, 'ada.admin', pass, 'right');
      await expectSignedIn(page, 'admin', 'password+secsign');
      await page.context().close();
    } finally {
      await admin('PATCH', '/settings', { twoStepActive: false });
    }
  });
});
