/**
 * `ipsafezone secsign account|status` and SECSIGN_API in `config check`, in this process with a
 * real CliIo on a temporary database, against the embedded ID server over real HTTP: the PIN
 * account's password is stored only sealed, printed nowhere, audited without it; `status` asks the
 * ID server's ServerInfo with it and shows what the running server wrote down; `user add
 * --secsign-id` and `user set-secsign-id` ask the ID server whether the ID exists.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { runCli } from '../../server/cli/run.js';
import type { CliIo } from '../../server/cli/io.js';
import { writeApiStatus } from '../../server/store/secsign-accounts.js';
import { startSim } from '../server/secsign/helpers.js';

const KEY = 'a test secret key that is long enough for the box';
const PASSWORD = 'pin account pässword';

async function cli(env: Record<string, string>, args: string[], stdin = '') {
  let out = '';
  let err = '';
  const io: CliIo = {
    env,
    readStdin: () => Promise.resolve(stdin),
    out: (line) => (out += line + '\n'),
    err: (line) => (err += line + '\n'),
  };
  const status = await runCli(args, io);
  return { status, out, err };
}

test('secsign account stores the PIN account sealed; status asks the ID server with it', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'ipsz-secsign-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const url = `file:${join(dir, 'ipsafezone.db')}`;
  const sim = await startSim({ rest: { account: 'jira-pin', password: PASSWORD } });
  t.after(() => sim.close());
  const args = ['secsign', 'account', '--server', `${sim.url}/`, '--account', 'jira-pin'];

  const noKey = await cli({ DATABASE_URL: url }, [...args, '--password-stdin'], `${PASSWORD}\n`);
  assert.equal(noKey.status, 1);
  assert.match(noKey.err, /\[no_secret_key\]/);
  const noStdin = await cli({ DATABASE_URL: url, IPSAFEZONE_SECRET_KEY: KEY }, args);
  assert.equal(noStdin.status, 2);

  const env = { DATABASE_URL: url, IPSAFEZONE_SECRET_KEY: KEY };
  const stored = await cli(env, [...args, '--password-stdin'], `${PASSWORD}\n`);
  assert.equal(stored.status, 0, stored.err);
  assert.match(stored.out, new RegExp(`"jira-pin" for ${sim.url}\\b`));

  const db = createClient({ url });
  t.after(() => db.close());
  const everything = JSON.stringify([
    (await db.execute('SELECT * FROM secsign_accounts')).rows,
    (await db.execute('SELECT * FROM audit_log')).rows,
  ]);
  assert.ok(!everything.includes(PASSWORD), 'the password is nowhere in clear');
  assert.ok(!everything.includes(Buffer.from(PASSWORD).toString('base64')));
  const audit = await db.execute(
    "SELECT actor, details FROM audit_log WHERE action = 'secsign.account'",
  );
  assert.equal(audit.rows.length, 1);
  assert.equal(audit.rows[0]!['actor'], 'cli');

  const status = await cli(env, ['secsign', 'status']);
  assert.equal(status.status, 0, status.err);
  assert.match(status.out, /account "jira-pin"/);
  assert.match(status.out, /REST answers, version 10\.7\.5/);
  assert.match(status.out, /nothing written down yet/);
  assert.ok(!(status.out + status.err).includes(PASSWORD));

  await writeApiStatus(db, {
    mode: 'auto',
    api: 'rest',
    reason: 'auto: the ID server answered ServerInfo (version 10.7.5)',
    version: '10.7.5',
    decidedAt: Date.UTC(2026, 0, 2, 3, 4, 5),
    lastSuccessAt: Date.UTC(2026, 0, 2, 3, 5, 0),
  });
  const later = await cli(env, ['secsign', 'status']);
  assert.match(later.out, /API in use\s+REST v2/);
  assert.match(later.out, /last successful\s+2026-01-02T03:05:00\.000Z/);

  // Assigning a SecSign ID asks the ID server over REST with the stored account.
  const typo = await cli(
    env,
    ['user', 'add', '--username', 'root', '--password-stdin', '--admin', '--secsign-id', 'alcie'],
    'a long root password\n',
  );
  assert.equal(typo.status, 1);
  assert.match(typo.err, /does not know the SecSign ID "alcie".*\[secsign_id_unknown\]/);
  const known = await cli(
    env,
    ['user', 'add', '--username', 'root', '--password-stdin', '--admin', '--secsign-id', 'Alice'],
    'a long root password\n',
  );
  assert.equal(known.status, 0, known.err);
  assert.equal(known.err, '');
  const unchecked = await cli({ ...env, SECSIGN_API: 'form' }, [
    'user',
    'set-secsign-id',
    'root',
    'alcie',
  ]);
  assert.equal(unchecked.status, 0, unchecked.err);
  assert.match(unchecked.err, /note: Not checked: the form protocol is in use/);

  // Another key cannot open the password: status says so and still prints nothing secret.
  const otherKey = await cli({ ...env, IPSAFEZONE_SECRET_KEY: KEY.replace('a', 'b') }, [
    'secsign',
    'status',
  ]);
  assert.match(otherKey.out, /REST does not answer/);
});

test('config check names the SecSign ID API and refuses an unknown SECSIGN_API', async () => {
  const rest = await cli({ SECSIGN_API: 'rest' }, ['config', 'check']);
  assert.equal(rest.status, 0, rest.err);
  assert.match(rest.out, /SecSign ID API\s+REST v2 \(SECSIGN_API=rest/);
  const auto = await cli({}, ['config', 'check']);
  assert.match(auto.out, /SecSign ID API\s+auto \(default\)/);
  const bad = await cli({ SECSIGN_API: 'soap' }, ['config', 'check']);
  assert.equal(bad.status, 1);
  assert.match(bad.err, /SECSIGN_API: expected auto, rest or form, got "soap"/);
});
