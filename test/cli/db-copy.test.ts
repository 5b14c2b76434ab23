/**
 * `ipsafezone db copy --to postgres://…` (issue 26): an installation on the embedded libSQL file,
 * set up through the command line as an operator would (an administrator with a SecSign ID, a
 * user, a zone, the settings, an OpenID Connect client, their audit entries), is copied into a new
 * PostgreSQL database of the test cluster (test/support/postgres.ts). The counts are reported, the
 * rows are there with their ids, the target goes on working (a new user gets a new id), and a
 * second copy into the now non-empty target is refused with nothing changed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliOn } from '../support/run-cli.js';
import { openDatabase } from '../../server/db/open.js';
import { freshPostgresDatabase } from '../support/postgres.js';
import { seededTables } from '../../server/db/copy.js';

const cli = runCliOn;

test('db copy moves a libSQL installation into an empty PostgreSQL database, once', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'ipsz-copy-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const source = `file:${join(dir, 'ipsafezone.db')}`;
  const ok = async (args: string[], stdin = '') => {
    const r = await cli(source, args, stdin);
    assert.equal(r.status, 0, r.err);
    return r;
  };
  // Each command line as an operator types it (no argument holds a space).
  const steps: [string, string?][] = [
    [
      'user add --username Alice --password-stdin --admin --secsign-id alice.id',
      'alice password 1',
    ],
    ['user add --username bob --password-stdin', 'bob long password'],
    ['zone add --name Office --range 10.0.0.0/8'],
    ['settings set ipsafezone on'],
    ['settings set 2sa on'],
    ['oidc client add --id jira --name Jira --redirect-uri https://jira.example.com/cb'],
  ];
  for (const [line, stdin] of steps) await ok(line.split(' '), stdin);

  const fresh = await freshPostgresDatabase({ empty: true });
  t.after(() => fresh.drop());
  const copy = await cli(source, ['db', 'copy', '--to', fresh.url]);
  assert.equal(copy.status, 0, copy.err);
  assert.match(copy.out, /^users\s+2$/m);
  assert.match(copy.out, /^zones\s+1$/m);
  assert.match(copy.out, /^oidc_clients\s+1$/m);
  assert.match(copy.out, /^settings\s+1$/m);
  const auditLine = /^audit_log\s+(\d+)$/m.exec(copy.out);
  assert.ok(auditLine && Number(auditLine[1]) >= 5, copy.out);
  assert.match(copy.out, /Copied \d+ rows into postgres:/);

  const lite = await openDatabase({ url: source, create: false });
  const pg = await openDatabase({ url: fresh.url, create: false });
  t.after(() => {
    lite.close();
    pg.close();
  });
  const rows = async (db: typeof lite, sql: string) =>
    (await db.execute(sql)).rows.map((r) => JSON.stringify(Object.values(r)));
  for (const sql of [
    'SELECT id, username, username_key, role, secsign_id, password_hash, directory FROM users ORDER BY id',
    'SELECT id, name, ranges, enabled FROM zones ORDER BY id',
    'SELECT ipsafezone_active, two_step_active, outside_factors FROM settings',
    'SELECT client_id, name, secret_hash, redirect_uris FROM oidc_clients',
    'SELECT id, at, actor, action, username, outcome, details FROM audit_log ORDER BY id',
  ]) {
    assert.deepEqual(await rows(pg, sql), await rows(lite, sql), sql);
  }

  // The target goes on: the command line works on it, and a new user gets the next id.
  const onPg = await cli(
    fresh.url,
    ['user', 'add', '--username', 'carol', '--password-stdin'],
    'carol long password\n',
  );
  assert.equal(onPg.status, 0, onPg.err);
  const ids = (await pg.execute('SELECT id FROM users ORDER BY id')).rows.map((r) =>
    Number(r['id']),
  );
  assert.equal(ids.length, 3);
  assert.ok(ids[2]! > ids[1]!);
  assert.match((await cli(fresh.url, ['settings', 'show'])).out, /ipsafezone\s+on/);

  // A second copy is refused: the target is no longer empty; nothing changed.
  const again = await cli(source, ['db', 'copy', '--to', fresh.url]);
  assert.equal(again.status, 1);
  assert.match(again.err, /not empty \(users: 3 rows\).*\[copy_refused\]/);
  assert.equal((await pg.execute('SELECT count(*) AS n FROM users')).rows[0]!['n'], 3);
});

test('db copy needs --to and refuses to copy a database onto itself', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'ipsz-copy-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const url = `file:${join(dir, 'a.db')}`;
  const none = await cli(url, ['db', 'copy']);
  assert.equal(none.status, 2);
  assert.match(none.err, /--to URL is required/);
  const self = await cli(url, ['db', 'copy', '--to', url]);
  assert.equal(self.status, 2);
  assert.match(self.err, /names the database being copied/);
});

test('the seeded tables are found, not listed: those a fresh database holds rows in', async (t) => {
  const seeded = await seededTables();
  for (const table of ['settings', 'change_counters', 'enrolment_campaign'])
    assert.ok(seeded.has(table), `${table} is seeded`);
  assert.ok(!seeded.has('users') && !seeded.has('audit_log'));
  // The PostgreSQL twins seed the same tables (what the copy into PostgreSQL relies on).
  const fresh = await freshPostgresDatabase({ empty: true });
  t.after(() => fresh.drop());
  const pg = await openDatabase({ url: fresh.url });
  t.after(() => pg.close());
  const tables = await pg.execute(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
  );
  const withRows = new Set<string>();
  for (const r of tables.rows) {
    const name = String(r['name']);
    if (name === 'schema_migrations') continue;
    const n = await pg.execute(`SELECT count(*) AS n FROM "${name}"`);
    if (Number(n.rows[0]?.['n']) > 0) withRows.add(name);
  }
  assert.deepEqual([...withRows].sort(), [...seeded].sort());
});
