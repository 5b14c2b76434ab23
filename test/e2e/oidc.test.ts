/**
 * OpenID Connect end to end: the real server (`server/main.ts --demo`, OIDC on through
 * IPSAFEZONE_SECRET_KEY, the client registered with the `ipsafezone oidc client add` command) and a
 * relying party set up like Jira, driven by Debian's Chromium. Inside the demo zone (127.0.0.1) the
 * password on our login page is enough; outside ([::1]) the SecSign ID, answered on the simulated
 * phone, gives tokens whose `amr` shows the second factor. A replayed code and an unregistered
 * redirect URI are refused. The next user on the same browser signs in as themselves. A callback
 * is taken only in the browser that started the request (Jira keeps state and nonce in its session).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as client from 'openid-client';
import type { Browser, Page } from 'playwright-core';
import {
  accessPass,
  answerOnPhone,
  freePort,
  launchBrowser,
  startServer,
  submitPassword,
  submitSecSignId,
  type RunningServer,
} from './harness.js';
import { jiraUserOf, registerClient, startRelyingParty, type TestRelyingParty } from './oidc-rp.js';

const SECRET_KEY = 'e2e-oidc-secret-key-0123456789abcdefghij';

let browser: Browser;
let rp: TestRelyingParty;
let dir: string;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ipsafezone-oidc-e2e-'));
  [browser, rp] = await Promise.all([launchBrowser(), startRelyingParty()]);
});
after(async () => {
  await browser?.close();
  await rp?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Registers the RP with the CLI (secret printed once) and starts the server with `issuer`. */
async function serverWithClient(name: string, side: 'inside' | 'outside') {
  const databaseUrl = `file:${join(dir, `${name}.db`)}`;
  const secret = await registerClient(databaseUrl, 'jira', rp.callback);
  const port = await freePort(true);
  const issuer = side === 'inside' ? `http://127.0.0.1:${port}` : `http://[::1]:${port}`;
  const server = await startServer({
    port,
    env: {
      DATABASE_URL: databaseUrl,
      IPSAFEZONE_SECRET_KEY: SECRET_KEY,
      IPSAFEZONE_OIDC_ISSUER: issuer,
    },
  });
  assert.match(server.output(), /OpenID Connect provider on: issuer/);
  const config = await rp.configure(issuer, 'jira', secret);
  return { server, config, issuer };
}

async function claimsOn(page: Page) {
  await page.waitForURL((u) => u.href.startsWith(rp.callback), { timeout: 20_000 });
  const text = await page.locator('pre').textContent();
  assert.ok(await page.locator('#claims').count(), `the relying party shows an error: ${text}`);
  return JSON.parse(text!) as {
    idToken: Record<string, unknown>;
    userinfo: Record<string, unknown>;
  };
}

describe('inside the zone (issuer http://127.0.0.1)', () => {
  let server: RunningServer;
  let config: client.Configuration;
  before(async () => {
    ({ server, config } = await serverWithClient('inside', 'inside'));
  });
  after(() => server?.stop());

  test('password on our login page → code → tokens with the claims Jira needs', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${rp.origin}/start?prompt=login`);
    await page.waitForURL(/\/login\?return_to=%2Foidc%2Finteraction%2F/);
    assert.equal(await page.locator('ipsafezone-login').count(), 1);
    await submitPassword(page, 'bob', server.passwords.bob!);
    const { idToken, userinfo } = await claimsOn(page);
    assert.equal(idToken.iss, `http://127.0.0.1:${server.port}`);
    assert.equal(idToken.preferred_username, 'bob');
    assert.equal(idToken.email, 'bob@example.com');
    assert.deepEqual(idToken.groups, ['ipsafezone-users']);
    assert.deepEqual(idToken.amr, ['pwd']);
    assert.equal(userinfo.preferred_username, 'bob');
    assert.equal(userinfo.sub, idToken.sub);

    // The same code a second time: refused.
    await assert.rejects(
      client.authorizationCodeGrant(config, rp.callbacks.at(-1)!, {
        expectedState: rp.callbacks.at(-1)!.searchParams.get('state')!,
      }),
      (err: { error?: string }) => err.error === 'invalid_grant',
    );
    await context.close();
  });

  test("the demo's sample application signs in through the whole redirect flow", async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${server.inside}/demo/rp`);
    await page.locator('[data-action=sign-in]').click();
    await page.waitForURL(/\/login\?return_to=%2Foidc%2Finteraction%2F/);
    await submitPassword(page, 'alice', server.passwords.alice!);
    await page.waitForURL(/\/demo\/rp\/callback/, { timeout: 15_000 });
    const claims = JSON.parse((await page.locator('[data-field=claims]').textContent())!);
    assert.equal(claims.preferred_username, 'alice');
    assert.deepEqual(claims.amr, ['pwd']);
    await context.close();
  });

  test('the next user on the same browser signs in as themselves and keeps their session', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${rp.origin}/start`);
    await page.waitForURL(/\/login\?return_to=%2Foidc%2Finteraction%2F/);
    await submitPassword(page, 'bob', server.passwords.bob!);
    assert.equal((await claimsOn(page)).idToken.preferred_username, 'bob');
    // Bob signs out of ipsafezone (not of the application); Alice sits down.
    const out = await context.request.post(`${server.inside}/api/logout`, {
      headers: { origin: server.inside },
    });
    assert.equal(out.status(), 200);
    await page.goto(`${rp.origin}/start`);
    await page.waitForURL(/\/login\?return_to=%2Foidc%2Finteraction%2F/);
    await submitPassword(page, 'alice', server.passwords.alice!);
    assert.equal((await claimsOn(page)).idToken.preferred_username, 'alice');
    const verify = await context.request.get(`${server.inside}/api/verify`);
    assert.equal(verify.status(), 200, "Alice's ipsafezone session is still on");
    await context.close();
  });

  test('an unregistered redirect URI is refused on our page', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: 'http://127.0.0.1:9/evil/callback',
      scope: 'openid',
      state: 'x',
      nonce: 'y',
    });
    const res = await page.goto(url.href);
    assert.equal(res?.status(), 400);
    assert.equal(new URL(page.url()).origin, `http://127.0.0.1:${server.port}`);
    await page.getByText('invalid_redirect_uri').waitFor();
    await context.close();
  });

  test("a callback is taken only in the browser that started it, as Jira's client does", async () => {
    // Browser B starts a sign-in, then loses the request the relying party gave it (its cookie).
    const b = await browser.newContext({ locale: 'en-US' });
    const pageB = await b.newPage();
    await pageB.goto(`${rp.origin}/start`);
    await pageB.waitForURL(/\/login\?return_to=%2Foidc%2Finteraction%2F/);
    const issued = (await b.cookies(rp.origin)).find((c) => c.name === 'rp_oidc_request')!;
    const [state, nonce] = issued.value.split('.');
    await b.clearCookies({ name: 'rp_oidc_request' });
    await submitPassword(pageB, 'bob', server.passwords.bob!);
    await pageB.waitForURL((u) => u.href.startsWith(rp.callback), { timeout: 20_000 });
    assert.match((await pageB.locator('#error').textContent()) ?? '', /state does not match/);
    const callback = rp.callbacks.at(-1)!;
    assert.equal(callback.searchParams.get('state'), state);
    await b.close();
    // Browser V, with a sign-in of its own under way, is brought B's callback: refused too.
    const v = await browser.newContext({ locale: 'en-US' });
    const pageV = await v.newPage();
    await pageV.goto(`${rp.origin}/start`);
    await pageV.goto(callback.href);
    assert.match((await pageV.locator('#error').textContent()) ?? '', /state does not match/);
    await v.close();
    // Neither redeemed the code; redeemed now, Jira's reading of the ID token gives Bob.
    const tokens = await client.authorizationCodeGrant(config, callback, {
      expectedState: state!,
      expectedNonce: nonce!,
    });
    const claims = tokens.claims()!;
    const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
    assert.deepEqual(jiraUserOf(claims, userinfo), {
      username: 'bob',
      displayName: 'Bob Without-ID',
      email: 'bob@example.com',
      groups: ['ipsafezone-users'],
    });
  });
});

describe('outside the zone (issuer http://[::1])', () => {
  let server: RunningServer;
  before(async () => {
    ({ server } = await serverWithClient('outside', 'outside'));
  });
  after(() => server?.stop());

  test('SecSign ID on the simulated phone → tokens whose amr shows the second factor', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${rp.origin}/start?prompt=login`);
    await page.waitForURL(/\/login\?return_to=/);
    await submitSecSignId(page, 'alice.example');
    const pass = await accessPass(page);
    const phone = await context.newPage();
    await answerOnPhone(phone, server.outside, 'alice.example', pass, 'right');
    const { idToken } = await claimsOn(page);
    assert.equal(idToken.preferred_username, 'alice');
    assert.deepEqual(idToken.amr, ['swk', 'mfa']);
    assert.equal(idToken.acr, 'urn:ipsafezone:acr:second-factor');
    await context.close();
  });
});
