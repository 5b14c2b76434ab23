/**
 * The audit entry of a change to the OpenID Connect set-up — a client added, its secret rotated or
 * the client removed, the signing keys rotated or reset — with who made it and from where (the
 * client address and how it was found; `cli` on the command line), like every other administrative
 * change. Never a secret.
 */
import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import { auditActor, type DomainActor } from '../domain/actor.js';
import { appendAudit } from '../store/audit.js';

export type OidcChange =
  | 'oidc.client.add'
  | 'oidc.client.remove'
  | 'oidc.client.rotate_secret'
  | 'oidc.keys.rotate'
  | 'oidc.keys.reset';

export async function auditOidcChange(
  db: Database,
  clock: Clock,
  actor: DomainActor,
  action: OidcChange,
  target: string,
  details: Record<string, unknown> = {},
): Promise<void> {
  await appendAudit(db, clock, {
    ...auditActor(actor),
    action,
    outcome: 'changed',
    details: { target, ...details },
  });
}
