/**
 * Threat: evading the per-user lock with Unicode look-alikes. The lock key lower-cased only while
 * the user lookup applied NFKC, so `ｖｉｃｔｉｍ`, `ⅴictim`, `ᵛictim` each got a fresh bucket of five
 * attempts and signed in as `victim` — and the audit filter `user=victim` did not show them. Now
 * one normalisation serves the store, the limiter and the audit log; control characters in user
 * names are refused at the edge.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { LIMITS } from '../../../server/domain/login/rate-limit.js';
import { startFixture, INSIDE, PASSWORD, type Fixture } from '../login/fixture.js';

let f: Fixture;
before(async () => {
  f = await startFixture();
});
after(() => f.close());

test('look-alike spellings share the one lock of the name they normalise to', async () => {
  const c = f.client(INSIDE);
  for (let i = 0; i < LIMITS.user.maxFailures; i++) {
    const r = await c.post('/api/login/password', { username: 'bob', password: `wrong ${i}` });
    assert.equal(r.status, 401);
  }
  for (const name of ['ｂｏｂ', 'BOB', ' bob ', 'ᵇob']) {
    const r = await f.client('10.1.77.77').post('/api/login/password', {
      username: name,
      password: PASSWORD,
    });
    assert.equal(r.status, 429, `${name} must be locked too`);
  }
});

test('the audit log records the canonical name, with the typed text in the details', async () => {
  await f
    .client('10.1.5.5')
    .post('/api/login/password', { username: 'ＣＡＲＯＬ', password: 'no' });
  const rs = await f.db.execute(
    "SELECT username, details FROM audit_log WHERE action = 'login.password' AND client_ip = '10.1.5.5'",
  );
  assert.equal(rs.rows.length, 1);
  assert.equal(rs.rows[0]!.username, 'carol');
  assert.equal(JSON.parse(String(rs.rows[0]!.details)).typed, 'ＣＡＲＯＬ');
});

test('control characters (NUL included) in a user name are refused before anything else', async () => {
  for (const name of ['bob\u0000', 'b\nob', 'bob\u200b']) {
    const r = await f.client('10.1.6.6').post('/api/login/password', {
      username: name,
      password: PASSWORD,
    });
    assert.equal(r.status, 400, JSON.stringify(name));
    assert.equal(r.body.error.code, 'invalid_input');
  }
  const rs = await f.db.execute(
    "SELECT count(*) AS n FROM rate_limits WHERE key LIKE 'ip:10.1.6.6'",
  );
  assert.equal(Number(rs.rows[0]!.n), 0, 'nothing was counted');
});
