/**
 * `ipsafezone directory …` in this process against a temporary database and a real slapd: add an
 * LDAP directory with the bind password on standard input (stored sealed, never in the list or
 * the audit log), refuse plain LDAP and a missing secret key, list, test the connection and a user,
 * disable, remove; and add a Crowd directory.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { runCli } from '../../../server/cli/run.js';
import type { CliIo } from '../../../server/cli/io.js';
import { BASE_DN, SERVICE_DN, SERVICE_PASSWORD, type Slapd } from '../../support/slapd.js';
import { startSeededSlapd } from '../../support/ldap-directory-fixture.js';
import { LDAP_PASSWORD } from './ldap-seed.js';

const KEY = 'cli key '.repeat(5);
let ldap: Slapd;
let dir: string;
let url: string;

before(async () => {
  ldap = await startSeededSlapd();
  dir = await mkdtemp(join(tmpdir(), 'ipsz-dir-cli-'));
  url = `file:${join(dir, 'ipsafezone.db')}`;
});
after(async () => {
  await ldap?.dispose();
  await rm(dir, { recursive: true, force: true });
});

async function cli(
  args: string[],
  stdin = '',
  env: Record<string, string> = { IPSAFEZONE_SECRET_KEY: KEY },
) {
  let out = '';
  let err = '';
  const io: CliIo = {
    env: { DATABASE_URL: url, ...env },
    readStdin: () => Promise.resolve(stdin),
    out: (line) => (out += line + '\n'),
    err: (line) => (err += line + '\n'),
  };
  const status = await runCli(args, io);
  return { status, out, err };
}

const ldapAdd = (extra: string[] = []) => [
  'directory',
  'add',
  'ldap',
  '--name',
  'Corp',
  '--url',
  ldap.url,
  '--bind-dn',
  SERVICE_DN,
  '--bind-password-stdin',
  '--base-dn',
  BASE_DN,
  '--user-filter',
  '(&(objectClass=inetOrgPerson)(uid={username}))',
  '--admin-group',
  'IPSafeZone Admins',
  ...extra,
];

test('directory add ldap refuses plain LDAP unless allowed, and a missing secret key', async () => {
  const plain = await cli(ldapAdd(), `${SERVICE_PASSWORD}\n`);
  assert.equal(plain.status, 1);
  assert.match(plain.err, /clear text.*\[invalid_directory\]/);
  const noKey = await cli(ldapAdd(['--allow-plain']), `${SERVICE_PASSWORD}\n`, {});
  assert.equal(noKey.status, 1);
  assert.match(noKey.err, /IPSAFEZONE_SECRET_KEY is not set.*\[no_secret_key\]/);
  const noPassword = await cli(
    ldapAdd(['--allow-plain']).filter((a) => a !== '--bind-password-stdin'),
  );
  assert.equal(noPassword.status, 2);
});

test('add, list, test, disable and remove an LDAP directory; the password is stored sealed', async () => {
  const added = await cli(ldapAdd(['--allow-plain']), `${SERVICE_PASSWORD}\n`);
  assert.equal(added.status, 0, added.err);
  assert.match(added.out, /Added LDAP directory Corp/);

  const list = await cli(['directory', 'list']);
  assert.match(list.out, /1\s+Corp\s+ldap\s+yes\s+ldap:\/\/127\.0\.0\.1/);
  const json = await cli(['directory', 'list', '--json']);
  assert.ok(!json.out.includes(SERVICE_PASSWORD), 'the list never shows the password');

  const db = createClient({ url });
  const stored = await db.execute('SELECT settings, secret FROM directories');
  const audit = await db.execute(`SELECT details FROM audit_log WHERE action = 'directory.create'`);
  db.close();
  assert.ok(!String(stored.rows[0]!['settings']).includes(SERVICE_PASSWORD));
  assert.match(String(stored.rows[0]!['secret']), /^v1\./);
  assert.ok(!String(stored.rows[0]!['secret']).includes(SERVICE_PASSWORD));
  assert.ok(!String(audit.rows[0]!['details']).includes(SERVICE_PASSWORD));

  const t = await cli(
    ['directory', 'test', 'Corp', '--user', 'erin', '--password-stdin'],
    LDAP_PASSWORD,
  );
  assert.equal(t.status, 0, t.err);
  assert.match(t.out, /OK: Connected to ldap:\/\/127\.0\.0\.1/);
  assert.match(t.out, /Found uid=erin,ou=people/);
  assert.match(t.out, /Password check: ok/);
  assert.match(
    t.out,
    /groups:\s+IPSafeZone Admins, Jira Users|groups:\s+Jira Users, IPSafeZone Admins/,
  );
  assert.match(t.out, /admin:\s+yes/);
  assert.ok(!t.out.includes(LDAP_PASSWORD));

  const wrong = await cli(
    ['directory', 'test', 'Corp', '--user', 'erin', '--password-stdin'],
    'nope',
  );
  assert.equal(wrong.status, 1);
  assert.match(wrong.out, /Password check: wrong password/);

  const wrongKey = await cli(['directory', 'test', 'Corp'], '', {
    IPSAFEZONE_SECRET_KEY: 'x'.repeat(40),
  });
  assert.equal(wrongKey.status, 1);
  assert.match(wrongKey.err, /cannot be opened/);

  assert.match((await cli(['directory', 'disable', 'corp'])).out, /Corp is disabled/);
  assert.match((await cli(['directory', 'list'])).out, /Corp\s+ldap\s+no/);
  const removed = await cli(['directory', 'remove', 'Corp']);
  assert.equal(removed.status, 0, removed.err);
  assert.match((await cli(['directory', 'list'])).out, /No directories/);
  assert.equal((await cli(['directory', 'remove', 'Corp'])).status, 1);
});

test('directory add crowd', async () => {
  const r = await cli(
    [
      'directory',
      'add',
      'crowd',
      '--url',
      'https://jira.example.test',
      '--application',
      'ipsafezone',
      '--application-password-stdin',
      '--admin-group',
      'jira-administrators',
    ],
    'app secret\n',
  );
  assert.equal(r.status, 0, r.err);
  assert.match(r.out, /Added Crowd directory Crowd jira\.example\.test/);
  await cli(
    [
      'directory',
      'add',
      'crowd',
      '--name',
      'Second',
      '--url',
      'https://crowd.test',
      '--application',
      'a',
      '--application-password-stdin',
    ],
    'p\n',
  );
  const moved = await cli(['directory', 'move', 'Second', '1']);
  assert.equal(moved.status, 0, moved.err);
  assert.match(moved.out, /Order: 1\. Second, 2\. Crowd jira\.example\.test/);
  assert.equal((await cli(['directory', 'move', 'Second', 'first'])).status, 2);
  const plain = await cli(
    [
      'directory',
      'add',
      'crowd',
      '--name',
      'x',
      '--url',
      'http://crowd.test',
      '--application',
      'a',
      '--application-password-stdin',
    ],
    'p\n',
  );
  assert.equal(plain.status, 1);
  assert.match(plain.err, /Plain http/);
});
