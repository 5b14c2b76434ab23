/**
 * Retired signing keys leave the JWKS when their period ends (default two hours, longer than any
 * token they signed lives), judged by age at every key look-up: before, they were dropped only
 * when the provider was rebuilt for a key change, so a retired key stayed published — and trusted
 * for `id_token_hint` — for as long as the process ran. The period is a setting,
 * `IPSAFEZONE_OIDC_RETIRED_KEY_MINUTES`.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError } from '../../../server/platform/errors.js';
import { loadServerSettings } from '../../../server/config/load.js';
import { rotateKeys } from '../../../server/oidc/keys.js';
import { createSecretBox } from '../../../server/platform/crypto/secret-box.js';
import { addOidcClient } from '../../../server/oidc/clients.js';
import { startFixture, type Fixture } from '../login/fixture.js';
import { SECRET_KEY } from './oidc-fixture.js';

const MINUTE = 60_000;
const servers: Fixture[] = [];
after(() => Promise.all(servers.map((s) => s.close())));

async function server(retiredKeyMinutes?: number) {
  const f = await startFixture({
    config: {
      secretKey: SECRET_KEY,
      ...(retiredKeyMinutes ? { oidcRetiredKeyMs: retiredKeyMinutes * MINUTE } : {}),
    },
  });
  servers.push(f);
  await addOidcClient(f.db, f.clock, {
    clientId: 'jira',
    name: 'Jira',
    redirectUris: ['https://j.example/cb'],
  });
  const kids = async () =>
    ((await (await fetch(`${f.origin}/oidc/jwks`)).json()) as { keys: { kid: string }[] }).keys.map(
      (k) => k.kid,
    );
  return { f, kids };
}

test('a retired key is published for two hours after the rotation, then no more', async () => {
  const { f, kids } = await server();
  const old = await kids();
  assert.equal(old.length, 2);
  await rotateKeys(f.db, f.clock, createSecretBox(SECRET_KEY));
  f.clock.advance(31_000); // running servers look for a new key set every 30 s
  assert.equal((await kids()).length, 4);
  f.clock.advance(119 * MINUTE);
  assert.deepEqual(
    (await kids()).filter((k) => old.includes(k)).length,
    2,
    'still within two hours',
  );
  f.clock.advance(MINUTE);
  const now = await kids();
  assert.equal(now.length, 2, now.join(' '));
  assert.ok(!now.some((k) => old.includes(k)), 'the retired keys are gone');
  assert.equal((await f.db.execute('SELECT COUNT(*) AS n FROM oidc_keys')).rows[0]!.n, 2);
});

test('the period is a setting', async () => {
  const { f, kids } = await server(90);
  const old = await kids();
  await rotateKeys(f.db, f.clock, createSecretBox(SECRET_KEY));
  f.clock.advance(89 * MINUTE);
  assert.equal((await kids()).length, 4);
  f.clock.advance(MINUTE);
  assert.ok(!(await kids()).some((k) => old.includes(k)));

  const minutes = (v?: string) =>
    loadServerSettings(v === undefined ? {} : { IPSAFEZONE_OIDC_RETIRED_KEY_MINUTES: v }).app
      .oidcRetiredKeyMs / MINUTE;
  assert.equal(minutes(), 120);
  assert.equal(minutes('90'), 90);
  // Shorter than the hour an ID token lives would strand tokens still valid.
  assert.throws(
    () => minutes('30'),
    (err: unknown) =>
      err instanceof ConfigError && err.variable === 'IPSAFEZONE_OIDC_RETIRED_KEY_MINUTES',
  );
});
