/**
 * Threat: cookie tossing — a planted session cookie deciding who you are. A sibling subdomain (or a
 * plain-http page on our host) can set a cookie of our name; the server took the first of several
 * same-named cookies, so an attacker's own session, sent first, signed the victim in as the
 * attacker (login CSRF: the victim's work then lands in the attacker's account), or the attacker
 * could pin a cookie the victim keeps. Now the cookie is `__Host-ipsafezone_session` wherever it is
 * Secure (browsers accept that name only host-only, Secure, Path=/), the unprefixed name is
 * ignored then, and a request carrying the session's name more than once has no session at all.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createApp } from '../../../server/app.js';
import { ManualClock } from '../../../server/platform/clock.js';
import { defaultConfig } from '../../../server/config/settings.js';
import { openTestDatabase } from '../../support/test-database.js';
import { CLI_ACTOR } from '../../../server/domain/actor.js';
import { createUser } from '../../../server/domain/users-service.js';
import { createSession } from '../../../server/store/sessions.js';
import { factorSet } from '../../../server/factors/proof.js';
import { createHttpApiClient } from '../../../server/secsign/client.js';

async function setup(publicUrl: string) {
  const db = await openTestDatabase();
  const clock = new ManualClock();
  const config = defaultConfig({ publicUrl });
  const lifetimes = { idleMs: config.sessionIdleMs, maxMs: config.sessionMaxMs };
  const tokens: Record<string, string> = {};
  for (const username of ['victim', 'attacker']) {
    const user = await createUser(db, clock, CLI_ACTOR, { username, password: 'long password 1' });
    const factors = factorSet('password', 'secsign');
    const input = { userId: user.id, factors, clientIp: '10.1.2.3', zone: null };
    tokens[username] = (await createSession(db, clock, lifetimes, input)).token;
  }
  const app = createApp({
    db,
    clock,
    resolveClientAddress: () => ({ ip: '10.1.2.3', source: 'socket', reason: 'test peer' }),
    secsign: createHttpApiClient({ servers: ['http://127.0.0.1:9'] }),
    config,
  });
  const who = async (cookie: string) => {
    const res = await app.request(`${publicUrl}/api/session`, { headers: { cookie } });
    const body = (await res.json()) as { user: { username: string } | null };
    return body.user?.username ?? null;
  };
  return { tokens, who };
}

test('with a Secure cookie only __Host-ipsafezone_session counts', async () => {
  const { tokens, who } = await setup('https://auth.example.com');
  assert.equal(await who(`__Host-ipsafezone_session=${tokens.victim}`), 'victim');
  assert.equal(await who(`ipsafezone_session=${tokens.attacker}`), null);
  assert.equal(
    await who(`ipsafezone_session=${tokens.attacker}; __Host-ipsafezone_session=${tokens.victim}`),
    'victim',
  );
});

test('several cookies of the session name: none decides (not signed in)', async () => {
  for (const [publicUrl, name] of [
    ['http://localhost', 'ipsafezone_session'],
    ['https://auth.example.com', '__Host-ipsafezone_session'],
  ] as const) {
    const { tokens, who } = await setup(publicUrl);
    assert.equal(await who(`${name}=${tokens.victim}`), 'victim', publicUrl);
    // The attacker's planted cookie first (more specific path or older: sent first) …
    assert.equal(await who(`${name}=${tokens.attacker}; ${name}=${tokens.victim}`), null);
    // … or last, or the same one twice: still nobody.
    assert.equal(await who(`${name}=${tokens.victim}; ${name}=${tokens.attacker}`), null);
    assert.equal(await who(`${name}=${tokens.victim};${name}=${tokens.victim}`), null);
    assert.equal(await who(`${name}=${tokens.victim}; ${name}=`), null);
  }
});
