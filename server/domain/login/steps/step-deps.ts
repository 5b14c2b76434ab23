/**
 * What every login step receives, and the shapes the steps answer with. The steps are small
 * modules composed by `server/domain/login/login-service.ts`; none of them reads the request: each gets
 * where the request stands (`ZoneDecision`) and the input the route checked.
 */
import type { FactorName } from '../../../factors/registry.js';
import type { FactorContext } from '../../../factors/factor-context.js';
import type { SecondFactor } from '../../../factors/second-factor.js';
import type { DirectoryChain } from '../../../directories/directory-chain.js';
import { auditDecision } from '../../audit-decision.js';
import { aggregatedAuditFor } from '../../aggregated-audit.js';
import type { ZoneDecision } from '../../zone-decision.js';
import type { UserRecord } from '../../../store/users.js';
import type { ApiUser } from '../api-user.js';

/** What the factors' modules use (database, clock, config, secret box, SecSign's client), and more. */
export interface LoginDeps extends FactorContext {
  /** The challenges this server starts (the modules' `SecondFactor`s), by name. */
  factors: Partial<Record<FactorName, SecondFactor>>;
  /** Where passwords are checked, in order. */
  directories: DirectoryChain;
  /**
   * For a sign-in without a password (a second factor alone): whether the user's password
   * directory still knows them, and the user kept in step with it. Absent: everyone is local.
   */
  confirmUser?: (user: UserRecord) => Promise<ConfirmedUser>;
}

export type ConfirmedUser =
  | { status: 'ok'; user: UserRecord }
  | { status: 'gone' }
  | { status: 'unavailable'; reason: string };

export function apiUser(u: UserRecord): ApiUser {
  return {
    username: u.username,
    displayName: u.displayName,
    email: u.email,
    role: u.role,
    secSignId: u.secSignId,
  };
}

/** Audits one step's decision; the actor is the user name the step is about. */
export function auditStep(
  deps: LoginDeps,
  zoneDecision: ZoneDecision,
  entry: { action: string; username: string | null; outcome: string; details?: object },
): Promise<void> {
  return auditDecision(deps.db, deps.clock, zoneDecision, { ...entry, actor: entry.username });
}

/**
 * Audits a refusal a client can repeat at will without it counting as an attempt (a name or
 * address already locked, a step that does not apply from here): aggregated per address, name and
 * outcome in a window, with the count (server/domain/aggregated-audit.ts), so a flood of them does
 * not grow the database. Counted in the metrics one by one.
 */
export function auditRefusal(
  deps: LoginDeps,
  zoneDecision: ZoneDecision,
  entry: { action: string; username: string | null; outcome: string; details?: object },
): Promise<void> {
  return aggregatedAuditFor(deps.db, deps.clock).record(zoneDecision, {
    ...entry,
    actor: entry.username,
  });
}
