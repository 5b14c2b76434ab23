/**
 * `/api/admin/directories` on the real app with a real slapd: add (422 for settings that do not
 * fit, 409 without a secret key or for a taken name), list without passwords, "Test connection",
 * "Test a user" showing what was found and never a password, disable, remove; bad input is a 400
 * in the one error shape, an unknown id a 404, and only administrators get in.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { harness } from '../admin-api/harness.js';
import { BASE_DN, SERVICE_DN, SERVICE_PASSWORD, type Slapd } from '../../support/slapd.js';
import { corporateLdap, startSeededSlapd } from '../../support/ldap-directory-fixture.js';
import { LDAP_PASSWORD } from './ldap-seed.js';

const KEY = 'api key '.repeat(5);
let ldap: Slapd;

before(async () => {
  ldap = await startSeededSlapd();
});
after(async () => {
  await ldap?.dispose();
});

const body = () =>
  corporateLdap(ldap, {
    name: 'Corp',
    adminGroup: 'IPSafeZone Admins',
    secSignIdAttribute: 'employeeNumber',
  });

test('directories: add, list, test connection, test a user, disable, remove', async () => {
  const h = await harness(':memory:', { secretKey: KEY });
  const created = await h.call('POST', '/directories/ldap', body());
  assert.equal(created.status, 201, JSON.stringify(created.json));
  const id = created.json.directory.id;
  assert.equal(created.json.directory.settings.bindDn, SERVICE_DN);
  assert.equal(JSON.stringify(created.json).includes(SERVICE_PASSWORD), false);

  const list = await h.call('GET', '/directories');
  assert.equal(list.json.directories.length, 1);
  assert.equal(JSON.stringify(list.json).includes(SERVICE_PASSWORD), false);

  const conn = await h.call('POST', `/directories/${id}/test`);
  assert.equal(conn.json.ok, true);
  assert.match(conn.json.message, /bound as cn=ipsafezone/);

  const user = await h.call('POST', `/directories/${id}/test-user`, {
    username: 'erin',
    password: LDAP_PASSWORD,
  });
  assert.equal(user.json.ok, true);
  assert.equal(user.json.passwordCheck, 'ok');
  assert.equal(user.json.lookup.reference, `uid=erin,ou=people,${BASE_DN}`);
  assert.equal(user.json.lookup.user.secSignId, 'erin.sec');
  assert.equal(user.json.lookup.user.admin, true);
  assert.equal(JSON.stringify(user.json).includes(LDAP_PASSWORD), false);
  const wrong = await h.call('POST', `/directories/${id}/test-user`, {
    username: 'erin',
    password: 'x',
  });
  assert.equal(wrong.json.ok, false);
  assert.equal(wrong.json.passwordCheck, 'wrong_password');
  const nobody = await h.call('POST', `/directories/${id}/test-user`, { username: '*)(uid=*' });
  assert.deepEqual([nobody.json.ok, nobody.json.lookup.found], [false, false]);

  assert.equal(
    (await h.call('POST', '/directories/ldap', body())).json.error.code,
    'directory_name_taken',
  );
  const off = await h.call('PATCH', `/directories/${id}`, { enabled: false });
  assert.equal(off.json.directory.enabled, false);
  assert.equal((await h.call('DELETE', `/directories/${id}`)).status, 200);
  assert.equal((await h.call('DELETE', `/directories/${id}`)).status, 404);
  assert.equal((await h.call('POST', `/directories/${id}/test`)).status, 404);
  const { json } = await h.call('GET', '/audit?limit=50');
  const actions = json.entries.map((e: { action: string }) => e.action);
  for (const a of ['directory.create', 'directory.update', 'directory.delete'])
    assert.ok(actions.includes(a), a);
  assert.equal(JSON.stringify(json).includes(SERVICE_PASSWORD), false);
});

test('directories: refusals in the one error shape, never a 500', async () => {
  const h = await harness(':memory:', { secretKey: KEY });
  const cases: [string, string, unknown, number, string][] = [
    ['POST', '/directories/ldap', { ...body(), allowPlain: false }, 422, 'invalid_directory'],
    ['POST', '/directories/ldap', { ...body(), userFilter: '(uid=x)' }, 422, 'invalid_directory'],
    [
      'POST',
      '/directories/ldap',
      { ...body(), userFilter: '(uid={username}' },
      422,
      'invalid_directory',
    ],
    ['POST', '/directories/ldap', { ...body(), url: 'https://x' }, 422, 'invalid_directory'],
    [
      'POST',
      '/directories/ldap',
      { ...body(), groupFilter: '(member={dn})' },
      422,
      'invalid_directory',
    ],
    ['POST', '/directories/ldap', { ...body(), extra: 1 }, 400, 'invalid_input'],
    ['POST', '/directories/ldap', { ...body(), timeoutMs: 10 }, 400, 'invalid_input'],
    ['POST', '/directories/ldap', '{not json', 400, 'invalid_input'],
    [
      'POST',
      '/directories/crowd',
      { name: 'C', url: 'ftp://x', applicationName: 'a', applicationPassword: 'b' },
      422,
      'invalid_directory',
    ],
    ['PATCH', '/directories/abc', { enabled: true }, 400, 'invalid_input'],
    ['PATCH', '/directories/99', { enabled: true }, 404, 'directory_not_found'],
    ['POST', '/directories/99/test-user', { username: '' }, 400, 'invalid_input'],
  ];
  for (const [method, path, b, status, code] of cases) {
    const r = await h.call(method, path, b);
    assert.equal(
      r.status,
      status,
      `${method} ${path} ${JSON.stringify(b)}: ${JSON.stringify(r.json)}`,
    );
    assert.equal(r.json.error.code, code);
  }
  assert.deepEqual((await h.call('GET', '/directories')).json.directories, []);
  const noKey = await harness();
  const r = await noKey.call('POST', '/directories/ldap', body());
  assert.equal(r.status, 409);
  assert.equal(r.json.error.code, 'no_secret_key');
  assert.equal((await h.call('GET', '/directories', undefined, null)).status, 401);
});

test('directories: reorder moves one and keeps the others in order', async () => {
  const h = await harness(':memory:', { secretKey: KEY });
  const add = async (name: string) =>
    (
      await h.call('POST', '/directories/crowd', {
        name,
        url: 'https://crowd.example.test/crowd',
        applicationName: 'a',
        applicationPassword: 'b',
      })
    ).json.directory.id as number;
  const a = await add('A');
  await add('B');
  await add('C');
  const moved = await h.call('PATCH', `/directories/${a}`, { position: 3 });
  assert.equal(moved.json.directory.position, 3);
  const order = (await h.call('GET', '/directories')).json.directories.map(
    (d: { name: string; position: number }) => `${d.position}${d.name}`,
  );
  assert.deepEqual(order, ['1B', '2C', '3A']);
  const bad = await h.call('PATCH', `/directories/${a}`, { position: 4 });
  assert.deepEqual([bad.status, bad.json.error.code], [422, 'invalid_position']);
  const none = await h.call('PATCH', `/directories/${a}`, {});
  assert.equal(none.status, 400);
});
