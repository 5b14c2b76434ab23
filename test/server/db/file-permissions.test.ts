/**
 * Threat (local disclosure): after the README's first set-up under the usual umask 022 the
 * database file was 0644 and its folder 0755 — anyone on the host read user records, sealed factor
 * secrets and live OIDC tokens (issue 23, item 6). A database created by ipsafezone now lives in a
 * folder made 0750 and a file made 0600 (its -wal and -shm files too) whatever the umask, and
 * start-up and `config check` warn when an existing folder or file is wider.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../server/cli/run.js';
import type { CliIo } from '../../../server/cli/io.js';
import { ManualClock } from '../../../server/platform/clock.js';
import { openDatabase } from '../../../server/db/open.js';

const modeOf = (path: string) => statSync(path).mode & 0o777;

async function configCheck(env: Record<string, string>) {
  let out = '';
  const io: CliIo = {
    env,
    readStdin: () => Promise.resolve(''),
    out: (line) => (out += line + '\n'),
    err: (line) => (out += line + '\n'),
  };
  const status = await runCli(['config', 'check'], io, new ManualClock());
  return { status, out };
}

test('a new database: folder 0750, file, WAL and SHM 0600 under umask 022; wider ones warned of', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'ipsz-perm-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const folder = join(root, 'ipsafezone');
  const file = join(folder, 'ipsafezone.db');
  const old = process.umask(0o022);
  try {
    const db = await openDatabase({ url: `file:${file}` });
    await db.execute('CREATE TABLE perm_probe (x)'); // a write: the WAL and SHM exist
    assert.equal(modeOf(folder).toString(8), '750');
    for (const path of [file, `${file}-wal`, `${file}-shm`]) {
      assert.equal(modeOf(path).toString(8), '600', path);
    }
    const env = { DATABASE_URL: `file:${file}` };
    const quiet = await configCheck(env);
    assert.doesNotMatch(quiet.out, /readable by/);
    chmodSync(file, 0o644);
    chmodSync(folder, 0o755);
    const warned = await configCheck(env);
    assert.equal(warned.status, 0, 'a warning, not a problem');
    assert.match(warned.out, /ipsafezone\.db is 0644: readable by others than its owner/);
    assert.match(warned.out, /ipsafezone is 0755: .*chmod 750/);
    db.close();
  } finally {
    process.umask(old);
  }
});
