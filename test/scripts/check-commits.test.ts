/**
 * scripts/check-commits.sh on a throw-away git repository: commits after the base with a subject
 * over 72 characters (counted in characters, so `—` counts once) fail the check and are named; a
 * first paragraph wrapped without a blank line is one long subject to git and fails too; short
 * subjects with the detail in the body pass; commits up to the base are not judged.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('../../scripts/check-commits.sh', import.meta.url));

function repository() {
  const dir = mkdtempSync(join(tmpdir(), 'ipsz-commits-'));
  mkdirSync(join(dir, 'scripts'));
  cpSync(SCRIPT, join(dir, 'scripts', 'check-commits.sh'));
  const git = (...args: string[]) => {
    const run = spawnSync('git', args, {
      cwd: dir,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@example.com',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@example.com',
      },
    });
    assert.equal(run.status, 0, run.stderr);
    return run.stdout.trim();
  };
  git('init', '-q');
  const commit = (message: string) => git('commit', '-q', '--allow-empty', '-m', message);
  const check = (base: string) =>
    spawnSync('bash', ['scripts/check-commits.sh', base], { cwd: dir, encoding: 'utf8' });
  return { dir, git, commit, check };
}

/** Runs `checks` on a fresh repository, removed afterwards. */
function withRepository(checks: (r: ReturnType<typeof repository>) => void): void {
  const r = repository();
  try {
    checks(r);
  } finally {
    rmSync(r.dir, { recursive: true, force: true });
  }
}

test('subjects after the base: 72 characters pass, 73 fail and are named', () => {
  withRepository((r) => {
    r.commit(`an old paragraph-long subject from before the rule ${'x'.repeat(60)}`);
    const base = r.git('rev-parse', 'HEAD');
    r.commit(`Seventy-two characters — counted as characters ${'y'.repeat(25)}`);
    r.commit(
      'Short subject\n\nThe detail in the body, as long as it needs to be, over many lines.',
    );
    const ok = r.check(base);
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /2 commit\(s\) checked/);

    r.commit(`A subject of seventy-three characters is one too many ${'z'.repeat(19)}`);
    const bad = r.check(base);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /seventy-three characters .* \(73 characters\)/);
    assert.match(bad.stderr, /1 commit subject\(s\) over 72 characters/);
  });
});

test('a first paragraph wrapped without a blank line is one long subject', () => {
  withRepository((r) => {
    r.commit('base');
    const base = r.git('rev-parse', 'HEAD');
    r.commit('Widget: the first line of a message\nthat goes on without a blank line after it');
    const bad = r.check(base);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /first line of a message that goes on/);
  });
});

test('a base not in the history (a shallow clone) is said and passes', () => {
  withRepository((r) => {
    r.commit('base');
    const gone = r.check('0123456789012345678901234567890123456789');
    assert.equal(gone.status, 0);
    assert.match(gone.stdout, /not in this history/);
  });
});
