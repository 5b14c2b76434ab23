/**
 * Directory kinds are a registry (issue 25 §2, server/directories/kinds.ts): the admin API's add
 * routes, the form description the admin page draws, the CLI's `directory add` and which stored
 * rows can be opened all come from it. Checked here: each kind has its route with its own schema,
 * `GET /directories/kinds` describes each kind's form from its module (every field a key of its
 * input, words in English and German, the secret a password field), an unknown kind is a 404 /
 * a usage error naming the kinds, and a stored row of a kind this version does not know — the
 * database no longer refuses it (migration 021) — fails closed: `unavailable`, never skipped.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { harness } from '../admin-api/harness.js';
import { DIRECTORY_KINDS } from '../../../server/directories/kinds.js';
import type { DirectoryKindView } from '../../../server/directories/directory-kind.js';
import { loadPasswordDirectories } from '../../../server/directories/open-directory.js';
import { DIRECTORY_HELP } from '../../../server/cli/directory-commands.js';
import { runCli } from '../../../server/cli/run.js';
import { openTestDatabase } from '../../support/test-database.js';

const KEY = 'kinds key '.repeat(5);

test('every kind has its add route, checked by its own schema; another kind is a 404', async () => {
  const h = await harness(':memory:', { secretKey: KEY });
  for (const kind of DIRECTORY_KINDS) {
    const r = await h.call('POST', `/directories/${kind.name}`, { name: 'x' });
    assert.equal(r.status, 400, `${kind.name}: ${JSON.stringify(r.json)}`);
    assert.equal(r.json.error.code, 'invalid_input');
    const secret = r.json.error.details.fields[kind.secret];
    assert.ok(secret, `${kind.name}: its secret is required`);
  }
  const other = await h.call('POST', '/directories/sketch', { name: 'x' });
  assert.equal(other.status, 404);
  assert.equal(other.json.error.code, 'not_found');
});

test('GET /directories/kinds describes each kind’s form from its module', async () => {
  const h = await harness(':memory:', { secretKey: KEY });
  const r = await h.call('GET', '/directories/kinds');
  assert.equal(r.status, 200);
  const kinds = r.json.kinds as DirectoryKindView[];
  assert.deepEqual(
    kinds.map((k) => k.name),
    DIRECTORY_KINDS.map((k) => k.name),
  );
  assert.deepEqual(
    kinds.map((k) => k.name),
    ['ldap', 'crowd'],
  );
  for (const view of kinds) {
    const kind = DIRECTORY_KINDS.find((k) => k.name === view.name)!;
    const keys = Object.keys((kind.input as unknown as z.ZodObject<z.ZodRawShape>).shape);
    assert.ok(view.title.en && view.title.de, view.name);
    for (const f of view.fields) {
      assert.ok(keys.includes(f.name), `${view.name}.${f.name} is an input key`);
      assert.ok(f.label.en !== '' && f.label.de !== '', `${view.name}.${f.name} has its words`);
    }
    const names = view.fields.map((f) => f.name);
    assert.equal(names[0], 'name');
    assert.deepEqual(
      view.fields.filter((f) => f.type === 'secret').map((f) => f.name),
      [kind.secret],
    );
  }
  const ldap = kinds.find((k) => k.name === 'ldap')!;
  assert.deepEqual(
    ldap.fields.filter((f) => f.required).map((f) => f.name),
    ['name', 'url', 'bindDn', 'bindPassword', 'baseDn', 'userFilter'],
  );
});

test('the CLI offers every kind and names them for an unknown one', async () => {
  for (const kind of DIRECTORY_KINDS) assert.ok(DIRECTORY_HELP.includes(kind.usage));
  let err = '';
  const status = await runCli(['directory', 'add', 'sketch', '--url', 'x'], {
    env: { DATABASE_URL: ':memory:', IPSAFEZONE_SECRET_KEY: KEY },
    readStdin: () => Promise.resolve(''),
    out: () => undefined,
    err: (line) => (err += `${line}\n`),
  });
  assert.equal(status, 2);
  assert.match(err, /directory add needs a kind: ldap or crowd/);
});

test('a stored directory of a kind no module carries answers unavailable', async (t) => {
  const db = await openTestDatabase();
  t.after(() => db.close());
  // As a newer version (or a hand edit) might leave it: the database takes any kind now.
  await db.execute({
    sql: `INSERT INTO directories (name, name_key, kind, position, enabled, settings, secret, created_at, updated_at)
          VALUES ('Future', 'future', 'sketch', 1, 1, '{}', 'v1.x', 0, 0)`,
    args: [],
  });
  const loaded = await loadPasswordDirectories(db, { secretKey: KEY });
  assert.equal(loaded.length, 1);
  assert.equal(loaded[0]!.kind, 'sketch');
  const r = await loaded[0]!.verify('anyone', 'a password');
  assert.equal(r.status, 'unavailable');
  assert.match(r.status === 'unavailable' ? r.reason : '', /no directory kind "sketch"/);
});
