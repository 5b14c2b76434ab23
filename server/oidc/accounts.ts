/**
 * Who a relying party is told the user is. `sub` is a random identifier given to each user at their
 * first OpenID Connect sign-in and never reused (a user name can be renamed, a row id can come
 * back after a delete); `preferred_username` is the ipsafezone user name (what Jira should use as
 * its user name claim). Profile claims travel inside the ID token, where Jira's just-in-time
 * provisioning reads them.
 */
import { num, str } from '../store/rows.js';
import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import { findUserById, type UserRecord } from '../store/users.js';

export const GROUP_USERS = 'ipsafezone-users';
export const GROUP_ADMINS = 'ipsafezone-admins';

/** The claims each scope releases (the provider's `claims` setting). */
export const SCOPE_CLAIMS = {
  openid: ['sub', 'acr', 'amr', 'auth_time'],
  profile: ['name', 'preferred_username'],
  email: ['email'],
  groups: ['groups'],
} as const;

/** The user's subject, created on first use. */
export async function subjectFor(db: Database, clock: Clock, userId: number): Promise<string> {
  await db.execute({
    sql: 'INSERT INTO oidc_subjects (user_id, sub, created_at) VALUES (?, ?, ?) ON CONFLICT (user_id) DO NOTHING',
    args: [userId, randomUUID(), clock.now()],
  });
  const rs = await db.execute({
    sql: 'SELECT sub FROM oidc_subjects WHERE user_id = ?',
    args: [userId],
  });
  return str(rs.rows[0]!, 'sub');
}

/** The enabled user behind a subject, or null (unknown, deleted or disabled: nothing is released). */
export async function userBySubject(db: Database, sub: string): Promise<UserRecord | null> {
  const rs = await db.execute({
    sql: 'SELECT user_id FROM oidc_subjects WHERE sub = ?',
    args: [sub],
  });
  const row = rs.rows[0];
  if (!row) return null;
  const user = await findUserById(db, num(row, 'user_id'));
  return user && !user.disabled ? user : null;
}

/** All claims the user has; the provider releases those the granted scopes allow. */
export function userClaims(sub: string, user: UserRecord): Record<string, unknown> {
  return {
    sub,
    preferred_username: user.username,
    name: user.displayName || user.username,
    ...(user.email ? { email: user.email } : {}),
    groups: user.role === 'admin' ? [GROUP_USERS, GROUP_ADMINS] : [GROUP_USERS],
  };
}
