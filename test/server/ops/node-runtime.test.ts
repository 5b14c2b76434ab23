/**
 * The start-up line about the Node.js version (server/ops/node-runtime.ts): nothing on the LTS
 * lines ipsafezone supports (22, 24, 26), the end of life on Node 20, and a true sentence for
 * releases older than `engines` admits, odd (never LTS) majors and majors newer than the newest
 * tested one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nodeRuntimeWarning } from '../../../server/ops/node-runtime.js';

test('the supported LTS lines get no warning', () => {
  for (const v of ['v22.12.0', 'v24.0.0', 'v24.22.3', 'v26.0.0', 'v26.12.1', '26.12.1']) {
    assert.equal(nodeRuntimeWarning(v), null, v);
  }
});

test('Node 20 is past its end of life', () => {
  for (const v of ['v20.19.0', 'v20.20.2']) {
    assert.equal(
      nodeRuntimeWarning(v),
      'Node 20 is past its end of life (April 2026); use Node 24 or 26 (LTS).',
    );
  }
});

test('older than engines admits: named as unsupported', () => {
  assert.equal(
    nodeRuntimeWarning('v20.18.1'),
    'Node v20.18.1 is older than ipsafezone supports (20.19 or later); use Node 24 or 26 (LTS).',
  );
  assert.match(
    nodeRuntimeWarning('v18.20.4')!,
    /^Node v18\.20\.4 is older than ipsafezone supports/,
  );
});

test('odd majors are never LTS; newer even majors are untested', () => {
  for (const major of [21, 23, 25, 27]) {
    assert.equal(
      nodeRuntimeWarning(`v${major}.1.0`),
      `Node ${major} is not a long-term-support release and ipsafezone is not tested on it; use Node 24 or 26 (LTS).`,
    );
  }
  assert.equal(
    nodeRuntimeWarning('v28.0.0'),
    'Node 28 is newer than the newest Node ipsafezone is tested on (26); use Node 24 or 26 (LTS) if anything misbehaves.',
  );
});

test('a version it cannot read gets no warning rather than a wrong one', () => {
  for (const v of ['', 'node', 'v', 'vX.Y.Z']) assert.equal(nodeRuntimeWarning(v), null, v);
});
