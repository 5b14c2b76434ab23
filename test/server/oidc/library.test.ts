/**
 * oidc-provider is loaded without its "Unsupported runtime" line (server/oidc/library.ts): a real
 * process on this Node imports the provider module and prints nothing of it, while another warning
 * written during the same run still appears; the filter matches only that line.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { isLibraryRuntimeWarning } from '../../../server/oidc/library.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

test('importing the provider prints no "Unsupported runtime", other warnings still show', () => {
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      "await import('./server/oidc/provider.ts'); console.warn('a later warning');",
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );
  assert.equal(r.status, 0, r.stderr);
  assert.doesNotMatch(r.stdout + r.stderr, /Unsupported runtime/);
  assert.equal(r.stderr.trim(), 'a later warning');
});

test("the filter matches only oidc-provider's runtime line, coloured or not", () => {
  const line =
    'oidc-provider WARNING: Unsupported runtime. Use Node.js v22.x LTS, or a later LTS release.';
  assert.equal(isLibraryRuntimeWarning([line]), true);
  assert.equal(isLibraryRuntimeWarning([`\x1b[31;1m${line}\x1b[0m`]), true);
  assert.equal(isLibraryRuntimeWarning(['oidc-provider WARNING: something else']), false);
  assert.equal(isLibraryRuntimeWarning([line, 'and more']), false);
  assert.equal(isLibraryRuntimeWarning([{ line }]), false);
});
