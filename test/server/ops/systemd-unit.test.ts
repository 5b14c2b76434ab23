/**
 * The shipped systemd unit (deploy/ipsafezone.service) passes `systemd-analyze verify` without a
 * single warning (verify exits 0 even for unknown keys, so its output must be empty), restarts on
 * failure (a SIGBUS from a read-only -shm file cannot be caught) and carries the hardening options;
 * a copy with a misspelt key is caught, which shows the check can fail. Skipped, saying so, only
 * where Debian's systemd (systemd-analyze) is not installed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const UNIT = fileURLToPath(new URL('../../../deploy/ipsafezone.service', import.meta.url));
const analyze = spawnSync('systemd-analyze', ['--version'], { encoding: 'utf8' });
const missing = analyze.error !== undefined;

function verify(text: string): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'ipsz-unit-'));
  try {
    const file = join(dir, 'ipsafezone.service');
    writeFileSync(file, text);
    const r = spawnSync('systemd-analyze', ['verify', file], { encoding: 'utf8' });
    return { status: r.status, output: (r.stdout + r.stderr).trim() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test(
  'systemd-analyze verify accepts deploy/ipsafezone.service without a warning',
  {
    skip: missing && 'systemd-analyze is not installed (Debian package systemd): unit not verified',
  },
  () => {
    const text = readFileSync(UNIT, 'utf8');
    assert.match(text, /^Restart=on-failure$/m);
    assert.match(text, /^ExecStart=\/usr\/bin\/node \/opt\/ipsafezone\/build\/main\.js$/m);
    for (const option of ['NoNewPrivileges=yes', 'ProtectSystem=strict', 'PrivateTmp=yes']) {
      assert.ok(text.includes(`\n${option}\n`), option);
    }
    const good = verify(text);
    assert.equal(good.status, 0, good.output);
    assert.equal(good.output, '');
    const bad = verify(text.replace('NoNewPrivileges=yes', 'NoNewPrivilegs=yes'));
    assert.match(bad.output, /Unknown key 'NoNewPrivilegs'/);
  },
);
