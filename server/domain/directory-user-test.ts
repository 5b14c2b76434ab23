/**
 * "Test a user" as the admin API runs it (`POST /api/admin/directories/:id/test-user`): what a
 * directory knows about a user name and, with a password, whether it is right. That password check
 * is a password check like a sign-in's, of a password the person uses everywhere their directory
 * reaches; unguarded it let an administrator — or whoever holds an administrator's session — guess
 * any directory account's password without limit and without a trace. So it is counted before it
 * is asked, against the same keys as a sign-in (the name, the account the directory names, the
 * address: `password-limits.ts`), refused with 429 while they are locked, and settled as a
 * sign-in's; and every test, with or without a password, is audited (`directory.test_user`: the
 * actor, the name, the directory and the outcome — never a password).
 */
import type { SecretBox } from '../platform/crypto/secret-box.js';
import { usernameKey } from '../core/identifiers.js';
import { loadDirectoryRecord } from '../directories/directory-service.js';
import { testDirectoryUser, type UserTestResult } from '../directories/directory-tests.js';
import { appendAudit } from '../store/audit.js';
import { auditActor, requireAdmin, type DomainActor } from './actor.js';
import type { ZoneDecision } from './zone-decision.js';
import { countPasswordAttempt } from './login/steps/password-limits.js';
import type { LoginDeps } from './login/steps/step-deps.js';
import { tooManyAttempts } from './login/login-errors.js';

/** The audit action of every "Test a user". */
export const TEST_USER_ACTION = 'directory.test_user';

/** Thrown inside the password check when the account the directory named is locked. */
class AccountLocked extends Error {
  constructor(readonly waitMs: number) {
    super('account locked');
  }
}

export async function testDirectoryUserCounted(
  deps: LoginDeps,
  box: SecretBox,
  actor: DomainActor,
  zoneDecision: ZoneDecision,
  directoryId: number,
  input: { username: string; password?: string },
): Promise<UserTestResult> {
  requireAdmin(actor);
  const { db, clock } = deps;
  const directory = await loadDirectoryRecord(db, directoryId);
  const typed = input.username.trim();
  const name = usernameKey(typed);
  const password = input.password === '' ? undefined : input.password;
  const audit = (outcome: string) =>
    appendAudit(db, clock, {
      ...auditActor(actor),
      action: TEST_USER_ACTION,
      username: name,
      outcome,
      details: {
        directory: directory.name,
        passwordChecked: password !== undefined,
        ...(name === typed ? {} : { typed }),
      },
    });
  if (password === undefined) {
    const result = await testDirectoryUser(db, box, directory.id, input.username);
    await audit(result.ok ? 'found' : result.lookup ? 'not_found' : 'unavailable');
    return result;
  }
  const attempt = await countPasswordAttempt(deps, zoneDecision, typed);
  if (attempt.wait > 0) {
    await audit('locked');
    throw tooManyAttempts(attempt.wait);
  }
  let result: UserTestResult;
  try {
    result = await testDirectoryUser(
      db,
      box,
      directory.id,
      input.username,
      password,
      async (check) => {
        const r = await check();
        if (r.status === 'unavailable') return r;
        const account =
          r.status === 'ok'
            ? r.user.username
            : r.status === 'wrong_password'
              ? (r.username ?? typed)
              : typed;
        const wait = await attempt.account(account);
        if (wait > 0) {
          if (r.status !== 'ok') await attempt.failed();
          throw new AccountLocked(wait);
        }
        return r;
      },
    );
  } catch (err) {
    if (!(err instanceof AccountLocked)) throw err;
    await audit('locked');
    throw tooManyAttempts(err.waitMs);
  }
  const checked = result.passwordCheck;
  if (checked === 'ok') await attempt.succeeded();
  else if (checked === 'wrong_password' || checked === 'unknown_user') await attempt.failed();
  else await attempt.unanswered();
  await audit(checked ?? 'unavailable');
  return result;
}
