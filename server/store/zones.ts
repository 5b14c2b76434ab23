/**
 * The zones table and its change counter. Ranges are kept exactly as the administrator typed them
 * (a JSON array); the zone engine parses them when the matcher is built. Every statement that
 * changes a zone goes into a batch together with `bumpZonesVersionStatement()`, so another instance
 * polling `zonesVersion` notices the change.
 */
import type { Statement, Row } from '../db/database.js';
import type { Executor } from '../db/executor.js';
import { bool, num, str, strOrNull } from './rows.js';

export interface ZoneRecord {
  id: number;
  name: string;
  /** The ranges as typed. */
  ranges: string[];
  enabled: boolean;
  /** Ranges covering everything were accepted on purpose. */
  force: boolean;
  note: string;
  createdAt: number;
  updatedAt: number;
  /** Who changed it last (user name, `cli` or `bootstrap`). */
  updatedBy: string | null;
}

/** The key zone names are unique by. */
export function zoneNameKey(name: string): string {
  return name.trim().normalize('NFKC').toLowerCase();
}

function parseRanges(text: string): string[] {
  const v: unknown = JSON.parse(text);
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) {
    throw new Error('A zone row holds ranges that are not a list of strings.');
  }
  return v;
}

function toZone(row: Row): ZoneRecord {
  return {
    id: num(row, 'id'),
    name: str(row, 'name'),
    ranges: parseRanges(str(row, 'ranges')),
    enabled: bool(row, 'enabled'),
    force: bool(row, 'force'),
    note: str(row, 'note'),
    createdAt: num(row, 'created_at'),
    updatedAt: num(row, 'updated_at'),
    updatedBy: strOrNull(row, 'updated_by'),
  };
}

const COLUMNS = 'id, name, ranges, enabled, force, note, created_at, updated_at, updated_by';

/** All zones in definition order (the order the matcher uses when zones overlap). */
export async function listZones(db: Executor): Promise<ZoneRecord[]> {
  const rs = await db.execute(`SELECT ${COLUMNS} FROM zones ORDER BY id`);
  return rs.rows.map(toZone);
}

export async function findZoneById(db: Executor, id: number): Promise<ZoneRecord | null> {
  const rs = await db.execute({ sql: `SELECT ${COLUMNS} FROM zones WHERE id = ?`, args: [id] });
  return rs.rows[0] ? toZone(rs.rows[0]) : null;
}

/** Finds a zone by name, regardless of case. */
export async function findZoneByName(db: Executor, name: string): Promise<ZoneRecord | null> {
  const rs = await db.execute({
    sql: `SELECT ${COLUMNS} FROM zones WHERE name_key = ?`,
    args: [zoneNameKey(name)],
  });
  return rs.rows[0] ? toZone(rs.rows[0]) : null;
}

export interface ZoneFields {
  name: string;
  ranges: string[];
  enabled: boolean;
  force: boolean;
  note: string;
}

export function insertZoneStatement(z: ZoneFields, at: number, by: string): Statement {
  return {
    sql: `INSERT INTO zones (name, name_key, ranges, enabled, force, note, created_at, updated_at, updated_by)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    args: [
      z.name.trim(),
      zoneNameKey(z.name),
      JSON.stringify(z.ranges),
      z.enabled ? 1 : 0,
      z.force ? 1 : 0,
      z.note,
      at,
      at,
      by,
    ],
  };
}

export function updateZoneStatement(id: number, z: ZoneFields, at: number, by: string): Statement {
  return {
    sql: `UPDATE zones SET name = ?, name_key = ?, ranges = ?, enabled = ?, force = ?, note = ?,
          updated_at = ?, updated_by = ? WHERE id = ?`,
    args: [
      z.name.trim(),
      zoneNameKey(z.name),
      JSON.stringify(z.ranges),
      z.enabled ? 1 : 0,
      z.force ? 1 : 0,
      z.note,
      at,
      by,
      id,
    ],
  };
}

export function deleteZoneStatement(id: number): Statement {
  return { sql: 'DELETE FROM zones WHERE id = ?', args: [id] };
}

/** Moves the zones change counter; put it in the same batch as the change. */
export function bumpZonesVersionStatement(): Statement {
  return "UPDATE change_counters SET value = value + 1 WHERE name = 'zones'";
}

/** The zones change counter: cheap to read, moves with every zone change. */
export async function zonesVersion(db: Executor): Promise<number> {
  const rs = await db.execute("SELECT value FROM change_counters WHERE name = 'zones'");
  const row = rs.rows[0];
  return row ? num(row, 'value') : 0;
}
