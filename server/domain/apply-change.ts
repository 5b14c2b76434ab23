/**
 * Runs a change as one libSQL batch (a single write transaction: the change, its audit entry and
 * any version counter together, all or nothing) and turns the database's refusals into the
 * domain's errors. A batch holds no transaction open across awaits, so it cannot deadlock with
 * other writes from the same process, and it is one request to a remote libSQL server. A rule that
 * depends on what is in the database is asserted again inside the batch (a guard statement that
 * aborts it, e.g. migration 009's `factor_change_guards`), so two racing changes cannot both pass.
 */
import type { Database, Statement } from '../db/database.js';
import { outsideAdminAssertion, outsideAdminLock } from '../store/user-factors.js';
import {
  enrolmentInvalid,
  lastOutsideAdmin,
  noOutsideAdmin,
  policyChanged,
  secondFactorSessionRequired,
  secSignIdTaken,
  tooManyFactors,
  usernameTaken,
  zoneNameTaken,
} from './errors.js';

/**
 * What a change's batch sends: on PostgreSQL first the changes' lock (`outsideAdminLock`), then
 * the change's statements, then the seed rule's assertion.
 */
export function changeStatements(
  db: Database,
  statements: Statement[],
  seedRule: 'no_secsign_admin' | 'last_secsign_admin' = 'last_secsign_admin',
): Statement[] {
  return [...outsideAdminLock(db), ...statements, outsideAdminAssertion(seedRule)];
}

/**
 * Applies the statements atomically; maps assertion, trigger and uniqueness refusals to 409s.
 * Every change ends with the seed rule's assertion (`outsideAdminAssertion`): while IPSafeZone is
 * active, no change may leave it without an administrator who can sign in from outside — checked
 * in the change's own write transaction, so two racing changes cannot both take the last way
 * (on PostgreSQL because the batches carrying it take one lock first, one after the other).
 * `seedRule` names the refusal: `no_secsign_admin` when the change switches IPSafeZone on.
 */
export async function applyChange(
  db: Database,
  statements: Statement[],
  seedRule: 'no_secsign_admin' | 'last_secsign_admin' = 'last_secsign_admin',
): Promise<void> {
  try {
    await db.batch(changeStatements(db, statements, seedRule), 'write');
  } catch (err) {
    const message = err instanceof Error ? err.message : '';
    if (message.includes('no_secsign_admin')) throw noOutsideAdmin();
    if (message.includes('last_secsign_admin')) throw lastOutsideAdmin();
    // Migration 022: the policy a save's guard judged moved before the save got its turn.
    if (message.includes('policy_changed')) throw policyChanged();
    // Migration 009's guards: the facts a factor change was allowed on no longer hold.
    if (message.includes('factor_not_first')) throw secondFactorSessionRequired();
    if (message.includes('too_many_factors')) throw tooManyFactors();
    if (message.includes('UNIQUE constraint failed: enrolment_tokens_used.id'))
      throw enrolmentInvalid();
    if (message.includes('UNIQUE constraint failed: users.secsign_id')) throw secSignIdTaken();
    if (message.includes('UNIQUE constraint failed: users.username_key')) throw usernameTaken();
    if (message.includes('UNIQUE constraint failed: zones.name_key')) throw zoneNameTaken();
    throw err;
  }
}
