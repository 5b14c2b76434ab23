/**
 * End-to-end through a real nginx (Debian's package) doing forward-auth with `auth_request` to
 * /api/verify in front of the demo's protected page: unauthenticated requests go to the login page;
 * after login the app receives `Remote-User`; the server believes nginx's X-Forwarded-For only
 * because nginx (reaching it from 127.0.0.3) is the configured trusted proxy, so a client-supplied
 * X-Forwarded-For sent through nginx does not move the client into the zone.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import {
  adminClient,
  freePort,
  launchBrowser,
  startServer,
  submitPassword,
  type RunningServer,
} from './harness.js';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  NGINX_UPSTREAM_SOURCE,
  protectedLocation,
  startNginx,
  type RunningNginx,
} from './nginx.js';

/** An address no loopback client has: the zone of the forged-header test holds only this. */
const FORGED = '10.9.8.7';

let server: RunningServer;
let nginx: RunningNginx;
let browser: Browser;
/** A stand-in for Jira behind forward-auth: it answers with the Remote-* headers it received. */
let echo: Server;

before(async () => {
  const [appPort, proxyPort] = [await freePort(), await freePort()];
  const proxyOrigin = `http://127.0.0.1:${proxyPort}`;
  [server, browser] = await Promise.all([
    startServer({
      port: appPort,
      env: {
        HOST: '127.0.0.1',
        IPSAFEZONE_TRUSTED_PROXIES: NGINX_UPSTREAM_SOURCE,
        IPSAFEZONE_PUBLIC_URL: proxyOrigin,
      },
    }),
    launchBrowser(),
  ]);
  // A test-only location where nginx itself (not the client) claims the forged address: it shows
  // that the zone does hold that address once a trusted proxy says so.
  const probe = `
    location = /_probe/zone {
        proxy_set_header Host $http_host;
        proxy_set_header X-Forwarded-For ${FORGED};
        proxy_pass http://127.0.0.1:${appPort}/api/zone;
    }
`;
  echo = createServer((req, res) => {
    const seen = Object.fromEntries(
      ['remote-user', 'remote-name', 'remote-email', 'remote-groups', 'x-forwarded-for'].map(
        (h) => [h, req.headers[h] ?? null],
      ),
    );
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(seen));
  });
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  const echoPort = (echo.address() as AddressInfo).port;
  nginx = await startNginx(
    proxyPort,
    `http://127.0.0.1:${appPort}`,
    probe + protectedLocation('/_echo', `http://127.0.0.1:${echoPort}`),
  );
});
after(async () => {
  await browser?.close();
  await nginx?.stop();
  await server?.stop();
  await new Promise((resolve) => (echo ? echo.close(resolve) : resolve(undefined)));
});

describe('forward-auth through nginx', () => {
  test('unauthenticated requests go to the login page; after login the app gets Remote-User', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${nginx.origin}/demo/app`);
    assert.equal(new URL(page.url()).pathname, '/login');
    assert.equal(new URL(page.url()).searchParams.get('return_to'), '/demo/app');
    await submitPassword(page, 'bob', server.passwords.bob!);
    await page.waitForURL(`${nginx.origin}/demo/app`);
    assert.equal(await page.locator('[data-field="remote-user"]').textContent(), 'bob');
    assert.equal(await page.locator('[data-field="address"]').textContent(), '127.0.0.1');
    await context.close();
  });

  test('a Remote-User header sent by the client is not believed', async () => {
    const context = await browser.newContext({ extraHTTPHeaders: { 'Remote-User': 'admin' } });
    const res = await context.request.get(`${nginx.origin}/demo/app`, { maxRedirects: 0 });
    assert.equal(res.status(), 302);
    assert.match(res.headers().location ?? '', /\/login\?return_to=\/demo\/app$/);
    await context.close();
  });

  // Threat: header forgery through the proxy. With only Remote-User set by nginx, a client's own
  // `Remote-Groups: admins` (or Remote-Name/Remote-Email) reached the application behind it; with
  // X-Forwarded-For appended, the client's own claim reached it in front of the real address.
  test('client-sent Remote-User/Name/Email/Groups and X-Forwarded-For never reach the application behind nginx', async () => {
    const forged = {
      'Remote-User': 'admin',
      'Remote-Name': 'Mallory',
      'Remote-Email': 'mallory@evil.example',
      'Remote-Groups': 'admins,users',
      'X-Forwarded-For': '10.6.6.6',
    };
    const context = await browser.newContext({ locale: 'en-US', extraHTTPHeaders: forged });
    const anonymous = await context.request.get(`${nginx.origin}/_echo`, { maxRedirects: 0 });
    assert.equal(anonymous.status(), 302, 'not signed in: nginx never asks the application');
    const page = await context.newPage();
    await page.goto(`${nginx.origin}/demo/app`);
    await submitPassword(page, 'bob', server.passwords.bob!);
    await page.waitForURL(`${nginx.origin}/demo/app`);
    const res = await context.request.get(`${nginx.origin}/_echo`, { maxRedirects: 0 });
    assert.equal(res.status(), 200);
    const seen = (await res.json()) as Record<string, string | null>;
    assert.equal(seen['remote-user'], 'bob');
    assert.equal(seen['remote-groups'], 'users');
    assert.notEqual(seen['remote-name'], 'Mallory');
    assert.notEqual(seen['remote-email'], 'mallory@evil.example');
    // nginx replaces the client's X-Forwarded-For (docs/operations.md): the application sees one
    // address, the one nginx saw — not the client's claim in front of it.
    assert.equal(seen['x-forwarded-for'], '127.0.0.1');
    await context.close();
  });

  test('a client-supplied X-Forwarded-For through nginx does not move the client into the zone', async () => {
    const admin = await adminClient(server, nginx.origin);
    const { zones } = (await admin('GET', '/zones')) as { zones: { id: number }[] };
    await admin('PATCH', `/zones/${zones[0]!.id}`, { ranges: [FORGED], confirm: true });

    const plain = await browser.newContext();
    const probe = await plain.request.get(`${nginx.origin}/_probe/zone`);
    const claimed = (await probe.json()) as { mode: string; inside: boolean };
    assert.equal(claimed.mode, 'password', 'the zone holds the address when nginx says so');
    await plain.close();

    const forged = await browser.newContext({
      locale: 'en-US',
      extraHTTPHeaders: { 'X-Forwarded-For': FORGED },
    });
    const api = await forged.request.get(`${nginx.origin}/api/zone`);
    const zone = (await api.json()) as { mode: string };
    assert.equal(zone.mode, '2fa', 'the forged hop is ignored: 127.0.0.1 is outside');
    const page = await forged.newPage();
    await page.goto(`${nginx.origin}/demo/app`);
    await page.getByLabel('SecSign ID').waitFor();
    await page.getByText('You are outside the company network (127.0.0.1)').waitFor();
    assert.equal(await page.getByLabel('Password', { exact: true }).count(), 0);
    await forged.close();
  });
});
