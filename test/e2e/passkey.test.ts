/**
 * Passkeys end to end in Debian's Chromium with its virtual authenticator (DevTools protocol:
 * `WebAuthn.enable`, `WebAuthn.addVirtualAuthenticator` — CTAP2, internal transport, resident
 * keys, user verification): bob (no SecSign ID) enrols a passkey on /profile from inside the zone
 * with his password session, then signs in from OUTSIDE with the passkey alone through the demo's
 * login page ("Sign in with a passkey"); a passkey answer without user verification is refused by
 * the server; a cloned credential (the same key with a lower signature counter) is refused.
 * Inside and outside are two claimed addresses: the server trusts only loopback as a proxy and the
 * browser context sends X-Forwarded-For (127.0.0.1 is the demo zone). The pages are opened at
 * `http://localhost:<port>`: WebAuthn takes no IP address as relying-party ID, and `localhost` is
 * the one the server derives from its loopback public URL.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import {
  REPO_DIR,
  launchBrowser,
  startServer,
  virtualAuthenticator,
  type RunningServer,
} from './harness.js';

const INSIDE = '127.0.0.1';
const OUTSIDE = '203.0.113.9';
const shots = process.env.UPDATE_SCREENSHOTS === '1' ? join(REPO_DIR, 'docs/screenshots') : null;

let server: RunningServer;
let browser: Browser;
let origin: string;
let context: BrowserContext;
let page: Page;
let cdp: CDPSession;
let authenticatorId: string;

before(async () => {
  [server, browser] = await Promise.all([
    startServer({ env: { HOST: '127.0.0.1', IPSAFEZONE_TRUSTED_PROXIES: '127.0.0.1' } }),
    launchBrowser(),
  ]);
  origin = `http://localhost:${server.port}`;
  context = await browser.newContext({ locale: 'en-US' });
  page = await context.newPage();
  ({ cdp, authenticatorId } = await virtualAuthenticator(page));
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const at = (address: string) => context.setExtraHTTPHeaders({ 'X-Forwarded-For': address });

async function session(): Promise<{
  user: { username: string } | null;
  session: { factors: string } | null;
}> {
  const res = await context.request.get(`${origin}/api/session`);
  return (await res.json()) as never;
}

async function signOut() {
  await context.request.post(`${origin}/api/logout`, { headers: { Origin: origin } });
  await context.clearCookies();
}

/** The demo's Jira-style login page from outside, with the widget's passkey button. */
async function passkeyButton() {
  await page.goto(`${origin}/demo/jira/login`);
  const button = page.getByRole('button', { name: 'Sign in with a passkey' });
  await button.waitFor({ timeout: 15_000 });
  return button;
}

/** One admin-API call by the administrator, signed in with the password from inside. */
async function asAdmin(method: string, path: string, body?: unknown): Promise<unknown> {
  const headers = {
    'Content-Type': 'application/json',
    Origin: server.inside,
    'X-Forwarded-For': INSIDE,
  };
  const login = await fetch(`${server.inside}/api/login/password`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ username: 'admin', password: server.passwords.admin }),
  });
  assert.equal(login.status, 200, await login.text());
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const res = await fetch(`${server.inside}/api/admin${path}`, {
    method,
    headers: { ...headers, Cookie: cookie },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  assert.ok(res.ok, `${method} ${path}: ${res.status}`);
  return res.json();
}

/** The newest `login.passkey` audit outcome. */
async function lastPasskeyOutcome(): Promise<string> {
  const body = (await asAdmin('GET', '/audit?action=login.passkey&limit=1')) as {
    entries: { outcome: string }[];
  };
  return body.entries[0]?.outcome ?? '';
}

async function widgetText(): Promise<string> {
  return page
    .locator('ipsafezone-login')
    .evaluate((el) => `${el.shadowRoot?.textContent ?? ''} ${el.textContent ?? ''}`);
}

test('bob enrols a passkey on /profile from inside with his password', async () => {
  await at(INSIDE);
  const login = await context.request.post(`${origin}/api/login/password`, {
    headers: { Origin: origin },
    data: { username: 'bob', password: server.passwords.bob },
  });
  assert.equal(login.status(), 200, await login.text());
  await page.goto(`${origin}/profile`);
  const section = page.locator('ipsz-passkeys-section');
  await section.getByText('You have no passkey yet.').waitFor({ timeout: 15_000 });
  await section.getByLabel('Name of the new passkey').fill('Laptop');
  await section.getByRole('button', { name: 'Add a passkey' }).click();
  await section.locator('tr[data-passkey]').waitFor({ timeout: 15_000 });
  assert.match((await section.locator('tr[data-passkey]').textContent()) ?? '', /Laptop/);
  // The recent changes list shows the new passkey, from this address.
  const added = page.locator('ipsz-factor-changes-card tr[data-change=passkey_added]');
  await added.waitFor({ timeout: 15_000 });
  assert.match((await added.textContent()) ?? '', /A passkey was added – Laptop/);
  if (shots) {
    mkdirSync(shots, { recursive: true });
    await section.screenshot({ path: join(shots, 'profile-passkeys.png') });
    await page
      .locator('ipsz-factor-changes-card')
      .screenshot({ path: join(shots, 'profile-factor-changes.png') });
  }
  const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
  assert.equal(credentials.length, 1);
  assert.equal(credentials[0]!.isResidentCredential, true);
  assert.equal(credentials[0]!.rpId, 'localhost');
});

test('from outside, the passkey alone signs bob in', async () => {
  await signOut();
  await at(OUTSIDE);
  const zone = await (await context.request.get(`${origin}/api/zone`)).json();
  assert.equal(zone.inside, false);
  const button = await passkeyButton();
  if (shots)
    await page.locator('ipsafezone-login').screenshot({ path: join(shots, 'login-passkey.png') });
  await button.click();
  // The first sign-in since the passkey was added tells it ("not you?"), then goes on.
  const told = page.locator('ipsafezone-login').locator('[part~=factor-changes]');
  await told.waitFor({ timeout: 15_000 });
  assert.match(await told.innerText(), /A passkey was added \(“Laptop”\) on .+ from /);
  if (shots)
    await page
      .locator('ipsafezone-login')
      .screenshot({ path: join(shots, 'factor-change-notice.png') });
  await told.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(/\/demo\/app$/, { timeout: 15_000 });
  assert.equal(await page.locator('[data-field="username"]').textContent(), 'bob');
  const s = await session();
  assert.equal(s.user?.username, 'bob');
  assert.ok(s.session?.factors.split('+').includes('passkey'), s.session?.factors);
});

test('a passkey answer without user verification is refused by the server', async () => {
  await signOut();
  await at(OUTSIDE);
  // The browser itself refuses an unverified answer when the server asks for verification, so the
  // test asks the browser to skip it (as a tampered page could) and lets the server judge.
  await page.route('**/api/login/passkey/options', async (route) => {
    const res = await route.fetch();
    const body = await res.json();
    body.options.userVerification = 'discouraged';
    await route.fulfill({ response: res, json: body });
  });
  await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: false });
  try {
    await (await passkeyButton()).click();
    await page
      .locator('ipsafezone-login')
      .getByText('Your passkey must confirm it is you', { exact: false })
      .waitFor({ timeout: 15_000 });
    assert.equal((await session()).user, null);
    assert.equal(await lastPasskeyOutcome(), 'passkey_no_user_verification');
  } finally {
    await page.unroute('**/api/login/passkey/options');
    await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: true });
  }
});

test('a cloned credential (its signature counter going back) is refused', async () => {
  await signOut();
  await at(OUTSIDE);
  const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
  const original = credentials[0]!;
  assert.ok(original.signCount >= 1, `counter ${original.signCount}`);
  // The copy: the same key and credential, with the counter it had before the last sign-in.
  await cdp.send('WebAuthn.removeCredential', {
    authenticatorId,
    credentialId: original.credentialId,
  });
  await cdp.send('WebAuthn.addCredential', {
    authenticatorId,
    credential: { ...original, signCount: 0 },
  });
  await (await passkeyButton()).click();
  await page
    .locator('ipsafezone-login')
    .getByText('This passkey could not be verified', { exact: false })
    .waitFor({ timeout: 15_000 });
  assert.equal((await session()).user, null, `widget: ${await widgetText()}`);
  assert.equal(await lastPasskeyOutcome(), 'passkey_cloned_credential');
});

test('two-step: after the password, "Passkey" among the choices finishes the sign-in', async () => {
  await signOut();
  // The cloned copy above left the authenticator behind the stored counter: a fresh count again.
  const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
  await cdp.send('WebAuthn.removeCredential', {
    authenticatorId,
    credentialId: credentials[0]!.credentialId,
  });
  await cdp.send('WebAuthn.addCredential', {
    authenticatorId,
    credential: { ...credentials[0]!, signCount: 1000 },
  });
  await asAdmin('PATCH', '/settings', { twoStepActive: true });
  try {
    await at(OUTSIDE);
    await page.goto(`${origin}/demo/jira/login`);
    await page.getByLabel('Username').fill('bob');
    await page.getByLabel('Password', { exact: true }).fill(server.passwords.bob!);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Passkey' }).click({ timeout: 15_000 });
    await page.waitForURL(/\/demo\/app$/, { timeout: 15_000 });
    assert.equal((await session()).session?.factors, 'password+passkey');
  } finally {
    await asAdmin('PATCH', '/settings', { twoStepActive: false });
  }
});
