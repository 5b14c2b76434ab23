/**
 * An authorization code (or a rotated refresh token) is used once across instances (issue 26).
 * oidc-provider reads the code, checks `consumed`, then calls the adapter's `consume`; two
 * instances that both read it before either consumed it would both issue tokens. Played here
 * step by step on two database handles (two instances) to the same database — libSQL's file or,
 * on the PostgreSQL pass, the PostgreSQL database: both read it unconsumed, the first `consume`
 * wins, the second is refused with the library's invalid_grant.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { libsqlAdapter } from '../../../server/oidc/adapter.js';
import { openDatabase } from '../../../server/db/open.js';
import { ManualClock } from '../../../server/platform/clock.js';
import { openTestDatabase, testDatabaseUrl } from '../../support/test-database.js';

test('two instances read the same code unconsumed: only the first consume goes on', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'ipsz-code-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const one = await openTestDatabase(`file:${join(dir, 'shared.db')}`);
  const two = await openDatabase({ url: await testDatabaseUrl(one) });
  t.after(() => {
    two.close();
    one.close();
  });
  const clock = new ManualClock(Date.now());
  const Code1 = libsqlAdapter(one, clock);
  const Code2 = libsqlAdapter(two, clock);
  const [a, b] = [new Code1('AuthorizationCode'), new Code2('AuthorizationCode')];
  await a.upsert('code-1', { grantId: 'grant-1', accountId: 'alice' }, 60);

  const [seenByA, seenByB] = [await a.find('code-1'), await b.find('code-1')];
  assert.equal(seenByA?.consumed, undefined);
  assert.equal(seenByB?.consumed, undefined);

  await a.consume('code-1');
  await assert.rejects(b.consume('code-1'), (err: Error & { error?: string }) => {
    assert.equal(err.error, 'invalid_grant');
    return true;
  });
  assert.ok(typeof (await b.find('code-1'))?.consumed === 'number', 'marked used once');
});
