/**
 * `ipsafezone audit …`: archive the audit log before the retention purge removes old entries
 * (`export --before DATE`, JSON Lines or CSV on standard output, oldest first), and purge by hand
 * (`purge --before DATE`, audited like the automatic purge; see server/ops/retention.ts).
 */
import { parseArgs } from 'node:util';
import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import { auditCsv } from '../admin-api/audit-csv.js';
import { auditBatchBefore } from '../store/audit.js';
import { purgeAuditBefore } from '../ops/retention.js';
import { UsageError, type CliIo } from './io.js';

export const AUDIT_HELP = `Usage: ipsafezone audit <command>

  audit export --before DATE [--format jsonl|csv]   print every entry older than DATE (oldest
                                                    first) on standard output, to archive it
  audit purge --before DATE                         delete the entries older than DATE (the purge
                                                    itself is audited)

DATE is an ISO date or time, e.g. 2026-01-01 or 2026-01-01T12:00:00Z (a date alone is UTC midnight).
The server purges entries older than IPSAFEZONE_AUDIT_RETENTION_DAYS (default 365) by itself.`;

function parseDate(value: string | undefined): number {
  if (!value) throw new UsageError('--before DATE is required', AUDIT_HELP);
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(ms))
    throw new UsageError(`"${value}" is not a date like 2026-01-01`, AUDIT_HELP);
  return ms;
}

export async function auditCommand(
  db: Database,
  clock: Clock,
  io: CliIo,
  args: string[],
): Promise<void> {
  const [sub, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: { before: { type: 'string' }, format: { type: 'string', default: 'jsonl' } },
  });
  if (sub === 'export') {
    const before = parseDate(values.before);
    const format = values.format;
    if (format !== 'jsonl' && format !== 'csv')
      throw new UsageError(`--format is jsonl or csv, not "${format}"`, AUDIT_HELP);
    let last = 0;
    let first = true;
    for (;;) {
      const batch = await auditBatchBefore(db, before, last);
      if (batch.length === 0) break;
      last = batch[batch.length - 1]!.id;
      if (format === 'jsonl') {
        for (const e of batch) io.out(JSON.stringify({ ...e, at: new Date(e.at).toISOString() }));
      } else {
        const text = auditCsv(batch).replace(/\r\n$/, '');
        // One header line at the top: later batches drop theirs (and the byte-order mark).
        io.out(first ? text : text.slice(text.indexOf('\r\n') + 2));
      }
      first = false;
    }
    return;
  }
  if (sub === 'purge') {
    const before = parseDate(values.before);
    const n = await purgeAuditBefore(db, clock, before, 'cli');
    io.out(
      `${n} audit ${n === 1 ? 'entry' : 'entries'} older than ${new Date(before).toISOString()} purged.`,
    );
    return;
  }
  throw new UsageError(
    sub ? `unknown command "audit ${sub}"` : 'name an audit command',
    AUDIT_HELP,
  );
}
