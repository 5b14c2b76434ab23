/**
 * The users store's normalisation: names compare regardless of case (including non-ASCII), SecSign
 * IDs trimmed and lower-cased; search with paging treats % and _ literally.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../../server/platform/clock.js';
import { openTestDatabase } from '../../support/test-database.js';
import { CLI_ACTOR } from '../../../server/domain/actor.js';
import { createUser } from '../../../server/domain/users-service.js';
import {
  findUserBySecSignId,
  findUserByUsername,
  listUsers,
  normalizeSecSignId,
} from '../../../server/store/users.js';

test('lookups are case-insensitive and SecSign IDs normalised', async () => {
  const db = await openTestDatabase();
  const clock = new ManualClock();
  await createUser(db, clock, CLI_ACTOR, {
    username: 'Jörg',
    password: 'long enough pw',
    secSignId: ' Joerg.Example ',
  });
  assert.equal((await findUserByUsername(db, 'JÖRG'))?.username, 'Jörg');
  assert.equal((await findUserBySecSignId(db, 'JOERG.EXAMPLE  '))?.username, 'Jörg');
  assert.equal(normalizeSecSignId('  A.B '), 'a.b');
  assert.equal(await findUserBySecSignId(db, '   '), null);
});

test('search matches name, display name, e-mail and ID; % and _ are literal; paging counts all', async () => {
  const db = await openTestDatabase();
  const clock = new ManualClock();
  for (const [username, email] of [
    ['ann', 'ann@corp.example'],
    ['ben', 'ben@home.example'],
    ['cat_1', 'cat@corp.example'],
  ]) {
    await createUser(db, clock, CLI_ACTOR, {
      username: username!,
      email,
      password: 'long enough pw',
    });
  }
  const names = async (q: string, offset = 0, limit = 10) =>
    (await listUsers(db, { q, offset, limit })).users.map((u) => u.username);
  assert.deepEqual(await names('CORP'), ['ann', 'cat_1']);
  assert.deepEqual(await names('_'), ['cat_1']);
  assert.deepEqual(await names('%'), []);
  const page = await listUsers(db, { offset: 1, limit: 1 });
  assert.deepEqual([page.users.map((u) => u.username), page.total], [['ben'], 3]);
});
