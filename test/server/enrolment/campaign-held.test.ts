/**
 * The enrolment campaign is held in memory with the settings (issue 25 §2,
 * server/domain/settings-source.ts): a password sign-in asks it without a query, and a change
 * made in this process counts at the very next sign-in (a change elsewhere: within the settings'
 * check, or at once through NOTIFY — test/server/domain/changes-seen-everywhere.test.ts).
 * Statements are observed by wrapping the real client's `execute`.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CLI_ACTOR } from '../../../server/domain/actor.js';
import { updateCampaign } from '../../../server/domain/enrolment-campaign.js';
import { INSIDE, PASSWORD, startFixture, type Fixture } from '../login/fixture.js';
import { observeStatements } from '../../support/statements.js';

let f: Fixture;
let seen: string[] = [];

before(async () => {
  f = await startFixture();
  observeStatements(f.db, (sql) => seen.push(sql));
});
after(() => f.close());

async function signIn(): Promise<{ enrol?: unknown }> {
  const res = await f.client(INSIDE).post('/api/login/password', {
    username: 'carol',
    password: PASSWORD,
  });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal(res.body.status, 'signed_in');
  return res.body as { enrol?: unknown };
}

const campaignReads = () => seen.filter((sql) => /\bFROM\s+enrolment_campaign\b/i.test(sql));

test('a password sign-in reads the campaign from memory, and a change counts at once', async () => {
  await signIn();
  seen = [];
  assert.equal((await signIn()).enrol, undefined);
  assert.deepEqual(campaignReads(), [], 'the campaign was not read for the sign-in');

  await updateCampaign(f.db, f.clock, CLI_ACTOR, { withinDays: 30 });
  assert.ok((await signIn()).enrol, 'the next sign-in is asked to enrol');
  seen = [];
  assert.ok((await signIn()).enrol);
  assert.deepEqual(campaignReads(), [], 'nor while it runs');

  await updateCampaign(f.db, f.clock, CLI_ACTOR, { withinDays: null });
  assert.equal((await signIn()).enrol, undefined, 'switched off: no prompt at once');
});
