/**
 * The operations commands of the CLI, run in-process through `runCli`: `config check` prints the
 * effective configuration with secrets masked and every problem at once (exit 1), and needs no
 * database; `audit export --before DATE` archives the older entries (JSON Lines, CSV) and
 * `audit purge --before DATE` removes them, auditing the purge.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../server/cli/run.js';
import type { CliIo } from '../../../server/cli/io.js';
import { ManualClock } from '../../../server/platform/clock.js';
import { openDatabase } from '../../../server/db/open.js';
import { appendAudit } from '../../../server/store/audit.js';

async function cli(env: Record<string, string>, args: string[], clock = new ManualClock()) {
  let out = '';
  let err = '';
  const io: CliIo = {
    env,
    readStdin: () => Promise.resolve(''),
    out: (line) => (out += line + '\n'),
    err: (line) => (err += line + '\n'),
  };
  const status = await runCli(args, io, clock);
  return { status, out, err };
}

test('config check: every problem at once, secrets masked, no database touched', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ipsz-config-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const db = join(dir, 'never.db');
  const secret = 'a-secret-key-that-is-long-enough-0123456789';
  const bad = await cli(
    {
      DATABASE_URL: `file:${db}`,
      PORT: 'eighty',
      LOG_LEVEL: 'loud',
      IPSAFEZONE_SECRET_KEY: secret,
      IPSAFEZONE_TRUSTED_PROXIES: '10.0.0.300',
      IPSAFEZONE_METRICS_ALLOW: 'not-a-range',
    },
    ['config', 'check'],
  );
  assert.equal(bad.status, 1);
  assert.match(bad.err, /4 problems:/);
  assert.match(bad.err, /PORT: expected a whole number, got "eighty"/);
  assert.match(bad.err, /LOG_LEVEL: expected one of/);
  assert.match(bad.err, /IPSAFEZONE_TRUSTED_PROXIES: entry 1 "10\.0\.0\.300"/);
  assert.match(bad.err, /IPSAFEZONE_METRICS_ALLOW: "not-a-range"/);
  assert.ok(!(bad.out + bad.err).includes(secret), 'the secret key is printed');
  assert.match(bad.out, /IPSAFEZONE_SECRET_KEY\s+\*{8} \(43 characters\)/);
  assert.equal(existsSync(db), false, 'config check opened the database');

  const good = await cli({ IPSAFEZONE_METRICS_TOKEN: 'token-0123456789abcdef', PORT: '9000' }, [
    'config',
    'check',
  ]);
  assert.equal(good.status, 0, good.err);
  assert.match(good.out, /listen\s+\[::\]:9000/);
  assert.match(good.out, /metrics\s+token \*{8}/);
  assert.ok(!good.out.includes('token-0123456789abcdef'));
  assert.match(good.out, /No problems found\./);
});

test('audit export --before archives older entries; audit purge removes them and is audited', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ipsz-audit-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const url = `file:${join(dir, 'a.db')}`;
  const db = await openDatabase({ url });
  const clock = new ManualClock(Date.UTC(2025, 5, 1));
  for (let i = 0; i < 1500; i++) {
    await appendAudit(db, clock, { actor: 'cli', action: 'old', outcome: `n${i}` });
  }
  clock.set(Date.UTC(2026, 5, 1));
  await appendAudit(db, clock, { actor: 'cli', action: 'new', outcome: 'kept' });
  db.close();
  const env = { DATABASE_URL: url };

  const jsonl = await cli(env, ['audit', 'export', '--before', '2026-01-01']);
  assert.equal(jsonl.status, 0, jsonl.err);
  const lines = jsonl.out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.equal(lines.length, 1500, 'two batches, every old entry once');
  assert.equal(lines[0].outcome, 'n0');
  assert.equal(lines[1499].outcome, 'n1499');
  assert.equal(lines[0].at, '2025-06-01T00:00:00.000Z');

  const csv = await cli(env, ['audit', 'export', '--before', '2026-01-01', '--format', 'csv']);
  const rows = csv.out.trim().split(/\r?\n/);
  assert.equal(rows.length, 1501, 'one header and 1500 rows');
  assert.match(rows[0]!, /^\uFEFF?id,at,/);

  assert.equal((await cli(env, ['audit', 'export'])).status, 2, '--before is required');
  const purge = await cli(env, ['audit', 'purge', '--before', '2026-01-01'], clock);
  assert.equal(purge.status, 0, purge.err);
  assert.match(purge.out, /1500 audit entries older than 2026-01-01T00:00:00\.000Z purged/);
  const rest = await cli(env, ['audit', 'export', '--before', '2030-01-01']);
  assert.deepEqual(
    rest.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).action),
    ['new', 'audit.purge'],
  );
});
