/**
 * Adding, listing, enabling, reordering and removing external directories of any kind
 * (server/directories/kinds.ts), shared by the admin API and the CLI: administrators only, the
 * kind's secret (a bind or application password) sealed with the secret box before it is stored
 * (no IPSAFEZONE_SECRET_KEY: refused), every change audited without a secret, and views that
 * never carry a password. The admin's tests are in directory-tests.ts. Removing a directory
 * disables the users that came from it (they have no password here), under the seed's
 * last-administrator rule.
 */
import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import type { SecretBox } from '../platform/crypto/secret-box.js';
import { NoSecretKeyError } from '../platform/crypto/secret-box.js';
import { auditActor, requireAdmin, type DomainActor } from '../domain/actor.js';
import { applyChange } from '../domain/apply-change.js';
import { AppError } from '../platform/errors.js';
import { auditStatement } from '../store/audit.js';
import { revokeDirectoryUsersSessionsStatement } from '../store/sessions.js';
import {
  deleteDirectoryStatement,
  disableDirectoryUsersStatement,
  findDirectory,
  insertDirectoryStatement,
  listDirectories,
  updateDirectoryStatement,
  type DirectoryRecord,
} from '../store/directories.js';
import type { DirectoryInput } from './directory-kind.js';
import { directoryKind } from './kinds.js';

/** A directory as the admin page and the CLI show it: settings without the password. */
export interface DirectoryView {
  id: number;
  name: string;
  kind: string;
  position: number;
  enabled: boolean;
  settings: Record<string, unknown>;
  updatedAt: number;
  updatedBy: string | null;
}

export function viewDirectory(r: DirectoryRecord): DirectoryView {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    position: r.position,
    enabled: r.enabled,
    settings: JSON.parse(r.settings) as Record<string, unknown>,
    updatedAt: r.updatedAt,
    updatedBy: r.updatedBy,
  };
}

export const directoryNotFound = () =>
  new AppError(404, 'directory_not_found', 'There is no such directory.');

export async function loadDirectoryRecord(
  db: Database,
  idOrName: number | string,
): Promise<DirectoryRecord> {
  const r = await findDirectory(db, idOrName);
  if (!r) throw directoryNotFound();
  return r;
}

function seal(box: SecretBox, secret: string): string {
  try {
    return box.seal(secret);
  } catch (err) {
    if (err instanceof NoSecretKeyError) throw new AppError(409, 'no_secret_key', err.message);
    throw err;
  }
}

/** Splits settings into the stored JSON (no secret) and the secret, its kind's `secret` key. */
function split(settings: Record<string, unknown>, key: string): { json: string; secret: string } {
  const { [key]: secret, ...rest } = settings;
  return { json: JSON.stringify(rest), secret: String(secret) };
}

/**
 * Adds a directory of the kind named `kindName` from an input its kind's schema checked (the admin
 * API's route, the CLI): complete settings by the kind's rules, the secret sealed.
 */
export async function addDirectory(
  db: Database,
  clock: Clock,
  box: SecretBox,
  actor: DomainActor,
  kindName: string,
  input: DirectoryInput,
): Promise<DirectoryView> {
  const kind = directoryKind(kindName);
  if (!kind)
    throw new AppError(404, 'directory_kind_unknown', `There is no directory kind "${kindName}".`);
  const settings = kind.settingsFrom(input);
  requireAdmin(actor);
  const { name } = input;
  const enabled = input.enabled ?? true;
  if (await findDirectory(db, name))
    throw new AppError(
      409,
      'directory_name_taken',
      `A directory named "${name.trim()}" exists already.`,
    );
  const { json, secret } = split(settings, kind.secret);
  const at = clock.now();
  try {
    await applyChange(db, [
      insertDirectoryStatement({
        name,
        kind: kind.name,
        enabled,
        settings: json,
        sealedSecret: seal(box, secret),
        at,
        by: actor.username,
      }),
      auditStatement(at, {
        ...auditActor(actor),
        action: 'directory.create',
        outcome: 'changed',
        details: {
          name: name.trim(),
          kind: kind.name,
          enabled,
          settings: JSON.parse(json) as unknown,
        },
      }),
    ]);
  } catch (err) {
    if (err instanceof Error && err.message.includes('directories.name_key'))
      throw new AppError(
        409,
        'directory_name_taken',
        `A directory named "${name.trim()}" exists already.`,
      );
    throw err;
  }
  return viewDirectory(await loadDirectoryRecord(db, name));
}

export async function listDirectoryViews(db: Database): Promise<DirectoryView[]> {
  return (await listDirectories(db)).map(viewDirectory);
}

/** Turns a directory on or off (off: it is not asked; its users cannot sign in with a password). */
export async function setDirectoryEnabled(
  db: Database,
  clock: Clock,
  actor: DomainActor,
  idOrName: number | string,
  enabled: boolean,
): Promise<DirectoryView> {
  requireAdmin(actor);
  const before = await loadDirectoryRecord(db, idOrName);
  if (before.enabled === enabled) return viewDirectory(before);
  const at = clock.now();
  await applyChange(db, [
    updateDirectoryStatement(before.id, { enabled }, at, actor.username),
    auditStatement(at, {
      ...auditActor(actor),
      action: 'directory.update',
      outcome: 'changed',
      details: { name: before.name, before: { enabled: before.enabled }, after: { enabled } },
    }),
  ]);
  return viewDirectory(await loadDirectoryRecord(db, before.id));
}

/**
 * Moves a directory to `position` (1 = asked first after the local users); the others keep their
 * relative order and all positions are renumbered 1…n in one change.
 */
export async function moveDirectory(
  db: Database,
  clock: Clock,
  actor: DomainActor,
  idOrName: number | string,
  position: number,
): Promise<DirectoryView[]> {
  requireAdmin(actor);
  const moving = await loadDirectoryRecord(db, idOrName);
  const all = await listDirectories(db);
  if (!Number.isInteger(position) || position < 1 || position > all.length)
    throw new AppError(422, 'invalid_position', `The position must be from 1 to ${all.length}.`);
  const order = all.filter((d) => d.id !== moving.id);
  order.splice(position - 1, 0, moving);
  const at = clock.now();
  await applyChange(db, [
    ...order.map((d, i) => updateDirectoryStatement(d.id, { position: i + 1 }, at, actor.username)),
    auditStatement(at, {
      ...auditActor(actor),
      action: 'directory.update',
      outcome: 'changed',
      details: {
        name: moving.name,
        before: { order: all.map((d) => d.name) },
        after: { order: order.map((d) => d.name) },
      },
    }),
  ]);
  return listDirectoryViews(db);
}

/**
 * Removes a directory, disables the users that came from it and ends their sessions. 409 `last_secsign_admin` (and
 * nothing changed) when that would leave no administrator with a SecSign ID while IPSafeZone is
 * active.
 */
export async function removeDirectory(
  db: Database,
  clock: Clock,
  actor: DomainActor,
  idOrName: number | string,
): Promise<void> {
  requireAdmin(actor);
  const before = await loadDirectoryRecord(db, idOrName);
  const at = clock.now();
  await applyChange(db, [
    disableDirectoryUsersStatement(before.id, at),
    revokeDirectoryUsersSessionsStatement(before.id, at),
    deleteDirectoryStatement(before.id),
    auditStatement(at, {
      ...auditActor(actor),
      action: 'directory.delete',
      outcome: 'changed',
      details: { name: before.name, kind: before.kind, usersDisabled: true, sessionsEnded: true },
    }),
  ]);
}
