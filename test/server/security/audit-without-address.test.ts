/**
 * Threat: untraceable administrative changes. Zone changes (and other administrative changes) were
 * audited without the actor's address, so a stolen administrator session or a misused bootstrap
 * token left no trace of where the change came from. Now every change's audit entry carries the
 * client address and how it was found (the resolver's sentence), and changes made on the command
 * line say `cli`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CLI_ACTOR } from '../../../server/domain/actor.js';
import { createZone, deleteZone } from '../../../server/domain/zones-service.js';
import { listAudit } from '../../../server/store/audit.js';
import { harness } from '../admin-api/harness.js';

const PW = 'long enough password';

test('zone changes through the admin API carry the address and how it was found', async () => {
  const h = await harness();
  const created = await h.call('POST', '/zones', { name: 'Office', ranges: ['10.0.0.0/8'] });
  const id = created.json.zone.id;
  await h.call('PATCH', `/zones/${id}`, { ranges: ['10.1.0.0/16'] });
  await h.call('DELETE', `/zones/${id}`);
  const { entries } = await listAudit(h.db, {});
  const changes = entries.filter((e) => e.action.startsWith('zone.'));
  assert.deepEqual(changes.map((e) => [e.action, e.actor, e.clientIp, e.clientReason]).reverse(), [
    ['zone.create', 'bootstrap', '10.9.8.7', 'test peer'],
    ['zone.update', 'bootstrap', '10.9.8.7', 'test peer'],
    ['zone.delete', 'bootstrap', '10.9.8.7', 'test peer'],
  ]);
});

test("revoking a user's sessions carries the address and how it was found", async () => {
  const h = await harness();
  const bob = await h.call('POST', '/users', { username: 'bob', password: PW });
  await h.call('POST', `/users/${bob.json.user.id}/revoke-sessions`);
  const { entries } = await listAudit(h.db, { action: 'user.sessions.revoke' });
  assert.equal(entries.length, 1);
  assert.equal(entries[0]!.clientIp, '10.9.8.7');
  assert.equal(entries[0]!.clientReason, 'test peer');
});

test('user and settings changes through the admin API carry the address too', async () => {
  const h = await harness();
  const bob = await h.call('POST', '/users', { username: 'bob', password: PW });
  const id = bob.json.user.id;
  await h.call('PATCH', `/users/${id}`, { displayName: 'Bob B.' });
  await h.call('PUT', `/users/${id}/password`, { password: 'another long password' });
  await h.call('PATCH', '/settings', { usersChangeOwnId: true });
  const { entries } = await listAudit(h.db, {});
  const changes = entries.filter(
    (e) => e.action.startsWith('user.') || e.action.startsWith('settings.'),
  );
  assert.ok(changes.length >= 4, JSON.stringify(changes.map((e) => e.action)));
  for (const e of changes) {
    assert.equal(e.clientIp, '10.9.8.7', e.action);
    assert.equal(e.clientReason, 'test peer', e.action);
  }
});

test('changes made on the command line are marked cli', async () => {
  const h = await harness();
  const zone = await createZone(h.db, h.clock, CLI_ACTOR, {
    name: 'Lab',
    ranges: ['192.0.2.0/24'],
  });
  await deleteZone(h.db, h.clock, CLI_ACTOR, zone.id);
  const { entries } = await listAudit(h.db, {});
  assert.deepEqual(entries.map((e) => [e.action, e.actor, e.clientIp, e.clientReason]).reverse(), [
    ['zone.create', 'cli', null, 'cli'],
    ['zone.delete', 'cli', null, 'cli'],
  ]);
});
