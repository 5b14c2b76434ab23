/**
 * Threat: phishing — a look-alike site relays our challenge to the victim's browser, which signs
 * it for the look-alike's origin or RP ID. The relying-party ID and the allowed origins come from
 * the configuration only (`IPSAFEZONE_WEBAUTHN_RP_ID`, `IPSAFEZONE_WEBAUTHN_ORIGINS`, else the
 * public URL), never from the request; an answer for another origin or RP ID is refused, at
 * enrolment and at sign-in.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startFixture, OUTSIDE, type Fixture } from '../login/fixture.js';
import { authenticator, enrol, newUser, passkeySignIn } from '../login/passkey-fixture.js';
import { relyingParty } from '../../../server/factors/passkey/webauthn.js';
import { defaultConfig } from '../../../server/config/settings.js';
import { ConfigError } from '../../../server/platform/errors.js';
import { loadServerSettings } from '../../../server/config/load.js';

let f: Fixture;
before(async () => {
  f = await startFixture();
});
after(() => f.close());

test('sign-in answers signed for another origin or RP ID are refused', async () => {
  const key = authenticator(f);
  assert.equal((await enrol(await f.signIn('carol'), key)).status, 201);
  const cases = [
    { origin: 'https://ipsafezone.example.evil' },
    { origin: `http://localhost:${f.port + 1}` },
    { rpId: 'evil.example' },
  ];
  for (const bend of cases) {
    const c = f.client(OUTSIDE);
    const res = await passkeySignIn(c, key, bend);
    assert.equal(res.status, 401, JSON.stringify(bend));
    assert.equal((await c.get('/api/session')).body.user, null);
  }
  const outcomes = await f.db.execute(
    "SELECT outcome FROM audit_log WHERE action = 'login.passkey' AND outcome LIKE 'passkey_wrong%' ORDER BY id",
  );
  assert.deepEqual(
    outcomes.rows.map((r) => r.outcome),
    ['passkey_wrong_origin', 'passkey_wrong_origin', 'passkey_wrong_rp_id'],
  );
  assert.equal((await passkeySignIn(f.client(OUTSIDE), key)).status, 200);
});

test('a registration for another origin is refused', async () => {
  await newUser(f, 'frank');
  const res = await enrol(await f.signIn('frank'), authenticator(f), 'x', {
    origin: 'https://evil.example',
  });
  assert.equal(res.status, 400);
  assert.equal(res.body.error.code, 'passkey_refused');
});

test('the relying party comes from the configuration', () => {
  const base = defaultConfig({ publicUrl: 'https://auth.example.com' });
  assert.deepEqual(relyingParty(base, ['https://auth.example.com']), {
    id: 'auth.example.com',
    name: 'ipsafezone',
    origins: ['https://auth.example.com'],
  });
  const set = defaultConfig({
    publicUrl: 'https://auth.example.com',
    webauthnRpId: 'example.com',
    webauthnOrigins: ['https://login.example.com'],
  });
  assert.deepEqual(relyingParty(set, ['https://auth.example.com']).origins, [
    'https://login.example.com',
  ]);
  assert.equal(relyingParty(set, []).id, 'example.com');
  assert.equal(
    relyingParty(defaultConfig({ publicUrl: 'http://127.0.0.1:8080' }), []).id,
    'localhost',
  );
});

test('IPSAFEZONE_WEBAUTHN_RP_ID and _ORIGINS are checked at start-up', () => {
  const app = loadServerSettings({
    IPSAFEZONE_WEBAUTHN_RP_ID: 'Example.COM',
    IPSAFEZONE_WEBAUTHN_ORIGINS: 'https://login.example.com/, https://jira.example.com',
  }).app;
  assert.equal(app.webauthnRpId, 'example.com');
  assert.deepEqual(app.webauthnOrigins, ['https://login.example.com', 'https://jira.example.com']);
  for (const bad of ['https://example.com', 'example.com:443', '10.0.0.1', '-x.example.com']) {
    assert.throws(() => loadServerSettings({ IPSAFEZONE_WEBAUTHN_RP_ID: bad }), ConfigError, bad);
  }
  assert.throws(
    () => loadServerSettings({ IPSAFEZONE_WEBAUTHN_ORIGINS: 'example.com' }),
    ConfigError,
  );
});
