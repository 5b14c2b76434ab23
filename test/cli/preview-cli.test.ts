/**
 * `--preview` on the commands that move the policy (issue 27): `zone add|remove`, `settings set`
 * and `preview --trusted-proxies` print what the change would have done to the recorded sign-ins
 * and change nothing. A temporary database file, users and zones made with the CLI itself, and
 * sign-ins written as the doors write them.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliCaptured } from '../support/cli-run.js';
import { recordedSignIn } from '../support/recorded-signin.js';
import { openDatabase } from '../../server/db/open.js';
import { ManualClock } from '../../server/platform/clock.js';

const NOW = Date.UTC(2026, 11, 6, 12);
const clock = new ManualClock(NOW);
let dir: string;
let url: string;

const cli = (args: string[], stdin = '') =>
  runCliCaptured(args, { env: { DATABASE_URL: url }, stdin, clock });

const PW = 'a long admin password\n';

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ipsafezone-preview-cli-'));
  url = `file:${join(dir, 'cli.db')}`;
  const ok = async (args: string[], stdin = '') => {
    const r = await cli(args, stdin);
    assert.equal(r.status, 0, r.err);
  };
  await ok(
    ['user', 'add', '--username', 'admin', '--password-stdin', '--admin', '--secsign-id', 'a.id'],
    PW,
  );
  await ok(['user', 'add', '--username', 'carol', '--password-stdin'], PW);
  await ok(['zone', 'add', '--name', 'Office', '--range', '10.1.0.0/16']);
  await ok(['settings', 'set', 'ipsafezone', 'on']);
  const db = await openDatabase({ url });
  // carol's browser reaches us through a proxy in the office (10.1.0.9) that is not trusted yet:
  // her address is the proxy's; the admin comes straight from home.
  const day = (n: number) => NOW - n * 86_400_000;
  const via = { forwarded: '198.51.100.4' };
  await db.batch(
    [
      recordedSignIn(day(1), 'carol', '10.1.0.9', 'password', via),
      recordedSignIn(day(2), 'carol', '10.1.0.9', 'password', via),
      recordedSignIn(day(1), 'admin', '203.0.113.5', 'secsign'),
    ],
    'write',
  );
  db.close();
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('--preview', () => {
  it('zone remove --preview: carol would be stopped; the zone stays', async () => {
    const r = await cli(['zone', 'remove', 'Office', '--preview']);
    assert.equal(r.status, 0, r.err);
    assert.match(r.out, /^Preview of: zone Office removed\. Nothing was changed\./);
    assert.match(r.out, /stopped: no usable second factor: 2 sign-ins, 1 user/);
    assert.match(r.out, /^carol\s+user\s+stopped: no usable second factor\s+2\s+10\.1\.0\.9\s+-$/m);
    assert.match(r.out, /Saving this change would be allowed\./);
    assert.match(r.out, /What the preview cannot know:/);
    const list = await cli(['zone', 'list', '--json']);
    assert.deepEqual(
      JSON.parse(list.out).map((z: { name: string }) => z.name),
      ['Office'],
    );
  });

  it('zone add --preview: the admin’s home address would no longer need a second factor', async () => {
    const r = await cli([
      'zone',
      'add',
      '--name',
      'Home',
      '--range',
      '203.0.113.0/24',
      '--preview',
      '--days',
      '7',
    ]);
    assert.equal(r.status, 0, r.err);
    assert.match(r.out, /would no longer need one: 1 sign-in, 1 user/);
    assert.match(r.out, /last 7 days/);
    const list = await cli(['zone', 'list', '--json']);
    assert.equal(JSON.parse(list.out).length, 1);
  });

  it('zone add --preview refuses a bad range like zone add does', async () => {
    const r = await cli(['zone', 'add', '--name', 'Bad', '--range', '10.1', '--preview']);
    assert.equal(r.status, 1);
    assert.match(r.err, /invalid_ranges/);
  });

  it('settings set ipsafezone off --preview: every password sign-in would need more; nothing saved', async () => {
    const r = await cli(['settings', 'set', 'ipsafezone', 'off', '--preview']);
    assert.equal(r.status, 0, r.err);
    assert.match(r.out, /Preview of: IPSafeZone off\./);
    assert.match(r.out, /stopped: no usable second factor: 2 sign-ins, 1 user/);
    const show = await cli(['settings', 'show', '--json']);
    assert.equal(JSON.parse(show.out).ipSafeZoneActive, true);
  });

  it('settings set outside-factors passkey --preview: saving would be refused for the admin', async () => {
    const r = await cli(['settings', 'set', 'outside-factors', 'passkey', '--preview']);
    assert.equal(r.status, 0, r.err);
    assert.match(
      r.out,
      /Saving this change would be refused: .*\[(admin_locked_out|last_secsign_admin)\]/,
    );
    const show = await cli(['settings', 'show', '--json']);
    assert.deepEqual(JSON.parse(show.out).outsideFactors, [
      'secsign',
      'passkey',
      'totp',
      'recovery_code',
    ]);
  });

  it('settings set users-change-own-id on --preview: nothing to preview (usage)', async () => {
    const r = await cli(['settings', 'set', 'users-change-own-id', 'on', '--preview']);
    assert.equal(r.status, 2);
  });

  it('preview --trusted-proxies: trusting the peer replays the forwarding header', async () => {
    const r = await cli(['preview', '--trusted-proxies', '10.1.0.9']);
    assert.equal(r.status, 0, r.err);
    assert.match(r.out, /Preview of: trusted proxies: 10\.1\.0\.9\./);
    // Through the proxy the header names 198.51.100.4, outside: carol would be stopped, and the
    // admin's SecSign ID sign-in still counts.
    assert.match(r.out, /^carol\s+user\s+stopped/m);
    assert.match(r.out, /198\.51\.100\.4/);
    assert.match(r.out, /IPSAFEZONE_CLIENT_IP_HEADER/);
  });

  it('--days must be a whole number in range', async () => {
    assert.equal((await cli(['zone', 'remove', 'Office', '--preview', '--days', 'x'])).status, 2);
    const far = await cli(['zone', 'remove', 'Office', '--preview', '--days', '999']);
    assert.equal(far.status, 1);
    assert.match(far.err, /invalid_period/);
  });
});
