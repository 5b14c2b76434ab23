/**
 * `ipsafezone db copy --to URL`: moves an installation to another database (issue 26) — from the
 * embedded libSQL file named by `DATABASE_URL` into a new, empty PostgreSQL database, typically.
 * The target is migrated first, must hold nothing yet, and receives everything in one transaction
 * (server/db/copy.ts); the command prints what it copied, table by table. Then point
 * `DATABASE_URL` at the target and start the instances.
 */
import { parseArgs } from 'node:util';
import type { Database } from '../db/database.js';
import { CopyRefused, copyDatabase } from '../db/copy.js';
import { maskedUrl, openDatabase } from '../db/open.js';
import type { Clock } from '../platform/clock.js';
import { AppError } from '../platform/errors.js';
import { UsageError, table, type CliIo } from './io.js';

export const DB_HELP = `Usage: ipsafezone db copy --to URL

  db copy --to URL   copy everything in the database named by DATABASE_URL (users, factors,
                     directories, zones, settings, sessions, OpenID Connect clients and keys,
                     the audit log) into the database at URL, which must be new and empty:
                     e.g. --to postgres://ipsafezone:PASSWORD@db.example.com/ipsafezone
                     Its schema is created first; the copy is one transaction; the counts are
                     printed. Stop the server first, so nothing changes during the copy.`;

export async function dbCommand(
  db: Database,
  _clock: Clock,
  io: CliIo,
  args: string[],
): Promise<void> {
  const [sub, ...rest] = args;
  if (sub !== 'copy') throw new UsageError(`unknown db command "${sub ?? ''}"`, DB_HELP);
  const { values } = parseArgs({ args: rest, options: { to: { type: 'string' } } });
  const to = values.to?.trim();
  if (!to) throw new UsageError('--to URL is required', DB_HELP);
  const from = io.env['DATABASE_URL']?.trim();
  if (from && from === to) throw new UsageError('--to names the database being copied', DB_HELP);
  const target = await openDatabase({ url: to, create: true });
  try {
    const counts = await copyDatabase(db, target);
    for (const line of table(
      ['table', 'rows'],
      counts.map((c) => [c.table, String(c.rows)]),
    ))
      io.out(line);
    const total = counts.reduce((n, c) => n + c.rows, 0);
    io.out(`Copied ${total} rows into ${maskedUrl(to)}.`);
  } catch (err) {
    if (err instanceof CopyRefused) throw new AppError(409, 'copy_refused', err.message);
    throw err;
  } finally {
    target.close();
  }
}
