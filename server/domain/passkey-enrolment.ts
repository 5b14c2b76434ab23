/**
 * Who may add or remove a passkey — the local form of issue 18's enrolment rule until the shared
 * rules module lands (the lead reconciles them): the first second factor may be enrolled from any
 * session that satisfies the current address's requirement (the profile API admits no other); a
 * further passkey, or removing one, needs a session proven with a second factor, or an
 * administrator. Every change ends the user's other sessions and is audited in the same batch.
 */
import type { Client } from '@libsql/client';
import type { Clock } from '../clock.js';
import { FACTORS } from '../auth/factors.js';
import { AppError } from '../errors.js';
import { auditActor, type DomainActor } from './actor.js';
import { auditStatement } from '../store/audit.js';
import { revokeUserSessionsStatement } from '../store/sessions.js';

/** Throws 403 `second_factor_needed` unless `actor` may change passkeys of a user who has `count`. */
export function requirePasskeyChangeAllowed(actor: DomainActor, count: number): void {
  if (actor.role === 'admin' || count === 0) return;
  const proven = actor.factors ?? [];
  if (proven.some((f) => FACTORS[f].kind === 'possession')) return;
  throw new AppError(
    403,
    'second_factor_needed',
    'You already have a passkey. To add or remove one, sign in with a second factor first.',
  );
}

/** Ends the user's other sessions and audits the change, in one batch. */
export async function settlePasskeyChange(
  db: Client,
  clock: Clock,
  actor: DomainActor,
  entry: { action: 'passkey.add' | 'passkey.remove'; userId: number; details: object },
): Promise<void> {
  const at = clock.now();
  await db.batch(
    [
      revokeUserSessionsStatement(entry.userId, actor.sessionId, at),
      auditStatement(at, {
        ...auditActor(actor),
        action: entry.action,
        username: actor.username,
        outcome: 'ok',
        details: entry.details,
      }),
    ],
    'write',
  );
}
