/**
 * The session look-up's cache (server/domain/session-service.ts) and the settings held in memory
 * (server/domain/settings-source.ts) against changes made by ANOTHER process — the CLI here, as
 * an operator or a second instance would: a revocation, a disabled user and a settings change
 * count within a second (issue 13). The 1.1 s waits are the documented bound, not a speed
 * measurement: an answer seen sooner is allowed, one seen later fails the test.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { INSIDE, OUTSIDE, PASSWORD, startFixture, type Fixture } from '../login/fixture.js';

let f: Fixture;
before(async () => {
  f = await startFixture();
});
after(async () => {
  await f.close();
});

/**
 * `ipsafezone …` in a process of its own on the fixture's database file. Asynchronous on purpose:
 * the server under test runs in this process, and a blocked event loop (spawnSync) let its idle
 * keep-alive sockets time out under load, so the next request met a reset connection.
 */
async function cli(args: string[], input = ''): Promise<void> {
  const child = spawn(process.execPath, ['bin/ipsafezone.js', ...args], {
    env: { ...process.env, DATABASE_URL: `file:${f.dbPath}` },
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdout.resume();
  child.stdin.end(input);
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(status, 0, `ipsafezone ${args.join(' ')} failed: ${stderr}`);
}

test('a user disabled by another process loses forward-auth within a second', async () => {
  const c = await f.signIn('carol');
  assert.equal((await c.get('/api/verify')).status, 200);
  await cli(['user', 'disable', 'carol']);
  try {
    await sleep(1_100);
    assert.equal((await c.get('/api/verify')).status, 401);
  } finally {
    await cli(['user', 'enable', 'carol']);
  }
});

test('sessions revoked by another process count within a second', async () => {
  const c = await f.signIn('bob');
  assert.equal((await c.get('/api/verify')).status, 200);
  // Another instance signs bob out everywhere: a password reset revokes every session.
  await cli(['user', 'set-password', 'bob', '--password-stdin'], `${PASSWORD}\n`);
  await sleep(1_100);
  assert.equal((await c.get('/api/verify')).status, 401);
});

test('settings changed by another process are seen within a second', async () => {
  assert.equal((await f.client(OUTSIDE).get('/api/zone')).body.mode, '2fa');
  await cli(['settings', 'set', '2sa', 'on']);
  try {
    await sleep(1_100);
    assert.equal((await f.client(OUTSIDE).get('/api/zone')).body.mode, '2sa');
    assert.equal((await f.client(INSIDE).get('/api/zone')).body.mode, 'password');
  } finally {
    await cli(['settings', 'set', '2sa', 'off']);
  }
});
