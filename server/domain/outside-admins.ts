/**
 * The seed's rule, generalised (issue 18): IPSafeZone cannot be activated unless at least one
 * enabled administrator can sign in from outside with a second factor the policy allows, and the
 * last such administrator cannot lose that — by being disabled, demoted, deleted, by losing the
 * factor, or by a change of the policy. Every change's batch ends with the same rule as an
 * assertion (`applyChange`, `outsideAdminAssertion` in server/store/user-factors.ts, while
 * IPSafeZone is active), so racing changes cannot both take the last way; this module checks
 * first, in every state, to give a clear message, and must agree with the assertion's SQL (tested
 * together). Both are written from the factor registry's facts, naming no factor.
 */
import type { Executor } from '../db/executor.js';
import type { FactorSet } from '../factors/proof.js';
import { FACTORS, holds } from '../factors/registry.js';
import { getSettings } from '../store/settings.js';
import { strOrNull } from '../store/rows.js';
import { bySql } from '../db/dialect.js';
import { lastOutsideAdmin } from './errors.js';

/** What decides whether someone can sign in from outside. */
export interface OutsideCandidate {
  role: 'admin' | 'user';
  disabled: boolean;
  secSignId: string | null;
  /** Whether the user has a password to go with an authenticator-app code. */
  hasPassword: boolean;
  /** Enrolled factor kinds (`totp`, `passkey`). */
  kinds: readonly string[];
}

/**
 * Whether this user is an enabled administrator who can sign in from outside under `policy`: with
 * a factor the policy allows, that keeps an administrator outside (the registry's facts: not
 * recovery codes), that they hold — and their password too where the factor needs it.
 */
export function canSignInOutside(u: OutsideCandidate, policy: FactorSet): boolean {
  if (u.role !== 'admin' || u.disabled) return false;
  const held = { ...u, enrolled: u.kinds, recoveryCodesLeft: 0 };
  return policy.some(
    (f) =>
      FACTORS[f].keepsAdminOutside &&
      holds(f, held) &&
      (!FACTORS[f].needsPassword || u.hasPassword),
  );
}

/** Every enabled administrator with what decides whether they can sign in from outside. */
export async function adminCandidates(
  db: Executor,
): Promise<(OutsideCandidate & { id: number })[]> {
  const kinds = bySql(db, {
    sqlite: 'group_concat(DISTINCT f.factor)',
    postgres: "string_agg(DISTINCT f.factor, ',')",
  });
  const rs = await db.execute(
    `SELECT u.id, u.secsign_id,
            CASE WHEN u.password_hash IS NOT NULL OR u.directory <> 'local' THEN 1 ELSE 0 END AS has_password,
            (SELECT ${kinds} FROM user_factors f WHERE f.user_id = u.id) AS kinds
     FROM users u WHERE u.role = 'admin' AND u.disabled = 0`,
  );
  return rs.rows.map((r) => ({
    id: Number(r.id),
    role: 'admin' as const,
    disabled: false,
    secSignId: strOrNull(r, 'secsign_id'),
    hasPassword: Number(r.has_password) === 1,
    kinds: typeof r.kinds === 'string' ? r.kinds.split(',') : [],
  }));
}

/** How many administrators can sign in from outside under `policy` (default: the stored one). */
export async function countOutsideCapable(db: Executor, policy?: FactorSet): Promise<number> {
  const p = policy ?? (await getSettings(db)).outsideFactors;
  return (await adminCandidates(db)).filter((a) => canSignInOutside(a, p)).length;
}

/**
 * Throws 409 `last_secsign_admin` when turning user `before` into `after` (null: deleted) would
 * leave no administrator who can sign in from outside. Whether IPSafeZone is on or off, an
 * administrator needs such a way somewhere, so the last one may never lose it.
 */
export async function guardLastOutsideAdmin(
  db: Executor,
  username: string,
  before: OutsideCandidate,
  after: OutsideCandidate | null,
): Promise<void> {
  const policy = (await getSettings(db)).outsideFactors;
  if (!canSignInOutside(before, policy) || (after && canSignInOutside(after, policy))) return;
  if ((await countOutsideCapable(db, policy)) <= 1) throw lastOutsideAdmin(username);
}
