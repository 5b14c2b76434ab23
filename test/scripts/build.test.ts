/**
 * `scripts/build.ts --changed` (what `npm run demo` runs first) on a copy of the repository's
 * widget and build files in a temporary folder, with the real Vite: an unchanged tree is not built
 * again, and an edited source always is — the new text reaches dist/ and the old hashed chunk is
 * gone, so a stale bundle is never served. node_modules is linked entry by entry, so the copy's
 * build stamps (node_modules/.cache) stay in the copy.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function copyOfRepository(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ipsz-build-'));
  for (const path of [
    'widget',
    'server',
    'scripts',
    'vite.config.ts',
    'package.json',
    'package-lock.json',
    'tsconfig.json',
  ]) {
    cpSync(join(ROOT, path), join(dir, path), { recursive: true });
  }
  mkdirSync(join(dir, 'node_modules'));
  for (const name of readdirSync(join(ROOT, 'node_modules'))) {
    if (name === '.cache') continue;
    symlinkSync(join(ROOT, 'node_modules', name), join(dir, 'node_modules', name));
  }
  return dir;
}

function build(dir: string): string {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/build.ts', '--changed', '--only=widget'],
    { cwd: dir, encoding: 'utf8' },
  );
  assert.equal(run.status, 0, run.stderr);
  return run.stdout
    .split('\n')
    .filter((l) => l.startsWith('build: widget'))
    .join('\n');
}

const chunks = (dir: string) =>
  readdirSync(join(dir, 'dist')).filter((f) => /^ipsafezone-login-terms-en-.+\.js$/.test(f));

test('build --changed: unchanged is skipped, an edit is built, the old chunk removed', () => {
  const dir = copyOfRepository();
  try {
    assert.equal(build(dir), 'build: widget (never built here)');
    assert.ok(existsSync(join(dir, 'dist', 'ipsafezone-login.js')));
    const [before] = chunks(dir);
    assert.ok(before);

    assert.equal(build(dir), 'build: widget is up to date');
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(dir, 'widget', 'terms-en.ts'), later, later);
    assert.equal(build(dir), 'build: widget is up to date', 'touch alone changes nothing');

    const terms = join(dir, 'widget', 'terms-en.ts');
    const text = readFileSync(terms, 'utf8');
    assert.match(text, /signIn: 'Sign in'/);
    writeFileSync(terms, text.replace(/signIn: 'Sign in'/, "signIn: 'Log on now'"));
    assert.equal(build(dir), 'build: widget (widget/terms-en.ts changed)');
    const after = chunks(dir);
    assert.equal(after.length, 1, `one English terms chunk: ${after.join(', ')}`);
    assert.notEqual(after[0], before, 'the old chunk is removed');
    assert.match(readFileSync(join(dir, 'dist', after[0]!), 'utf8'), /Log on now/);

    rmSync(join(dir, 'dist', 'ipsafezone-login.js'));
    assert.equal(build(dir), 'build: widget (dist/ipsafezone-login.js missing or rewritten)');
    assert.ok(existsSync(join(dir, 'dist', 'ipsafezone-login.js')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
