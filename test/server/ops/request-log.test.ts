/**
 * The request id on log lines, now that it travels in the request's context instead of
 * AsyncLocalStorage (issue 13): a line a route logs while serving a request names that request's
 * id — the one its answer carries — also when many requests are served at once.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLogger } from '../../../server/platform/logger.js';
import { CLI_ACTOR } from '../../../server/domain/actor.js';
import { addDirectory } from '../../../server/directories/directory-service.js';
import { secretBoxFor } from '../../../server/directories/open-directory.js';
import { startTestServer } from '../../support/test-server.js';
import { INSIDE, startFixture } from '../login/fixture.js';

function memoryLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger('debug', {
    write: (s: string) => {
      lines.push(JSON.parse(s) as Record<string, unknown>);
    },
  });
  return { lines, logger };
}

test('lines logged while serving concurrent requests each carry their own request id', async (t) => {
  const { lines, logger } = memoryLogger();
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

test('the reason behind a 503 is logged with the id the user is shown', async (t) => {
  const { lines, logger } = memoryLogger();
  const secretKey = 's'.repeat(40);
  const f = await startFixture({
    config: { secretKey },
    ops: { logger, lifecycle: { shuttingDown: false } },
  });
  t.after(() => f.close());
  // A Crowd directory nobody answers at: a name the local users table does not know reaches it.
  await addDirectory(f.db, f.clock, secretBoxFor({ secretKey }), CLI_ACTOR, 'crowd', {
    name: 'Crowd',
    url: 'http://127.0.0.1:1',
    allowPlain: true,
    applicationName: 'ipsafezone',
    applicationPassword: 'app secret',
  });
  const res = await f
    .client(INSIDE)
    .post('/api/login/password', { username: 'hank', password: 'some password 1' });
  assert.equal(res.status, 503);
  assert.equal(res.body.error.code, 'directory_unavailable');
  const reference = res.body.error.requestId as string;
  assert.match(reference, /^[0-9a-f-]{36}$/);
  const reason = lines.find((l) => String(l.msg).startsWith('Directory'));
  assert.ok(reason, `no line names the directory: ${JSON.stringify(lines.map((l) => l.msg))}`);
  assert.match(String(reason.msg), /^Directory \d+ unavailable: /);
  assert.equal(reason.reqId, reference);
  assert.equal(reason.level, 'error');
  // Nothing of it reaches the client.
  assert.doesNotMatch(JSON.stringify(res.body), /127\.0\.0\.1:1|ECONNREFUSED|fetch failed/);
});
