/**
 * Threat: a forged `Host` header choosing our "own" origin and our cookie's security. The CSRF
 * check took our origin from the Host header, so a request naming `Host: evil.example` with
 * `Origin: http://evil.example` passed as same-origin (DNS rebinding does exactly that); and the
 * `Secure` flag was decided by the request URL, so a plain-http request to a loopback name got a
 * session cookie without it even when the public URL is https. Now both come from
 * `IPSAFEZONE_PUBLIC_URL`, and requests for other hosts are refused (421 `unknown_host`).
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Hono } from 'hono';
import { createApp } from '../../../server/app.js';
import { ManualClock } from '../../../server/platform/clock.js';
import { defaultConfig, type AppConfig } from '../../../server/config/settings.js';
import { loadServerSettings } from '../../../server/config/load.js';
import { openTestDatabase } from '../../support/test-database.js';
import { CLI_ACTOR } from '../../../server/domain/actor.js';
import { createUser } from '../../../server/domain/users-service.js';
import { createZone } from '../../../server/domain/zones-service.js';
import { updateSettings } from '../../../server/domain/settings-service.js';
import { createHttpApiClient } from '../../../server/secsign/client.js';
import type { DoorEnv } from '../../../server/http/context.js';

const PASSWORD = 'correct horse battery';

async function appWith(config: Partial<AppConfig>): Promise<Hono<DoorEnv>> {
  const db = await openTestDatabase();
  const clock = new ManualClock();
  await createUser(db, clock, CLI_ACTOR, { username: 'bob', password: PASSWORD });
  await createUser(db, clock, CLI_ACTOR, {
    username: 'alice',
    password: PASSWORD,
    role: 'admin',
    secSignId: 'alice.sec',
  });
  await createZone(db, clock, CLI_ACTOR, { name: 'Office', ranges: ['10.1.0.0/16'] });
  await updateSettings(db, clock, CLI_ACTOR, { ipSafeZoneActive: true });
  return createApp({
    db,
    clock,
    resolveClientAddress: () => ({ ip: '10.1.2.3', source: 'socket', reason: 'test peer' }),
    secsign: createHttpApiClient({ servers: ['http://127.0.0.1:9'] }),
    config: defaultConfig(config),
  });
}

/** A JSON login as a browser sends it: `Host` names the URL's host (fetch would set it). */
const login = (app: Hono<DoorEnv>, url: string, origin?: string) =>
  app.request(url, {
    method: 'POST',
    headers: {
      host: new URL(url).host,
      'content-type': 'application/json',
      ...(origin ? { origin } : {}),
    },
    body: JSON.stringify({ username: 'bob', password: PASSWORD }),
  });

let app: Hono<DoorEnv>;
before(async () => {
  app = await appWith({ publicUrl: 'https://auth.example.com' });
});

test('a request naming another host is refused (421 unknown_host), CSRF or not', async () => {
  const res = await login(app, 'http://evil.example/api/login/password', 'http://evil.example');
  assert.equal(res.status, 421);
  assert.equal(((await res.json()) as any).error.code, 'unknown_host');
  assert.equal(res.headers.get('set-cookie'), null);
  const page = await app.request('http://evil.example/login');
  assert.equal(page.status, 421);
});

test('our own origin is the public URL: another Origin on our host is 403 forbidden_origin', async () => {
  const forged = await login(
    app,
    'https://auth.example.com/api/login/password',
    'http://evil.example',
  );
  assert.equal(forged.status, 403);
  assert.equal(((await forged.json()) as any).error.code, 'forbidden_origin');
  // Behind a TLS-terminating proxy the app sees http, the browser says https: still our origin.
  const own = await login(
    app,
    'http://auth.example.com/api/login/password',
    'https://auth.example.com',
  );
  assert.equal(own.status, 200, await own.clone().text());
});

test('Secure (and __Host-) come from the public URL, not from the request', async () => {
  const res = await login(
    app,
    'http://auth.example.com/api/login/password',
    'https://auth.example.com',
  );
  const cookie = res.headers.get('set-cookie') ?? '';
  assert.match(cookie, /^__Host-ipsafezone_session=/);
  assert.match(cookie, /; Secure/);
  // A plain-http loopback public URL (the demo) is the only case without Secure.
  const demo = await appWith({ publicUrl: 'http://localhost:8080' });
  const plain = await login(
    demo,
    'http://127.0.0.1:8080/api/login/password',
    'http://127.0.0.1:8080',
  );
  const plainCookie = plain.headers.get('set-cookie') ?? '';
  assert.match(plainCookie, /^ipsafezone_session=/);
  assert.doesNotMatch(plainCookie, /Secure/);
});

test('a loopback public URL also answers its other loopback names on the same port (the demo)', async () => {
  const demo = await appWith({ publicUrl: 'http://localhost:8080' });
  for (const host of ['localhost:8080', '127.0.0.1:8080', '[::1]:8080']) {
    const res = await demo.request(`http://${host}/api/zone`);
    assert.equal(res.status, 200, host);
    const own = await login(demo, `http://${host}/api/login/password`, `http://${host}`);
    assert.equal(own.status, 200, host);
  }
  for (const host of ['127.0.0.1:9999', 'localhost.evil.example:8080', '127.0.0.2:8080']) {
    assert.equal((await demo.request(`http://${host}/api/zone`)).status, 421, host);
  }
  // Cross-origin between the aliases' ports is still cross-origin.
  const other = await login(
    demo,
    'http://127.0.0.1:8080/api/login/password',
    'http://127.0.0.1:3000',
  );
  assert.equal(other.status, 403);
});

test('forward-auth and the health check answer whatever Host a proxy sends', async () => {
  assert.equal((await app.request('http://127.0.0.1:8080/healthz')).status, 200);
  assert.equal((await app.request('http://127.0.0.1:8080/api/verify')).status, 401);
});

test('IPSAFEZONE_PUBLIC_URL becomes the config; the demo default is loopback on the port', () => {
  assert.equal(
    loadServerSettings({ IPSAFEZONE_PUBLIC_URL: 'https://Auth.Example.com/' }).app.publicUrl,
    'https://auth.example.com',
  );
  assert.equal(loadServerSettings({ PORT: '8123' }).app.publicUrl, 'http://localhost:8123');
  assert.throws(() => loadServerSettings({ IPSAFEZONE_PUBLIC_URL: 'http://[zz]' }), /PUBLIC_URL/);
});
