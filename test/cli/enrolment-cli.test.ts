/**
 * The enrolment campaign on the command line, on a temporary database file: `settings set
 * enrol-within N|off` (shown by `settings show`, audited as the CLI), refusals for a bad number,
 * and `enrolment list` naming the users without a second factor that counts outside.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliOn } from '../support/run-cli.js';

test('settings set enrol-within, settings show, enrolment list', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'ipsz-enrol-cli-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const url = `file:${join(dir, 'ipsafezone.db')}`;
  const cli = (...args: string[]) => runCliOn(url, args, 'a long enough password\n');

  assert.equal((await cli('user', 'add', '--username', 'carol', '--password-stdin')).status, 0);
  assert.equal(
    (await cli('user', 'add', '--username', 'bob', '--secsign-id', 'bob.sec', '--password-stdin'))
      .status,
    0,
  );
  assert.match((await cli('enrolment', 'list')).out, /campaign is off/);

  const bad = await cli('settings', 'set', 'enrol-within', 'soon');
  assert.equal(bad.status, 2);
  const zero = await cli('settings', 'set', 'enrol-within', '0');
  assert.equal(zero.status, 1);
  assert.match(zero.err, /invalid_days/);

  const on = await cli('settings', 'set', 'enrol-within', '30');
  assert.equal(on.status, 0, on.err);
  assert.match(on.out, /enrol-within is 30 days/);
  assert.match((await cli('settings', 'show')).out, /enrol-within\s+30 days/);
  const json = JSON.parse((await cli('settings', 'show', '--json')).out) as {
    enrolWithinDays: number;
  };
  assert.equal(json.enrolWithinDays, 30);

  const list = await cli('enrolment', 'list');
  assert.equal(list.status, 0, list.err);
  assert.match(list.out, /Users without one: 1/);
  assert.match(list.out, /^carol\s+\d{4}-\d\d-\d\d\s+\d{4}-\d\d-\d\d\s+30$/m);
  assert.doesNotMatch(list.out, /^bob/m);

  const approval = await cli('settings', 'set', 'first-factor-approval', 'on');
  assert.match(approval.out, /first-factor-approval is on/);
  assert.match((await cli('settings', 'show')).out, /first-factor-approval on/);
  assert.match((await cli('enrolment', 'approvals')).out, /No first factor waits for approval/);
  const none = await cli('enrolment', 'approve', '7');
  assert.equal(none.status, 1);
  assert.match(none.err, /approval_not_found/);
  assert.equal((await cli('enrolment', 'reject')).status, 2);

  assert.match((await cli('settings', 'set', 'enrol-within', 'off')).out, /enrol-within is off/);
  assert.match((await cli('settings', 'show')).out, /enrol-within\s+off/);
});
