/**
 * The command line as operators use it, on a temporary database file. Most cases run `runCli`
 * in this process with a real `CliIo` that feeds stdin and captures stdout/stderr (spawning ~35
 * `node --import tsx` processes took over a minute on a shared machine); a few real processes keep
 * the entry points covered: the `ipsafezone` bin with --password-stdin and --help, one refusal
 * through server/cli/main.ts, and a second process noticing zone changes through its zone matcher
 * source. Sets up an administrator, zones and settings; tries to break each seed rule (refusal:
 * exit 1, the domain's message and code on stderr, nothing changed).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '@libsql/client';
import { runCliOn, type CliResult } from '../support/run-cli.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Runs the CLI in this process against `url` (test/support/run-cli.ts). */
const cli = runCliOn;

/** Runs a real process (`node <nodeArgs> <args>`) in the repository root against `url`. */
function spawned(url: string, nodeArgs: string[], args: string[], stdin = ''): CliResult {
  const r = spawnSync(process.execPath, [...nodeArgs, ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url },
    input: stdin,
    encoding: 'utf8',
  });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

async function tempDb(t: { after(fn: () => Promise<void>): void }) {
  const dir = await mkdtemp(join(tmpdir(), 'ipsz-cli-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return { dir, url: `file:${join(dir, 'data', 'ipsafezone.db')}` };
}

test('first set-up, the seed rules, and the same refusals as the API', async (t) => {
  const { url } = await tempDb(t);
  assert.equal(
    (
      await cli(
        url,
        ['user', 'add', '--username', 'root', '--password-stdin', '--admin'],
        'root password\n',
      )
    ).status,
    0,
  );
  // The test reads the same file directly to check that a refusal changed nothing.
  const db = createClient({ url });
  t.after(() => db.close());
  const snapshot = async () =>
    JSON.stringify(
      await Promise.all(
        ['users', 'settings', 'zones', 'audit_log'].map(
          async (table) => (await db.execute(`SELECT * FROM ${table} ORDER BY 1`)).rows,
        ),
      ),
    );
  const refused = async (args: string[], code: string, stdin = '') => {
    const before = await snapshot();
    const r = await cli(url, args, stdin);
    assert.equal(r.status, 1, `${args.join(' ')}: ${r.err}`);
    assert.match(r.err, new RegExp(`\\[${code}\\]`));
    assert.equal(await snapshot(), before, 'nothing changed');
  };

  await refused(['settings', 'set', 'ipsafezone', 'on'], 'no_secsign_admin');
  const add = await cli(
    url,
    [
      'user',
      'add',
      '--username',
      'Alice',
      '--password-stdin',
      '--admin',
      '--secsign-id',
      ' Alice.Example ',
      '--name',
      'Alice A',
      '--email',
      'alice@example.com',
    ],
    'correct horse battery\n',
  );
  assert.equal(add.status, 0, add.err);
  assert.match(add.out, /alice\.example/);
  assert.equal((await cli(url, ['settings', 'set', 'ipsafezone', 'on'])).status, 0);

  // The last administrator with a SecSign ID keeps it, stays admin, enabled, and present.
  await refused(['user', 'clear-secsign-id', 'alice'], 'last_secsign_admin');
  await refused(['user', 'set-role', 'ALICE', 'user'], 'last_secsign_admin');
  await refused(['user', 'disable', 'alice'], 'last_secsign_admin');
  await refused(['user', 'delete', 'alice'], 'last_secsign_admin');
  // One user per SecSign ID.
  await refused(['user', 'set-secsign-id', 'root', 'ALICE.example'], 'secsign_id_taken');
  await refused(
    ['user', 'add', '--username', 'alice', '--password-stdin'],
    'username_taken',
    'another password',
  );
  await refused(
    ['user', 'add', '--username', 'shorty', '--password-stdin'],
    'password_too_short',
    'short\n',
  );

  assert.equal((await cli(url, ['user', 'set-secsign-id', 'root', 'Root.ID'])).status, 0);
  assert.equal(
    (await cli(url, ['user', 'clear-secsign-id', 'alice'])).status,
    0,
    'allowed with a second one',
  );

  const bad = await cli(url, [
    'zone',
    'add',
    '--name',
    'Office',
    '--range',
    '10.0.0.0 – 10.0.0.255',
    '--range',
    '0x0a.0.0.1',
  ]);
  assert.equal(bad.status, 1);
  assert.match(bad.err, /Range 2 .*\[invalid_ranges\]/);
  assert.equal(
    (await cli(url, ['zone', 'add', '--name', 'Office', '--range', '10.0.0.0 – 10.0.0.255']))
      .status,
    0,
  );
  assert.equal(
    (await cli(url, ['zone', 'add', '--name', 'Everything', '--range', '::/0'])).status,
    1,
  );
  assert.equal(
    (await cli(url, ['zone', 'add', '--name', 'Everything', '--range', '::/0', '--force'])).status,
    0,
  );
  assert.equal((await cli(url, ['zone', 'remove', 'everything'])).status, 0);
  assert.match((await cli(url, ['zone', 'list'])).out, /Office\s+yes\s+256/);

  assert.equal(
    (await cli(url, ['user', 'add', '--username', 'dave', '--password-stdin'], 'dave password'))
      .status,
    0,
  );
  const inside = await cli(url, ['check-ip', '10.0.0.42', '--user', 'dave']);
  assert.match(inside.out, /zone\s+Office/);
  assert.match(inside.out, /needs\s+password\n/);
  const outside = await cli(url, ['check-ip', '203.0.113.5', '--user', 'dave']);
  assert.match(outside.out, /needs\s+a second factor \(2fa\)/);
  assert.match(outside.out, /administrator must assign one/);
  assert.equal((await cli(url, ['settings', 'set', '2sa', 'on'])).status, 0);
  assert.match(
    (await cli(url, ['check-ip', '203.0.113.5'])).out,
    /needs\s+the password, then a second factor \(2sa\)/,
  );
  assert.match(
    (await cli(url, ['settings', 'show'])).out,
    /ipsafezone\s+on\n2sa\s+on\nusers-change-own-id\s+off/,
  );
});

test('usage errors exit 2 with help; --help works for each command', async (t) => {
  const { url } = await tempDb(t);
  for (const cmd of ['user', 'zone', 'settings', 'check-ip']) {
    const r = await cli(url, [cmd, '--help']);
    assert.equal(r.status, 0);
    assert.match(r.out, new RegExp(`Usage: ipsafezone ${cmd}`));
  }
  for (const args of [
    ['user', 'add', '--username', 'x'],
    ['user', 'frobnicate'],
    ['settings', 'set', 'ipsafezone', 'maybe'],
    ['nope'],
    ['zone', 'add', '--bogus'],
  ]) {
    const r = await cli(url, args);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.err, /ipsafezone: /);
  }
});

test('the bin entry runs the same CLI: --password-stdin and --help', async (t) => {
  const { url } = await tempDb(t);
  const add = spawned(
    url,
    ['bin/ipsafezone.js'],
    ['user', 'add', '--username', 'root', '--password-stdin', '--admin'],
    'root password\n',
  );
  assert.equal(add.status, 0, add.err);
  assert.match((await cli(url, ['user', 'list'])).out, /root/);
  const help = spawned(url, ['bin/ipsafezone.js'], ['--help']);
  assert.equal(help.status, 0, help.err);
  assert.match(help.out, /Usage: ipsafezone <command>/);
});

test('a refusal from the real process: exit 1, message and code on stderr', async (t) => {
  const { url } = await tempDb(t);
  const r = spawned(
    url,
    ['--import', 'tsx', 'server/cli/main.ts'],
    ['settings', 'set', 'ipsafezone', 'on'],
  );
  assert.equal(r.status, 1, r.err);
  assert.match(r.err, /^ipsafezone: .+ \[no_secsign_admin\]\n/);
  assert.equal(r.out, '');
  assert.match((await cli(url, ['settings', 'show'])).out, /ipsafezone\s+off/, 'nothing changed');
});

test('a second process on the same file sees a zone added by the CLI', async (t) => {
  const { dir, url } = await tempDb(t);
  assert.equal((await cli(url, ['settings', 'show'])).status, 0); // creates and migrates the file
  const watcher = join(dir, 'watch.mts');
  await writeFile(
    watcher,
    `import { openDatabase } from ${JSON.stringify(join(ROOT, 'server/db/open.ts'))};
import { createZoneMatcherSource } from ${JSON.stringify(join(ROOT, 'server/domain/zone-matcher-source.ts'))};
import { systemClock } from ${JSON.stringify(join(ROOT, 'server/platform/clock.ts'))};
const db = await openDatabase({ url: process.env.DATABASE_URL });
const source = createZoneMatcherSource(db, systemClock, { checkIntervalMs: 50 });
console.log('before ' + JSON.stringify((await source.get()).matcher.match('172.16.5.5')));
const deadline = setTimeout(() => { console.log('gave up'); process.exit(1); }, 20000);
for (;;) {
  const m = (await source.get()).matcher.match('172.16.5.5');
  if (m.inside) { console.log('seen ' + m.zone); break; }
  await new Promise((r) => setTimeout(r, 20));
}
clearTimeout(deadline);
db.close();
`,
  );
  const child = spawn(process.execPath, ['--import', 'tsx', watcher], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url },
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  let gone = false;
  void exited.then(() => (gone = true));
  while (!out.includes('before') && !gone) await new Promise((r) => setTimeout(r, 50));
  assert.match(out, /"inside":false/);
  assert.equal(
    (await cli(url, ['zone', 'add', '--name', 'Lab', '--range', '172.16.0.0/12'])).status,
    0,
  );
  const code = await exited;
  assert.equal(code, 0, out);
  assert.match(out, /seen Lab/);
});
