/**
 * End-to-end with a real OpenLDAP slapd beside the demo server, in Chromium: the administrator
 * adds the directory on the admin page (Directories section), tests the connection and a user
 * there; then a directory user signs in through the widget on the Jira-style login page — inside
 * the zone with the LDAP password (created in ipsafezone at that moment), outside with the SecSign
 * ID the directory holds, confirmed on the simulated phone — and with slapd stopped the widget says
 * passwords cannot be checked and nobody signs in. The demo's simulator knows only the demo IDs,
 * so the directory entry carries `alice.example`, freed by deleting the demo user alice first.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { BASE_DN, SERVICE_DN, SERVICE_PASSWORD, startSlapd, type Slapd } from '../support/slapd.js';
import { GROUPS, LDAP_PASSWORD, SEED } from '../server/directories/ldap-seed.js';
import {
  accessPass,
  adminClient,
  answerOnPhone,
  launchBrowser,
  startServer,
  submitPassword,
  submitSecSignId,
  type RunningServer,
} from './harness.js';

let server: RunningServer;
let browser: Browser;
let ldap: Slapd;

before(async () => {
  [server, browser, ldap] = await Promise.all([
    startServer({ env: { IPSAFEZONE_SECRET_KEY: 'e2e secret key '.repeat(3) } }),
    launchBrowser(),
    startSlapd({
      seed: SEED.replace('employeeNumber: erin.sec', 'employeeNumber: alice.example'),
      online: GROUPS,
    }),
  ]);
  const admin = await adminClient(server);
  const found = (await admin('GET', '/users?q=alice')) as {
    users: { id: number; username: string }[];
  };
  const alice = found.users.find((u) => u.username === 'alice')!;
  await admin('DELETE', `/users/${alice.id}`);
});
after(async () => {
  await browser?.close();
  await server?.stop();
  await ldap?.dispose();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-US' });
  return context.newPage();
}

async function expectSignedIn(page: Page, username: string, factors: string) {
  await page.waitForURL(/\/demo\/app$/, { timeout: 15_000 });
  assert.equal(await page.locator('[data-field="username"]').textContent(), username);
  assert.equal(await page.locator('[data-field="factors"]').textContent(), factors);
}

describe('a directory user through the widget', () => {
  test('the administrator adds the LDAP directory on the admin page and tests a user', async () => {
    const page = await newPage();
    const login = await page.request.post(`${server.inside}/api/login/password`, {
      data: { username: 'admin', password: server.passwords.admin },
      headers: { Origin: server.inside },
    });
    assert.equal(login.status(), 200);
    await page.goto(`${server.inside}/admin#directories`);
    await page.getByText('No directories').waitFor();
    const form = page.locator('form[data-add="ldap"]');
    const fill = (name: string, value: string) => form.locator(`[name="${name}"]`).fill(value);
    await fill('name', 'Corporate LDAP');
    await fill('url', ldap.url);
    await form.locator('[name="allowPlain"]').check();
    await fill('bindDn', SERVICE_DN);
    await fill('bindPassword', SERVICE_PASSWORD);
    await fill('baseDn', BASE_DN);
    await fill('userFilter', '(&(objectClass=inetOrgPerson)(uid={username}))');
    await fill('adminGroup', 'IPSafeZone Admins');
    await fill('secSignIdAttribute', 'employeeNumber');
    await form.getByRole('button', { name: 'Add' }).click();
    await page.locator('tr[data-directory="Corporate LDAP"]').waitFor();

    await page.locator('tr[data-directory="Corporate LDAP"] button[data-test]').click();
    await page.getByText(/Corporate LDAP: Connected to ldap:\/\/127\.0\.0\.1.*bound as/).waitFor();

    const test = page.locator('form[data-test-user]');
    await test.locator('[name="username"]').fill('erin');
    await test.locator('[name="password"]').fill(LDAP_PASSWORD);
    await test.getByRole('button', { name: 'Test' }).click();
    const result = page.locator('[data-user-result]');
    await result.getByText(`uid=erin,ou=people,${BASE_DN}`).waitFor();
    assert.match((await result.textContent()) ?? '', /alice\.example/);
    assert.match((await page.locator('[data-password-check]').textContent()) ?? '', /right/);
    assert.equal(
      await test.locator('[name="password"]').inputValue(),
      '',
      'the password is cleared',
    );
    assert.ok(!(await page.content()).includes(SERVICE_PASSWORD));
    await page.context().close();
  });

  test('inside the zone, the LDAP password signs in (the account is made now)', async () => {
    const page = await newPage();
    await page.goto(`${server.inside}/demo/app`);
    await page.waitForURL(/\/demo\/jira\/login/);
    await submitPassword(page, 'erin', LDAP_PASSWORD);
    await expectSignedIn(page, 'erin', 'password');
    await page.context().close();
  });

  test('outside, the SecSign ID from the directory, confirmed on the phone, signs in', async () => {
    const page = await newPage();
    await page.goto(`${server.outside}/demo/jira/login`);
    await submitSecSignId(page, 'alice.example');
    const pass = await accessPass(page);
    const phone = await page.context().newPage();
    await answerOnPhone(phone, server.outside, 'alice.example', pass, 'right');
    await expectSignedIn(page, 'erin', 'secsign');
    await page.context().close();
  });

  test('with the directory down, the widget says so and nobody signs in', async () => {
    await ldap.stop();
    try {
      const page = await newPage();
      await page.goto(`${server.inside}/demo/jira/login`);
      await submitPassword(page, 'erin', LDAP_PASSWORD);
      await page.getByText(/cannot be checked right now/i).waitFor({ timeout: 15_000 });
      const app = await page
        .context()
        .request.get(`${server.inside}/demo/app`, { maxRedirects: 0 });
      assert.equal(app.status(), 302, 'no session');
      await page.context().close();
    } finally {
      await ldap.start();
    }
  });
});
