/**
 * `/api/admin/audit.csv`: the audit log with the same filters as `/api/admin/audit`, as a CSV file
 * for spreadsheets (RFC 4180, UTF-8 with a byte-order mark, newest first, at most `CSV_MAX_ROWS`).
 * Cells that a spreadsheet would run as a formula are prefixed with `'` — and so is what follows a
 * `;` inside a cell, which a spreadsheet reading `;` as its separator takes for a cell of its own.
 */
import { Hono } from 'hono';
import type { DoorDeps } from '../http/door-deps.js';
import { AppError } from '../platform/errors.js';
import type { DoorEnv } from '../http/context.js';
import { listAudit, type AuditEntry } from '../store/audit.js';
import { normalizeAddress } from '../zones/index.js';
import { auditQuery } from './schemas.js';
import { validate } from './validate.js';

/** The most rows one export holds. */
export const CSV_MAX_ROWS = 50_000;

const COLUMNS = [
  'id',
  'at',
  'actor',
  'action',
  'username',
  'clientIp',
  'clientReason',
  'zone',
  'required',
  'outcome',
  'details',
] as const;

/** One CSV cell: quoted when needed, formula-looking text defused. */
export function csvCell(value: unknown): string {
  let s =
    value === null || value === undefined
      ? ''
      : typeof value === 'string'
        ? value
        : typeof value === 'number' || typeof value === 'boolean'
          ? String(value)
          : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  // Spreadsheets whose list separator is ";" (Excel and LibreOffice in German and most European
  // locales) split a row at every ";", quoted or not: what follows one starts a cell there.
  s = s.replace(/;(?=[=+\-@\t\r])/g, ";'");
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The CSV text (header line included) for some entries. */
export function auditCsv(entries: AuditEntry[]): string {
  const lines = [COLUMNS.join(',')];
  for (const e of entries) {
    const row = { ...e, at: new Date(e.at).toISOString() };
    lines.push(COLUMNS.map((k) => csvCell(row[k])).join(','));
  }
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

export function auditCsvRoutes({ db }: DoorDeps) {
  return new Hono<DoorEnv>().get('/', validate('query', auditQuery), async (c) => {
    const { offset: _o, limit: _l, address, ...filters } = c.req.valid('query');
    let canonical: string | undefined;
    if (address !== undefined) {
      canonical = normalizeAddress(address) ?? undefined;
      if (canonical === undefined) {
        throw new AppError(400, 'invalid_input', 'Some fields are missing or malformed.', {
          fields: { address: 'not an IP address' },
        });
      }
    }
    // The store hands out at most 500 rows a page: walk the pages.
    const entries: AuditEntry[] = [];
    while (entries.length < CSV_MAX_ROWS) {
      const page = await listAudit(db, {
        ...filters,
        address: canonical,
        offset: entries.length,
        limit: 500,
      });
      entries.push(...page.entries);
      if (page.entries.length < 500) break;
    }
    return c.body(auditCsv(entries), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="ipsafezone-audit.csv"',
      'Cache-Control': 'no-store',
    });
  });
}
