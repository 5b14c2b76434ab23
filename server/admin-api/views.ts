/**
 * How stored records look in the admin API's JSON: timestamps as ISO 8601 strings, never a password
 * hash.
 */
import type { AuditEntry } from '../store/audit.js';
import type { PublicUser } from '../store/users.js';
import type { ZoneView } from '../domain/zones-service.js';

const iso = (ms: number) => new Date(ms).toISOString();

export function userJson(u: PublicUser) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    email: u.email,
    role: u.role,
    disabled: u.disabled,
    secSignId: u.secSignId,
    createdAt: iso(u.createdAt),
    updatedAt: iso(u.updatedAt),
  };
}

export function zoneJson(z: ZoneView) {
  return { ...z, createdAt: iso(z.createdAt), updatedAt: iso(z.updatedAt) };
}

export function auditJson(e: AuditEntry) {
  return { ...e, at: iso(e.at) };
}

/** The admin API's JSON shapes, imported type-only by the admin page (`admin/api.ts`). */
export type UserJson = ReturnType<typeof userJson>;
export type ZoneJson = ReturnType<typeof zoneJson>;
export type AuditJson = ReturnType<typeof auditJson>;
