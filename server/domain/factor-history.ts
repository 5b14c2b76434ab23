/**
 * What the user is told about changes to their sign-in methods (issue 23, item 2): the profile's
 * list of recent changes (what, when, from which address, and whether an administrator made it),
 * and at the next sign-in the changes made since the previous one ("A passkey was added on … from
 * … — not you?"). Read from the audit log, where every change is written in the change's own
 * transaction: nothing to keep in step.
 */
import type { Executor } from '../db/executor.js';
import { listUserEntries, previousSignInAt, type AuditEntry } from '../store/audit.js';

/** The kinds of change, as the pages name them. */
export type FactorChangeKind =
  | 'passkey_added'
  | 'passkey_removed'
  | 'app_added'
  | 'app_removed'
  | 'recovery_codes'
  | 'factors_reset'
  | 'secsign_id_set'
  | 'secsign_id_removed';

/** One change, as `GET /api/me/factor-changes` and `GET /api/session` answer it. */
export interface FactorChangeJson {
  change: FactorChangeKind;
  at: string;
  /** The passkey's or app's name, when it has one. */
  label: string | null;
  clientIp: string | null;
  /** Made by someone else (an administrator), not the user. */
  byAdmin: boolean;
}

const ACTIONS = [
  'passkey.add',
  'passkey.remove',
  'factor.enrol',
  'factor.remove',
  'factor.recovery_codes',
  'factor.reset',
  'user.secsign_id.set',
  'user.secsign_id.clear',
] as const;
/** The outcomes of changes that were made (refusals are audited under the same actions). */
const DONE = ['ok', 'enrolled', 'removed', 'issued', 'reset', 'changed'] as const;

const DAY_MS = 86_400_000;
/** How far back the profile's list goes. */
export const HISTORY_DAYS = 90;
/** How far back a sign-in's notice looks when there was no earlier sign-in. */
const NOTICE_DAYS = 30;

function kindOf(e: AuditEntry): FactorChangeKind | null {
  const details = (e.details ?? {}) as { factor?: unknown };
  switch (e.action) {
    case 'passkey.add':
      return 'passkey_added';
    case 'passkey.remove':
      return 'passkey_removed';
    case 'factor.enrol':
      return 'app_added';
    case 'factor.remove':
      return details.factor === 'passkey' ? 'passkey_removed' : 'app_removed';
    case 'factor.recovery_codes':
      return 'recovery_codes';
    case 'factor.reset':
      return 'factors_reset';
    case 'user.secsign_id.set':
      return 'secsign_id_set';
    case 'user.secsign_id.clear':
      return 'secsign_id_removed';
    default:
      return null;
  }
}

function toJson(e: AuditEntry): FactorChangeJson | null {
  const change = kindOf(e);
  if (!change) return null;
  const label = (e.details as { label?: unknown } | null)?.label;
  return {
    change,
    at: new Date(e.at).toISOString(),
    label: typeof label === 'string' && label !== '' ? label : null,
    clientIp: e.clientIp,
    byAdmin: (e.actor ?? '').toLowerCase() !== (e.username ?? '').toLowerCase(),
  };
}

async function changes(db: Executor, username: string, since: number, limit: number) {
  const entries = await listUserEntries(db, username, {
    actions: ACTIONS,
    outcomes: DONE,
    since,
    limit,
  });
  return entries.map(toJson).filter((x): x is FactorChangeJson => x !== null);
}

/**
 * The account whose changes are asked for. The audit log names users by name, and a name may have
 * belonged to an earlier account (deleted, the name given again): only entries from the account's
 * creation on are its own.
 */
export interface HistoryOwner {
  username: string;
  createdAt: number;
}

/** The user's factor changes of the last `HISTORY_DAYS` days, newest first (at most 20). */
export function recentFactorChanges(
  db: Executor,
  user: HistoryOwner,
  now: number,
): Promise<FactorChangeJson[]> {
  return changes(db, user.username, Math.max(now - HISTORY_DAYS * DAY_MS, user.createdAt), 20);
}

/**
 * The changes since the user's sign-in before the one that opened `sessionCreatedAt` (at most
 * `NOTICE_DAYS` back): what the sign-in's notice tells. Newest first, at most 5.
 */
export async function changesSincePreviousSignIn(
  db: Executor,
  user: HistoryOwner,
  sessionCreatedAt: number,
): Promise<FactorChangeJson[]> {
  const floor = Math.max(sessionCreatedAt - NOTICE_DAYS * DAY_MS, user.createdAt);
  const previous = await previousSignInAt(db, user.username, sessionCreatedAt);
  return changes(db, user.username, Math.max(floor, previous ?? floor), 5);
}
