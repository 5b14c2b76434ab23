/**
 * The PIN accounts turned back into the REST client's servers (only configured servers, only with
 * the key that sealed them), the ID server URL as stored, and the note of the API decision for the
 * CLI: a new decision written at once, later successes at most once a minute.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../../server/platform/clock.js';
import { createSecretBox } from '../../../server/platform/crypto/secret-box.js';
import { openTestDatabase } from '../../support/test-database.js';
import { CLI_ACTOR } from '../../../server/domain/actor.js';
import {
  apiStatusRecorder,
  idServerKey,
  restServersFor,
  STATUS_WRITE_INTERVAL_MS,
  storePinAccount,
} from '../../../server/domain/secsign-account.js';
import { readApiStatus } from '../../../server/store/secsign-accounts.js';
import type { SecSignApiStatus } from '../../../server/secsign/api-choice.js';

const box = createSecretBox('k'.repeat(40));

test('the ID server URL as stored; bad ones refused', () => {
  assert.equal(idServerKey(' https://ID.example.com/ '), 'https://id.example.com');
  assert.equal(idServerKey('http://10.0.0.5:8080/secsign/'), 'http://10.0.0.5:8080/secsign');
  for (const bad of ['ftp://x', 'https://x/?a=1', 'https://u:p@x', 'not a url']) {
    assert.throws(() => idServerKey(bad), { code: 'invalid_server' });
  }
});

test('only configured servers get their account, opened with the right key', async () => {
  const db = await openTestDatabase();
  const clock = new ManualClock();
  const store = (server: string, account: string) =>
    storePinAccount(db, clock, box, CLI_ACTOR, { server, account, password: `${account} pw` });
  await store('https://id1.example.com/', 'one');
  await store('https://elsewhere.example.com', 'two');
  await assert.rejects(store('https://id1.example.com', 'a:b'), { code: 'invalid_account' });

  const found = await restServersFor(db, box, [
    'https://id1.example.com',
    'https://id2.example.com',
  ]);
  assert.deepEqual(found.servers, [
    { url: 'https://id1.example.com', account: 'one', password: 'one pw' },
  ]);
  assert.equal(found.problem, null);
  assert.deepEqual(
    found.unused.map((a) => a.server),
    ['https://elsewhere.example.com'],
  );

  const otherKey = await restServersFor(db, createSecretBox('x'.repeat(40)), [
    'https://id1.example.com',
  ]);
  assert.deepEqual(otherKey.servers, []);
  assert.match(otherKey.problem ?? '', /cannot be opened with IPSAFEZONE_SECRET_KEY/);
  const none = await restServersFor(db, box, ['https://id3.example.com']);
  assert.match(none.problem ?? '', /no PIN account/);
  db.close();
});

test('the decision is written at once, successes at most once a minute', async () => {
  const db = await openTestDatabase();
  const clock = new ManualClock(1_000_000);
  const record = apiStatusRecorder(db, clock);
  const decided: SecSignApiStatus = {
    mode: 'auto',
    api: 'rest',
    reason: 'auto: the ID server answered ServerInfo (version 10.7.5)',
    version: '10.7.5',
    decidedAt: clock.now(),
    lastSuccessAt: clock.now(),
    usable: true,
  };
  await record(decided);
  assert.equal((await readApiStatus(db))?.lastSuccessAt, 1_000_000);
  clock.advance(1_000);
  await record({ ...decided, lastSuccessAt: clock.now() });
  assert.equal((await readApiStatus(db))?.lastSuccessAt, 1_000_000, 'not within the minute');
  clock.advance(STATUS_WRITE_INTERVAL_MS);
  await record({ ...decided, lastSuccessAt: clock.now() });
  assert.equal((await readApiStatus(db))?.lastSuccessAt, clock.now());
  await record({ ...decided, api: 'form', reason: 'auto: …', decidedAt: clock.now() + 1 });
  assert.equal((await readApiStatus(db))?.api, 'form', 'a new decision at once');
  db.close();
});
