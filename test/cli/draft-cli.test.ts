/**
 * `ipsafezone draft start|show|apply|discard` (report-only mode, issue 27 §3) on a temporary
 * database file made with the CLI itself: a draft starts from the live zones and the options, a
 * second is refused, `show` prints the tally of decisions reckoned beside real ones (a sign-in
 * recorded as the doors record it, through `auditDecision`), `apply` changes the live policy after
 * printing the preview, `discard` leaves it; bad command lines exit 2 with the help.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliCaptured } from '../support/cli-run.js';
import { openDatabase } from '../../server/db/open.js';
import { ManualClock } from '../../server/platform/clock.js';
import { auditDecision } from '../../server/domain/audit-decision.js';
import { decideZone } from '../../server/domain/zone-decision.js';
import { createZoneMatcherSource } from '../../server/domain/zone-matcher-source.js';
import { createSettingsSource } from '../../server/domain/settings-source.js';

const NOW = Date.UTC(2026, 11, 6, 12);
const clock = new ManualClock(NOW);
let dir: string;
let url: string;

const cli = (args: string[], stdin = '') =>
  runCliCaptured(args, { env: { DATABASE_URL: url }, stdin, clock });

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ipsafezone-draft-cli-'));
  url = `file:${join(dir, 'cli.db')}`;
  const ok = async (args: string[], stdin = '') => {
    const r = await cli(args, stdin);
    assert.equal(r.status, 0, r.err);
  };
  const pw = 'a long admin password\n';
  await ok(
    ['user', 'add', '--username', 'admin', '--password-stdin', '--admin', '--secsign-id', 'a.id'],
    pw,
  );
  await ok(['user', 'add', '--username', 'carol', '--password-stdin'], pw);
  await ok(['zone', 'add', '--name', 'Office', '--range', '10.1.0.0/16']);
  await ok(['settings', 'set', 'ipsafezone', 'on']);
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('ipsafezone draft', () => {
  it('start: from the live zones and the options; a second is refused', async () => {
    const r = await cli([
      'draft',
      'start',
      '--days',
      '7',
      '--zone-remove',
      'Office',
      '--2sa',
      'on',
    ]);
    assert.equal(r.status, 0, r.err);
    assert.match(
      r.out,
      /^Draft \d+ runs in report-only mode until 2026-12-13T12:00:00\.000Z: zone Office removed; two-step on\.$/m,
    );
    const again = await cli(['draft', 'start', '--days', '1', '--2sa', 'on']);
    assert.equal(again.status, 1);
    assert.match(again.err, /\[draft_running\]/);
  });

  it('show: the tally of a sign-in decided beside the draft', async () => {
    const db = await openDatabase({ url });
    try {
      const deps = {
        db,
        zones: createZoneMatcherSource(db, clock),
        settings: createSettingsSource(db),
      };
      const where = await decideZone(deps, { ip: '10.1.2.3', reason: 'test' });
      await auditDecision(db, clock, where, {
        action: 'login.success',
        actor: 'carol',
        username: 'carol',
        outcome: 'signed_in',
        details: { factors: 'password' },
      });
    } finally {
      db.close();
    }
    const r = await cli(['draft', 'show']);
    assert.equal(r.status, 0, r.err);
    assert.match(r.out, /^Draft \d+ \(running\): zone Office removed; two-step on$/m);
    assert.match(
      r.out,
      /Sign-ins and grants recorded: 1\. Live asked a second factor of 0; the draft would have of 1\./,
    );
    assert.match(r.out, /^2026-12-06\s+1\s+0\s+1\s+0\s+1\s+0$/m);
    assert.match(r.out, /^carol\s+1\s+1\s+0$/m);
    const json = JSON.parse((await cli(['draft', 'show', '--json'])).out);
    assert.equal(json.draft.totals.needsMore, 1);
  });

  it('discard, then apply another: the live policy takes it', async () => {
    const id = JSON.parse((await cli(['draft', 'show', '--json'])).out).draft.id as number;
    const d = await cli(['draft', 'discard', String(id)]);
    assert.equal(d.status, 0, d.err);
    assert.match(d.out, /Discarded draft \d+; the live policy is unchanged\./);
    const s = await cli(['draft', 'start', '--days', '3', '--zone-add', 'Lab=10.9.0.0/16']);
    assert.equal(s.status, 0, s.err);
    const next = JSON.parse((await cli(['draft', 'show', '--json'])).out).draft.id as number;
    const a = await cli(['draft', 'apply', String(next)]);
    assert.equal(a.status, 0, a.err);
    assert.match(a.out, /Saving this change would be allowed\./);
    assert.match(a.out, /^Applied draft \d+: zone Lab added\.$/m);
    const zones = JSON.parse((await cli(['zone', 'list', '--json'])).out);
    assert.deepEqual(
      zones.map((z: { name: string }) => z.name),
      ['Office', 'Lab'],
    );
  });

  it('refuses bad command lines with the help', async () => {
    for (const args of [
      ['draft'],
      ['draft', 'start'],
      ['draft', 'start', '--days', 'x'],
      ['draft', 'start', '--days', '3', '--outside-factors', 'password'],
      ['draft', 'start', '--days', '3', '--zone-remove', 'Nowhere'],
      ['draft', 'apply'],
      ['draft', 'discard', 'abc'],
    ]) {
      const r = await cli(args);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.err}`);
      assert.match(r.err, /Usage: ipsafezone draft/);
    }
  });
});
