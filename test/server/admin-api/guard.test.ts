/**
 * Who may use the admin API: the bootstrap token (when configured) or a signed-in administrator;
 * no token, a wrong token or another scheme is 401 `not_signed_in`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenMatches } from '../../../server/admin-api/guard.js';
import { harness, TOKEN } from './harness.js';

for (const [name, auth] of [
  ['no Authorization header', null],
  ['a wrong token', 'Bearer wrong-token'],
  ['a token one character short', `Bearer ${TOKEN.slice(0, -1)}`],
  ['Basic instead of Bearer', `Basic ${TOKEN}`],
  ['an empty bearer', 'Bearer '],
] as const) {
  test(`${name} → 401 not_signed_in, and nothing changes`, async () => {
    const h = await harness();
    const r = await h.call('PATCH', '/settings', { twoStepActive: true }, auth);
    assert.equal(r.status, 401);
    assert.equal(r.json.error.code, 'not_signed_in');
    assert.equal((await h.call('GET', '/settings')).json.twoStepActive, false);
  });
}

test('the bootstrap token grants the API and is the audit actor', async () => {
  const h = await harness();
  assert.equal((await h.call('PATCH', '/settings', { twoStepActive: true })).status, 200);
  const audit = await h.call('GET', '/audit?action=settings.update');
  assert.equal(audit.json.entries[0].actor, 'bootstrap');
});

test('an empty configured token never matches', () => {
  assert.equal(tokenMatches('', ''), false);
  assert.equal(tokenMatches('x', 'x'), true);
});
