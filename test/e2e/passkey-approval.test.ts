/**
 * A first passkey held for an administrator's approval, on the profile page in Debian's Chromium
 * with its virtual authenticator (as test/e2e/passkey.test.ts): while first factors need approval,
 * bob — no second factor, signed in with his password inside — adds a passkey; the server holds it
 * (202) and the profile says "Sent to an administrator for approval", not "Passkey added": the
 * passkey is not listed, and the factors card says what waits. The administrator rejects it and bob
 * tries again in German ("Zur Freigabe an einen Administrator geschickt."). The pages are opened at
 * `http://localhost:<port>` (WebAuthn takes no IP address as relying-party ID).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  adminClient,
  launchBrowser,
  startServer,
  virtualAuthenticator,
  type RunningServer,
} from './harness.js';

let server: RunningServer;
let browser: Browser;
let origin: string;
let admin: Awaited<ReturnType<typeof adminClient>>;

before(async () => {
  [server, browser] = await Promise.all([
    startServer({ env: { HOST: '127.0.0.1', IPSAFEZONE_TRUSTED_PROXIES: '127.0.0.1' } }),
    launchBrowser(),
  ]);
  origin = `http://localhost:${server.port}`;
  admin = await adminClient(server, server.inside, { 'X-Forwarded-For': '127.0.0.1' });
  await admin('PATCH', '/enrolment', { firstFactorApproval: true });
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

/** A browser in `locale` with a virtual authenticator, bob signed in with his password inside. */
async function bobsProfile(locale: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale });
  await context.setExtraHTTPHeaders({ 'X-Forwarded-For': '127.0.0.1' });
  const page = await context.newPage();
  await virtualAuthenticator(page);
  const login = await context.request.post(`${origin}/api/login/password`, {
    headers: { Origin: origin },
    data: { username: 'bob', password: server.passwords.bob },
  });
  assert.equal(login.status(), 200, await login.text());
  await page.goto(`${origin}/profile`);
  return { context, page };
}

const waiting = async () =>
  (await admin('GET', '/enrolment/approvals')) as { approvals: { id: number; username: string }[] };

for (const [locale, words] of [
  [
    'en-US',
    {
      none: 'You have no passkey yet.',
      name: 'Name of the new passkey',
      add: 'Add a passkey',
      sent: 'Sent to an administrator for approval.',
      added: 'Passkey added',
      waits:
        /^Waiting for approval: your passkey \(“Laptop”\), set up on .+\. It counts once an administrator approves it\.$/,
    },
  ],
  [
    'de-DE',
    {
      none: 'Sie haben noch keinen Passkey.',
      name: 'Name des neuen Passkeys',
      add: 'Passkey hinzufügen',
      sent: 'Zur Freigabe an einen Administrator geschickt.',
      added: 'Passkey hinzugefügt',
      waits:
        /^Wartet auf Freigabe: Ihr Passkey \(“Laptop”\), eingerichtet am .+\. Der Faktor zählt, sobald ein Administrator ihn freigibt\.$/,
    },
  ],
] as const) {
  test(`${locale}: bob's first passkey is sent for approval, not added`, async () => {
    const { context, page } = await bobsProfile(locale);
    try {
      const section = page.locator('ipsz-passkeys-section');
      await section.getByText(words.none).waitFor({ timeout: 15_000 });
      await section.getByLabel(words.name).fill('Laptop');
      await section.getByRole('button', { name: words.add }).click();
      const message = section.locator('.msg.warn');
      await message.waitFor({ timeout: 15_000 });
      assert.equal((await message.innerText()).trim(), words.sent);
      assert.equal(await section.getByText(words.added, { exact: false }).count(), 0);
      assert.equal(await section.locator('tr[data-passkey]').count(), 0, 'not listed');
      await section.getByText(words.none).waitFor({ timeout: 15_000 });
      // The factors card, read afresh, says what waits.
      await page.reload();
      const line = page.locator('ipsz-factors-card [data-waiting]');
      await line.waitFor({ timeout: 15_000 });
      assert.match((await line.innerText()).replace(/\s+/g, ' ').trim(), words.waits);

      // The administrator sees it and rejects it (bob may try again).
      const request = (await waiting()).approvals.find((a) => a.username === 'bob');
      assert.ok(request, 'listed for the administrator');
      await admin('POST', `/enrolment/approvals/${request.id}/reject`, {});
    } finally {
      await context.close();
    }
  });
}
