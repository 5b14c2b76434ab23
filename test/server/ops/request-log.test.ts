/**
 * The request id on log lines, now that it travels in the request's context instead of
 * AsyncLocalStorage (issue 13): a line a route logs while serving a request names that request's
 * id — the one its answer carries — also when many requests are served at once.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLogger } from '../../../server/ops/logger.js';
import { startTestServer } from '../../support/test-server.js';

test('lines logged while serving concurrent requests each carry their own request id', async (t) => {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger('debug', {
    write: (s: string) => {
      lines.push(JSON.parse(s) as Record<string, unknown>);
    },
  });
  // Shutting down: /readyz answers 503 and its route logs a warning from inside the request.
  const server = await startTestServer({ ops: { logger, lifecycle: { shuttingDown: true } } });
  t.after(() => server.close());

  const ids = Array.from({ length: 20 }, (_, i) => `trace-${i}`);
  const answers = await Promise.all(
    ids.map((id) => fetch(`${server.origin}/readyz`, { headers: { 'x-request-id': id } })),
  );
  for (const [i, res] of answers.entries()) {
    assert.equal(res.status, 503);
    assert.equal(res.headers.get('x-request-id'), ids[i]);
  }
  const warned = lines.filter((l) => l.msg === 'not ready').map((l) => l.reqId);
  assert.deepEqual([...warned].sort(), [...ids].sort());
  const requestLines = lines.filter((l) => l.msg === 'request' && l.route === '/readyz');
  assert.deepEqual(requestLines.map((l) => l.reqId).sort(), [...ids].sort());
  // Outside a request (here: nothing) lines carry no id; a background line never borrows one.
  assert.ok(
    lines.filter((l) => l.msg !== 'request' && l.msg !== 'not ready').every((l) => !l.reqId),
  );
});
