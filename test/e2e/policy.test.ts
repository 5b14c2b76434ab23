/**
 * End-to-end policy changes seen in Chromium: a SecSign request that nobody answers times out
 * (the embedded server's session TTL is shortened through IPSAFEZONE_EMBEDDED_SECSIGN_TTL_SECONDS);
 * an administrator changes the zone and the login page asks for something else at once; and five
 * wrong passwords lock the user out until the lock ends (shortened through
 * IPSAFEZONE_LOCKOUT_SECONDS).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, Page } from 'playwright-core';
import {
  accessPass,
  adminClient,
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

describe('policy changes seen on the login page', () => {
  test('a SecSign request nobody answers times out', async () => {
    const page = await newPage();
    await page.goto(`${server.outside}/demo/jira/login`);
    await submitSecSignId(page, 'alice.example');
    await accessPass(page);
    await page.getByText('The request timed out.').waitFor({ timeout: (TTL_SECONDS + 15) * 1000 });
    await page.context().close();
  });

  test('an administrator changes the zone and the login page follows', async () => {
    const admin = await adminClient(server);
    const { zones } = (await admin('GET', '/zones')) as { zones: { id: number }[] };
    const id = zones[0]!.id;
    const page = await newPage();
    await page.goto(`${server.outside}/demo/jira/login`);
    await page.getByLabel('SecSign ID').waitFor();
    await page.getByText('You are outside the company network (::1)').waitFor();

    await admin('PATCH', `/zones/${id}`, { ranges: ['127.0.0.1', '::1'] });
    await page.reload();
    await page.getByLabel('Password').waitFor();
    await page.getByText('You are on the company network').waitFor();

    await admin('PATCH', `/zones/${id}`, { ranges: ['127.0.0.1'] });
    await page.reload();
    await page.getByLabel('SecSign ID').waitFor();
    assert.equal(await page.getByLabel('Password').count(), 0, 'no password field any more');
    await page.context().close();
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
