/**
 * The live policy and the draft that tests of a draft's Apply start from (test code only):
 * alice, an administrator with a SecSign ID (the seed rule's way in); two zones, Office and
 * Branch; IPSafeZone on. The draft changes settings and every kind of zone write at once, so an
 * Apply's batch holds all its parts: two-step on, the Branch gone, the Office wider, a Lab added
 * (last). Used by test/server/domain/policy-apply-atomic.test.ts and
 * policy-apply-draft-ended.test.ts.
 */
import type { Database } from '../../server/db/database.js';
import { CLI_ACTOR } from '../../server/domain/actor.js';
import type { DraftPolicy } from '../../server/domain/policy-draft-source.js';
import { updateSettings } from '../../server/domain/settings-service.js';
import { createUser } from '../../server/domain/users-service.js';
import { createZone } from '../../server/domain/zones-service.js';
import type { Clock } from '../../server/platform/clock.js';

/** Makes the live policy described above on `db`. */
export async function liveOfficeAndBranch(db: Database, clock: Clock): Promise<void> {
  await createUser(db, clock, CLI_ACTOR, {
    username: 'alice',
    password: 'long enough password',
    role: 'admin',
    secSignId: 'alice.id',
  });
  await createZone(db, clock, CLI_ACTOR, { name: 'Office', ranges: ['10.1.0.0/16'] });
  await createZone(db, clock, CLI_ACTOR, { name: 'Branch', ranges: ['10.2.0.0/16'] });
  await updateSettings(db, clock, CLI_ACTOR, { ipSafeZoneActive: true });
}

/** The draft described above. */
export const RESHAPING_DRAFT: DraftPolicy = {
  twoStepActive: true,
  zones: [
    { name: 'Office', ranges: ['10.1.0.0/16', '10.3.0.0/16'] },
    { name: 'Lab', ranges: ['10.9.0.0/16'] },
  ],
};
