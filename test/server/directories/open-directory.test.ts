/**
 * The loader the login flow uses fails closed: a directory whose stored password cannot be opened
 * (no secret key, or another one) stays in the chain and answers `unavailable` — never skipped,
 * never a wrong password — and disabled directories are left out, in the stored order otherwise.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../../server/platform/clock.js';
import { openTestDatabase } from '../../support/test-database.js';
import { CLI_ACTOR } from '../../../server/domain/actor.js';
import {
  addDirectory,
  setDirectoryEnabled,
} from '../../../server/directories/directory-service.js';
import {
  loadPasswordDirectories,
  secretBoxFor,
} from '../../../server/directories/open-directory.js';

const KEY = 'loader key '.repeat(4);

test('directories load in order; one that cannot be opened answers unavailable', async () => {
  const db = await openTestDatabase();
  const clock = new ManualClock();
  const box = secretBoxFor({ secretKey: KEY });
  const crowd = (name: string) =>
    addDirectory(db, clock, box, CLI_ACTOR, 'crowd', {
      name,
      url: 'https://crowd.example.test/crowd',
      applicationName: 'ipsafezone',
      applicationPassword: 'app secret',
    });
  const first = await crowd('First');
  const second = await crowd('Second');
  await crowd('Third');
  await setDirectoryEnabled(db, clock, CLI_ACTOR, 'Second', false);

  const loaded = await loadPasswordDirectories(db, { secretKey: KEY });
  assert.deepEqual(
    loaded.map((d) => [d.id, d.kind]),
    [
      [String(first.id), 'crowd'],
      [String(second.id + 1), 'crowd'],
    ],
  );

  for (const secretKey of ['', 'another key '.repeat(4)]) {
    const broken = await loadPasswordDirectories(db, { secretKey });
    assert.equal(broken.length, 2);
    const r = await broken[0]!.verify('anyone', 'a password');
    assert.equal(r.status, 'unavailable');
    assert.match(r.status === 'unavailable' ? r.reason : '', /Directory "First" cannot be used/);
  }
});
