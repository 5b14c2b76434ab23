/**
 * Passkey challenges, kept as login transactions (`login_transactions`, factor `passkey`): the
 * random challenge in the factor state, bound to the client address it was issued to, to its
 * purpose (a sign-in, an enrolment, or confirming it is you on the profile) and, for the latter two,
 * to the user; it expires after two
 * minutes and is used once — taking it is the transaction's compare-and-set, whatever the
 * browser's answer turns out to be, so a replayed or raced answer finds it spent.
 */
import type { Database } from '../../db/database.js';
import type { Clock } from '../../platform/clock.js';
import type { FactorSet, Requirement } from '../proof.js';
import { PASSKEY_CHALLENGE_MS } from './webauthn.js';
import {
  createTransaction,
  findTransaction,
  finishTransaction,
  type LoginTransaction,
} from '../../store/login-transactions.js';

export type ChallengePurpose = 'login' | 'enrol' | 'confirm';

export interface IssuedChallenge {
  /** The opaque token the browser sends back with its answer. */
  token: string;
  expiresAt: number;
}

export async function issueChallenge(
  db: Database,
  clock: Clock,
  input: {
    purpose: ChallengePurpose;
    challenge: string;
    clientIp: string | null;
    requirement: Requirement;
    userId: number | null;
    /** The user name typed before (sign-in), or the enrolling user's name, for the audit log. */
    identifier: string;
    proven?: FactorSet;
  },
): Promise<IssuedChallenge> {
  const expiresAt = clock.now() + PASSKEY_CHALLENGE_MS;
  const { token } = await createTransaction(db, clock, {
    userId: input.userId,
    requirement: input.requirement,
    factor: 'passkey',
    factorState: { purpose: input.purpose, challenge: input.challenge },
    proven: input.proven ?? [],
    identifier: input.identifier,
    clientIp: input.clientIp ?? '',
    expiresAt,
  });
  return { token, expiresAt };
}

/**
 * A challenge for a signed-in user's own passkey (an enrolment on the profile, or confirming it is
 * them), bound to the user and the address; the answer the profile page gets.
 */
export async function issueUserChallenge<O extends { challenge: string }>(
  db: Database,
  clock: Clock,
  purpose: Exclude<ChallengePurpose, 'login'>,
  options: O,
  clientIp: string | null,
  user: { id: number; username: string },
): Promise<{ transaction: string; options: O; expiresAt: string }> {
  const issued = await issueChallenge(db, clock, {
    purpose,
    challenge: options.challenge,
    clientIp,
    requirement: 'password',
    userId: user.id,
    identifier: user.username,
  });
  return {
    transaction: issued.token,
    options,
    expiresAt: new Date(issued.expiresAt).toISOString(),
  };
}

export type TakenChallenge =
  | { ok: true; transaction: LoginTransaction; challenge: string }
  | {
      ok: false;
      reason: 'unknown' | 'spent' | 'address_changed' | 'wrong_user' | 'expired';
      transaction: LoginTransaction | null;
    };

/**
 * Takes a challenge for one answer: refused when unknown, of another purpose or user, already
 * used, asked for from another address, or expired (an expired or misplaced one is spent too).
 */
export async function takeChallenge(
  db: Database,
  clock: Clock,
  token: unknown,
  expect: { purpose: ChallengePurpose; clientIp: string | null; userId?: number },
): Promise<TakenChallenge> {
  const t = await findTransaction(db, token);
  const state = t?.factorState ?? {};
  if (!t || t.factor !== 'passkey' || state.purpose !== expect.purpose) {
    return { ok: false, reason: 'unknown', transaction: null };
  }
  if (t.status !== 'pending') return { ok: false, reason: 'spent', transaction: t };
  const took = await finishTransaction(db, clock, t.idHash, 'done');
  if (!took) return { ok: false, reason: 'spent', transaction: t };
  if (t.clientIp !== (expect.clientIp ?? '')) {
    return { ok: false, reason: 'address_changed', transaction: t };
  }
  if (expect.userId !== undefined && t.userId !== expect.userId) {
    return { ok: false, reason: 'wrong_user', transaction: t };
  }
  if (clock.now() >= t.expiresAt || typeof state.challenge !== 'string') {
    return { ok: false, reason: 'expired', transaction: t };
  }
  return { ok: true, transaction: t, challenge: state.challenge };
}
