/**
 * The seam for a kind of password directory (issue 25 §2), as `server/factors/factor-module.ts` is
 * for factors: everything the rest of the server needs to know about LDAP, Crowd or a new kind is
 * in its module `server/directories/<kind>/kind.ts`, listed once in `kinds.ts`. From a kind's
 * module come the admin API's input schema and route (`POST /api/admin/directories/<kind>`), the
 * CLI's `directory add <kind>` flags and help, the admin page's form (its fields and their words,
 * served by `GET /api/admin/directories/kinds`), how its one secret is kept sealed, and the working
 * directory for stored settings. Nothing else names a kind.
 */
import { z } from 'zod';
import { AppError } from '../platform/errors.js';
import type { ExternalDirectory } from './types.js';

/** Words in the admin page's two languages. */
export interface Words {
  en: string;
  de: string;
}

/**
 * One field of what an administrator types to add a directory — the admin form's input and the
 * CLI's flag for the same key of the input schema.
 * - `text`: a line (`--flag VALUE`); `flag`: a check box (`--flag`);
 * - `secret`: the kind's password, sealed when stored, never shown (`--flag-stdin`: from standard
 *   input only, never the command line);
 * - `pem`: PEM text (a text area; `--flag FILE` in the CLI);
 * - `number`: whole milliseconds and the like (`--flag N`).
 */
export interface DirectoryField {
  /** The key in the input schema (`bindDn`). */
  name: string;
  type: 'text' | 'flag' | 'secret' | 'pem' | 'number';
  /** Must be given (the form marks it required, the CLI refuses to go without it). */
  required?: boolean;
  /** The CLI flag without dashes, when not the name in kebab case (`application`). */
  flag?: string;
  /** The admin form's label; without it the field is the CLI's only (defaults that rarely change). */
  label?: Words;
  /** Fields with the same row sit side by side in the admin form. */
  row?: number;
}

/** What every kind's input carries besides its own fields. */
export interface DirectoryInput {
  name: string;
  enabled?: boolean | undefined;
  [key: string]: unknown;
}

export interface DirectoryKind {
  /** The name stored in `directories.kind`, in the API's path and the CLI (`ldap`). */
  readonly name: string;
  /** How lists name the kind (`LDAP`). */
  readonly label: string;
  /** The admin form's heading (`Add LDAP / Active Directory`). */
  readonly title: Words;
  /** The input's fields, in the order the form shows them and the CLI asks for them. */
  readonly fields: readonly DirectoryField[];
  /** The whole input as a strict zod schema (the fields' keys, `name` and `enabled`). */
  readonly input: z.ZodType<DirectoryInput>;
  /** The settings' key holding the secret: sealed apart from the settings, never shown. */
  readonly secret: string;
  /** The lines `ipsafezone directory --help` shows for `directory add <kind>`. */
  readonly usage: string;
  /** Complete settings from a checked input (422 `invalid_directory` when they do not fit). */
  settingsFrom(input: DirectoryInput): Record<string, unknown>;
  /** The working directory for stored settings (the secret opened). */
  open(id: string, settings: Record<string, unknown>): ExternalDirectory;
}

/** A refusal of an administrator's input: 422 `invalid_directory` with what to fix. */
export const invalidDirectory = (message: string) =>
  new AppError(422, 'invalid_directory', message);

export const DEFAULT_TIMEOUT_MS = 5000;
export const MIN_TIMEOUT_MS = 200;
export const MAX_TIMEOUT_MS = 30_000;

export const text = (max: number) => z.string().max(max);
export const attributeName = z
  .string()
  .max(100)
  .regex(/^$|^[A-Za-z][A-Za-z0-9-]*$/, 'an attribute name (letters, digits, -)');

/** The inputs every kind takes: its name in the list, on or off, a CA, the SecSign ID attribute, an admin group, a time-out. */
export const commonInput = {
  name: text(100).min(1),
  enabled: z.boolean().optional(),
  caPem: text(20_000).optional(),
  secSignIdAttribute: attributeName.optional(),
  adminGroup: text(500).optional(),
  timeoutMs: z.number().int().min(MIN_TIMEOUT_MS).max(MAX_TIMEOUT_MS).optional(),
};

/** What the common inputs give every kind's settings: `commonInput` completed with its defaults. */
export function commonSettingsFrom(input: {
  caPem?: string;
  secSignIdAttribute?: string;
  adminGroup?: string;
  timeoutMs?: number;
}) {
  return {
    caPem: input.caPem?.trim() ?? '',
    secSignIdAttribute: input.secSignIdAttribute ?? '',
    adminGroup: input.adminGroup?.trim() ?? '',
    timeoutMs: input.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  };
}

/** The form and CLI fields of `commonInput` (`name` comes first in each kind's own list). */
export const COMMON_FIELDS = {
  name: { name: 'name', type: 'text', required: true, label: { en: 'Name', de: 'Name' } },
  url: { name: 'url', type: 'text', required: true, label: { en: 'URL', de: 'URL' } },
  allowPlain: {
    name: 'allowPlain',
    type: 'flag',
    label: {
      en: 'Allow unencrypted connection (passwords in clear text)',
      de: 'Unverschlüsselte Verbindung erlauben (Passwörter im Klartext)',
    },
  },
  adminGroup: {
    name: 'adminGroup',
    type: 'text',
    label: { en: 'Administrator group (optional)', de: 'Administratorgruppe (optional)' },
  },
  secSignIdAttribute: {
    name: 'secSignIdAttribute',
    type: 'text',
    label: { en: 'SecSign ID attribute (optional)', de: 'Attribut der SecSign ID (optional)' },
  },
  caPem: {
    name: 'caPem',
    type: 'pem',
    flag: 'ca-file',
    label: { en: 'CA certificate, PEM (optional)', de: 'CA-Zertifikat, PEM (optional)' },
  },
  timeoutMs: { name: 'timeoutMs', type: 'number' },
} as const satisfies Record<string, DirectoryField>;

/** The CLI flag of a field: its own, or its name in kebab case (`bindDn` → `bind-dn`). */
export function flagOf(field: DirectoryField): string {
  return field.flag ?? field.name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** Turns zod's complaints into one 422 naming the fields (for the CLI, which has no validator). */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const fields = r.error.issues.map(
    (i) => `${i.path.map(String).join('.') || '(input)'}: ${i.message}`,
  );
  throw invalidDirectory(`Some settings are missing or malformed — ${fields.join('; ')}.`);
}

/** A form field as the admin page receives it (`GET /api/admin/directories/kinds`). */
export type FormField = Pick<DirectoryField, 'name' | 'type' | 'required' | 'row'> & {
  label: Words;
};

/** A kind as the admin page receives it: its name, label, form heading and form fields. */
export interface DirectoryKindView {
  name: string;
  label: string;
  title: Words;
  fields: FormField[];
}

/** What the admin page needs of a kind to draw its form (the CLI-only fields left out). */
export function kindView(kind: DirectoryKind): DirectoryKindView {
  const fields: FormField[] = [];
  for (const f of kind.fields) {
    if (!f.label) continue;
    fields.push({
      name: f.name,
      type: f.type,
      label: f.label,
      ...(f.required ? { required: true } : {}),
      ...(f.row !== undefined ? { row: f.row } : {}),
    });
  }
  return { name: kind.name, label: kind.label, title: kind.title, fields };
}
