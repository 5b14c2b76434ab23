/**
 * Runs a change as one libSQL batch (a single write transaction: the change, its audit entry and
 * any version counter together, all or nothing) and turns the database's refusals into the
 * domain's errors. A batch holds no transaction open across awaits, so it cannot deadlock with
 * other writes from the same process, and it is one request to a remote libSQL server.
 */
import type { Client, InStatement } from '@libsql/client';
import {
  lastSecSignAdmin,
  noSecSignAdmin,
  secSignIdTaken,
  usernameTaken,
  zoneNameTaken,
} from './errors.js';

/** Applies the statements atomically; maps trigger and uniqueness refusals to 409s. */
export async function applyChange(db: Client, statements: InStatement[]): Promise<void> {
  try {
    await db.batch(statements, 'write');
  } catch (err) {
    const message = err instanceof Error ? err.message : '';
    if (message.includes('no_secsign_admin')) throw noSecSignAdmin();
    if (message.includes('last_secsign_admin')) throw lastSecSignAdmin();
    if (message.includes('UNIQUE constraint failed: users.secsign_id')) throw secSignIdTaken();
    if (message.includes('UNIQUE constraint failed: users.username_key')) throw usernameTaken();
    if (message.includes('UNIQUE constraint failed: zones.name_key')) throw zoneNameTaken();
    throw err;
  }
}
