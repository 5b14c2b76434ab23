/**
 * Opaque secrets handed to clients (session cookies, login transactions). The client gets 256 random
 * bits; the database keeps only their SHA-256, so a leaked database row cannot be replayed.
 */
import { createHash, randomBytes } from 'node:crypto';

/** A fresh random token, base64url, 43 characters. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Hex SHA-256 of a token, as stored. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Cheap shape check before touching the database: tokens we issue are 43 base64url characters. */
export function looksLikeToken(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);
}
