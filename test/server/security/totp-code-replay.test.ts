/**
 * Threat: an authenticator-app code seen over a shoulder, in a proxy log or phished in real time
 * is used a second time. A code's time step is stored when it signs in, and no code of that step or
 * an earlier one counts again — not even two requests with the same code at once (docs/security.md).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Fixture } from '../login/fixture.js';
import { codeAt, enrolTotp, passwordFirst, startFactorsFixture } from '../factors/helpers.js';

let f: Fixture;
let secret: string;

before(async () => {
  f = await startFactorsFixture();
  ({ secret } = await enrolTotp(f, await f.signIn('carol')));
});
after(() => f.close());

test('the same code in two parallel logins signs in exactly once', async () => {
  const code = codeAt(secret, f.clock.now());
  const [a, b] = await Promise.all([passwordFirst(f, 'carol'), passwordFirst(f, 'carol')]);
  const results = await Promise.all(
    [a, b].map((x) =>
      x.browser.post('/api/login/code', { transaction: x.transaction, factor: 'totp', code }),
    ),
  );
  assert.deepEqual(results.map((r) => r.status).sort(), [200, 401]);
});

test('an older code (previous step) is refused once a newer one was used', async () => {
  f.clock.advance(60_000);
  const older = codeAt(secret, f.clock.now() - 30_000);
  const newer = codeAt(secret, f.clock.now());
  const x = await passwordFirst(f, 'carol');
  const ok = await x.browser.post('/api/login/code', {
    transaction: x.transaction,
    factor: 'totp',
    code: newer,
  });
  assert.equal(ok.status, 200);
  const y = await passwordFirst(f, 'carol');
  const res = await y.browser.post('/api/login/code', {
    transaction: y.transaction,
    factor: 'totp',
    code: older,
  });
  assert.equal(res.status, 401);
  const rs = await f.db.execute(
    "SELECT outcome FROM audit_log WHERE action = 'login.totp' ORDER BY id DESC LIMIT 1",
  );
  assert.equal(rs.rows[0]?.outcome, 'code_replayed');
});
