/**
 * Threat (reliability): a SecSign ID outage locking users out after it ends. Requests the ID
 * server never answered used to count towards the SecSign ID's limit, so after an outage every
 * user who had retried was locked for ten minutes. Now only failures of the person count.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startFixture, type Fixture } from '../login/fixture.js';

let f: Fixture;
before(async () => {
  // The ID server's address points where nobody listens (connection refused): an outage.
  f = await startFixture({ config: { secsignServers: ['http://127.0.0.1:9'] } });
});
after(() => f.close());

test('retries during an outage are answered 503 and counted nowhere', async () => {
  const c = f.client('203.0.113.30');
  for (let i = 0; i < 8; i++) {
    const r = await c.post('/api/login/secsign', { secSignId: 'bob.sec' });
    assert.equal(r.status, 503, JSON.stringify(r.body));
    assert.equal(r.body.error.code, 'secsign_unreachable');
  }
  const rows = await f.db.execute(
    "SELECT count(*) AS n FROM rate_limits WHERE key LIKE 'secsign:%'",
  );
  assert.equal(Number(rows.rows[0]!.n), 0);
});
