/**
 * The directories table: SQL in, plain records out, the secret still sealed (opening it is the
 * caller's business, with the secret box). No rules here. A user who came from a directory names
 * it in `users.directory` (the directory's id as text).
 */
import type { Statement, Row } from '../db/database.js';
import type { Executor } from '../db/executor.js';
import { bool, num, str, strOrNull } from './rows.js';

export interface DirectoryRecord {
  id: number;
  name: string;
  /** Its kind's name; which kinds there are is server/directories/kinds.ts's to say. */
  kind: string;
  position: number;
  enabled: boolean;
  /** JSON of the settings without the secret. */
  settings: string;
  /** The sealed bind / application password. */
  sealedSecret: string;
  createdAt: number;
  updatedAt: number;
  updatedBy: string | null;
}

/** The key directory names are unique by. */
export function directoryNameKey(name: string): string {
  return name.trim().normalize('NFKC').toLowerCase();
}

const COLUMNS =
  'id, name, kind, position, enabled, settings, secret, created_at, updated_at, updated_by';

function toDirectory(row: Row): DirectoryRecord {
  return {
    id: num(row, 'id'),
    name: str(row, 'name'),
    kind: str(row, 'kind'),
    position: num(row, 'position'),
    enabled: bool(row, 'enabled'),
    settings: str(row, 'settings'),
    sealedSecret: str(row, 'secret'),
    createdAt: num(row, 'created_at'),
    updatedAt: num(row, 'updated_at'),
    updatedBy: strOrNull(row, 'updated_by'),
  };
}

/** Every directory in chain order. */
export async function listDirectories(db: Executor): Promise<DirectoryRecord[]> {
  const rs = await db.execute(`SELECT ${COLUMNS} FROM directories ORDER BY position, id`);
  return rs.rows.map(toDirectory);
}

/** A directory by id, or by name regardless of case. */
export async function findDirectory(
  db: Executor,
  idOrName: number | string,
): Promise<DirectoryRecord | null> {
  const rs =
    typeof idOrName === 'number'
      ? await db.execute({
          sql: `SELECT ${COLUMNS} FROM directories WHERE id = ?`,
          args: [idOrName],
        })
      : await db.execute({
          sql: `SELECT ${COLUMNS} FROM directories WHERE name_key = ?`,
          args: [directoryNameKey(idOrName)],
        });
  const row = rs.rows[0];
  return row ? toDirectory(row) : null;
}

export interface NewDirectory {
  name: string;
  kind: string;
  enabled: boolean;
  settings: string;
  sealedSecret: string;
  at: number;
  by: string;
}

/** The INSERT for a new directory, placed after the last one (for a batch). */
export function insertDirectoryStatement(d: NewDirectory): Statement {
  return {
    sql: `INSERT INTO directories (name, name_key, kind, position, enabled, settings, secret, created_at, updated_at, updated_by)
          VALUES (?, ?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM directories), ?, ?, ?, ?, ?, ?)`,
    args: [
      d.name.trim(),
      directoryNameKey(d.name),
      d.kind,
      d.enabled ? 1 : 0,
      d.settings,
      d.sealedSecret,
      d.at,
      d.at,
      d.by,
    ],
  };
}

export interface DirectoryChanges {
  enabled?: boolean;
  position?: number;
  settings?: string;
  sealedSecret?: string;
}

/** The UPDATE for some of a directory's fields (for a batch). */
export function updateDirectoryStatement(
  id: number,
  changes: DirectoryChanges,
  at: number,
  by: string,
): Statement {
  const sets = ['updated_at = ?', 'updated_by = ?'];
  const args: (string | number)[] = [at, by];
  const add = (col: string, v: string | number | undefined) => {
    if (v === undefined) return;
    sets.push(`${col} = ?`);
    args.push(v);
  };
  add('enabled', changes.enabled === undefined ? undefined : changes.enabled ? 1 : 0);
  add('position', changes.position);
  add('settings', changes.settings);
  add('secret', changes.sealedSecret);
  args.push(id);
  return { sql: `UPDATE directories SET ${sets.join(', ')} WHERE id = ?`, args };
}

/** The DELETE for one directory (for a batch). */
export function deleteDirectoryStatement(id: number): Statement {
  return { sql: 'DELETE FROM directories WHERE id = ?', args: [id] };
}

/** Disables every enabled user of a directory (for a batch; the triggers guard the last admin). */
export function disableDirectoryUsersStatement(directoryId: number, at: number): Statement {
  return {
    sql: 'UPDATE users SET disabled = 1, updated_at = ? WHERE directory = ? AND disabled = 0',
    args: [at, String(directoryId)],
  };
}
