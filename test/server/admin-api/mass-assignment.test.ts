/**
 * Mass assignment: fields a client must not set — a row's id, its times and author, a password
 * hash, a role or SecSign ID through a door that does not change them, the counts the server
 * computes, a directory's kind or stored settings, an OpenID Connect client's secret — sent beside
 * a valid change are refused (400 `invalid_input`, nothing changed) or ignored, never applied.
 * Over real HTTP: an administrator on the admin API, a user on the profile API.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startFixture, INSIDE, type Fixture } from '../login/fixture.js';
import { findUserByUsername } from '../../../server/store/users.js';
import { listZones } from '../../../server/store/zones.js';

let f: Fixture;
before(async () => {
  f = await startFixture({ config: { secretKey: 'mass-assignment-secret-key-0123456789ab' } });
});
after(() => f.close());

async function stored(): Promise<string> {
  const parts: unknown[] = [];
  for (const t of [
    'users',
    'zones',
    'settings',
    'directories',
    'oidc_clients',
    'enrolment_campaign',
  ])
    parts.push((await f.db.execute(`SELECT * FROM ${t} ORDER BY 1`)).rows);
  return JSON.stringify(parts, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
}

test('extra fields beside a valid change are refused, and nothing changes', async () => {
  const admin = await f.signIn('alice', INSIDE);
  const bob = (await findUserByUsername(f.db, 'bob'))!.id;
  const zone = (await listZones(f.db))[0]!.id;
  const dir = await admin.post('/api/admin/directories/crowd', {
    name: 'Jira users',
    url: 'https://jira.example.test',
    applicationName: 'ipsafezone',
    applicationPassword: 'application password',
  });
  assert.equal(dir.status, 201);
  const dirId = dir.body.directory.id;
  const hash = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$aGFzaA';
  const cases: [string, string, Record<string, unknown>][] = [
    ['PATCH', `/api/admin/users/${bob}`, { displayName: 'Bob', id: 1 }],
    ['PATCH', `/api/admin/users/${bob}`, { displayName: 'Bob', passwordHash: hash }],
    ['PATCH', `/api/admin/users/${bob}`, { displayName: 'Bob', password_hash: hash }],
    ['PATCH', `/api/admin/users/${bob}`, { displayName: 'Bob', secSignId: 'mallory.sec' }],
    ['PATCH', `/api/admin/users/${bob}`, { displayName: 'Bob', createdAt: 0, created_at: 0 }],
    ['PATCH', `/api/admin/users/${bob}`, { displayName: 'Bob', username: 'alice' }],
    ['PATCH', `/api/admin/users/${bob}`, { displayName: 'Bob', directory: '1' }],
    ['PUT', `/api/admin/users/${bob}/password`, { password: 'long enough 123', role: 'admin' }],
    ['PUT', `/api/admin/users/${bob}/secsign-id`, { secSignId: 'x.sec', role: 'admin' }],
    ['POST', '/api/admin/users', { username: 'm1', password: 'long enough 123', id: 1 }],
    [
      'POST',
      '/api/admin/users',
      { username: 'm2', password: 'long enough 123', passwordHash: hash },
    ],
    ['PATCH', `/api/admin/zones/${zone}`, { note: 'n', id: 99 }],
    ['PATCH', `/api/admin/zones/${zone}`, { note: 'n', updatedBy: 'mallory' }],
    ['PATCH', `/api/admin/zones/${zone}`, { note: 'n', createdAt: 0 }],
    ['POST', '/api/admin/zones', { name: 'Z', ranges: ['10.7.0.0/16'], id: 1 }],
    ['PATCH', '/api/admin/settings', { twoStepActive: true, secSignAdmins: 9 }],
    ['PATCH', '/api/admin/settings', { twoStepActive: true, id: 2 }],
    ['PATCH', '/api/admin/enrolment', { withinDays: 30, startedAt: 0 }],
    ['PATCH', `/api/admin/directories/${dirId}`, { enabled: false, kind: 'ldap' }],
    ['PATCH', `/api/admin/directories/${dirId}`, { enabled: false, settings: { url: 'x' } }],
    ['PATCH', `/api/admin/directories/${dirId}`, { enabled: false, applicationPassword: 'x' }],
    [
      'POST',
      '/api/admin/directories/crowd',
      {
        name: 'C2',
        url: 'https://c.example.test',
        applicationName: 'a',
        applicationPassword: 'p',
        id: 1,
      },
    ],
  ];
  const before = await stored();
  for (const [method, path, body] of cases) {
    const res = await admin.request(method, path, body);
    assert.equal(res.status, 400, `${method} ${path} ${JSON.stringify(body)}: ${res.status}`);
    assert.equal(res.body.error.code, 'invalid_input', `${method} ${path}`);
  }
  const carol = await f.signIn('carol', INSIDE);
  for (const body of [
    { secSignId: 'carol.sec', role: 'admin' },
    { secSignId: 'carol.sec', userId: bob },
  ]) {
    const res = await carol.request('PUT', '/api/me/secsign-id', body);
    assert.equal(res.status, 400, JSON.stringify(res.body));
  }
  assert.equal(await stored(), before, 'nothing changed');
});

test("an OpenID Connect client's secret is made by the server, never taken from the request", async () => {
  const admin = await f.signIn('alice', INSIDE);
  const chosen = 'a secret the caller chose, 0123456789abcdef';
  const res = await admin.post('/api/admin/oidc/clients', {
    clientId: 'jira',
    name: 'Jira',
    redirectUris: ['https://jira.example.test/plugins/servlet/oidc/callback'],
    secret: chosen,
    clientSecret: chosen,
  });
  assert.ok(res.status === 201 || res.status === 400, JSON.stringify(res.body));
  if (res.status === 201) {
    assert.notEqual(res.body.secret, chosen);
    assert.equal(typeof res.body.secret, 'string');
  }
});
