/**
 * Build stamps (scripts/build-stamps.ts), on real files in a temporary folder: the rule that lets
 * `npm run demo` skip a build step must never let a stale output through. A step stays current
 * only while every input, the file names beside its source modules, its settings and every output
 * are as recorded; a bare `touch` (same content) keeps it current.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeStamp, staleReason, type Stamp } from '../../scripts/build-stamps.js';

function project() {
  const root = mkdtempSync(join(tmpdir(), 'ipsz-stamps-'));
  mkdirSync(join(root, 'src'));
  mkdirSync(join(root, 'conf'));
  mkdirSync(join(root, 'out'));
  const write = (path: string, text: string) => writeFileSync(join(root, path), text);
  write('src/a.ts', 'export const a = 1;');
  write('src/b.ts', 'export const b = 2;');
  write('conf/build.json', '{}');
  write('lock.json', '{"v":1}');
  write('out/bundle.js', 'a=1,b=2');
  const stamp = (key = 'k'): Stamp =>
    makeStamp(root, key, {
      modules: [join(root, 'src/a.ts'), join(root, 'src/b.ts')],
      inputs: [join(root, 'conf/build.json'), join(root, 'lock.json'), join(root, '.env')],
      outputs: [join(root, 'out/bundle.js')],
    });
  return { root, write, stamp };
}

/** Runs `check` on a fresh project folder, removed afterwards. */
function withProject(check: (p: ReturnType<typeof project>) => void): void {
  const p = project();
  try {
    check(p);
  } finally {
    rmSync(p.root, { recursive: true, force: true });
  }
}

test('a step never built, or built with other settings, must run', () => {
  withProject((p) => {
    assert.equal(staleReason(p.root, null, 'k'), 'never built here');
    assert.equal(staleReason(p.root, p.stamp('inline'), 'k'), 'built with other settings');
  });
});

test('nothing changed, or only modification times: current', () => {
  withProject((p) => {
    const stamp = p.stamp();
    assert.equal(staleReason(p.root, stamp, 'k'), null);
    const later = new Date(Date.now() + 60_000);
    for (const f of ['src/a.ts', 'conf/build.json', 'out/bundle.js'])
      utimesSync(join(p.root, f), later, later);
    assert.equal(staleReason(p.root, stamp, 'k'), null);
  });
});

test('an edited source, config or lockfile makes the step run again', () => {
  for (const [file, reason] of [
    ['src/b.ts', 'src/b.ts changed'],
    ['conf/build.json', 'conf/build.json changed'],
    ['lock.json', 'lock.json changed'],
  ]) {
    withProject((p) => {
      const stamp = p.stamp();
      p.write(file!, 'edited');
      assert.equal(staleReason(p.root, stamp, 'k'), reason);
    });
  }
});

test('a deleted source, or a file added or removed beside the sources, makes it run again', () => {
  withProject((p) => {
    const stamp = p.stamp();
    p.write('src/c.ts', 'export const c = 3;');
    assert.equal(staleReason(p.root, stamp, 'k'), 'files added or removed in src/');
    rmSync(join(p.root, 'src/c.ts'));
    assert.equal(staleReason(p.root, stamp, 'k'), null);
    rmSync(join(p.root, 'src/a.ts'));
    assert.equal(staleReason(p.root, stamp, 'k'), 'src/a.ts is gone');
  });
});

test('a file appearing beside a named input does not; the named input appearing does', () => {
  withProject((p) => {
    const stamp = p.stamp();
    p.write('conf/other.json', '{}');
    p.write('notes.txt', 'top folder');
    assert.equal(staleReason(p.root, stamp, 'k'), null);
    p.write('.env', 'VITE_X=1');
    assert.equal(staleReason(p.root, stamp, 'k'), '.env changed');
  });
});

test('an output deleted or rewritten by another build makes it run again', () => {
  withProject((p) => {
    const stamp = p.stamp();
    p.write('out/bundle.js', 'a=1,b=3');
    assert.equal(staleReason(p.root, stamp, 'k'), 'out/bundle.js missing or rewritten');
    rmSync(join(p.root, 'out/bundle.js'));
    assert.equal(staleReason(p.root, stamp, 'k'), 'out/bundle.js missing or rewritten');
  });
});
