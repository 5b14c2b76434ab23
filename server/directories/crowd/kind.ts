/**
 * Atlassian Crowd — or Jira as "Jira user server" — as a directory kind
 * (server/directories/directory-kind.ts): what an administrator types to add one (the base URL and
 * the registered application), the rules that turn it into complete settings (https unless plain
 * http is explicitly allowed; the base URL alone), the admin form's fields and the CLI's help, and
 * the REST directory itself (./crowd-directory.ts).
 */
import { z } from 'zod';
import {
  commonInput,
  commonSettingsFrom,
  COMMON_FIELDS,
  invalidDirectory as invalid,
  text,
  type DirectoryInput,
  type DirectoryKind,
} from '../directory-kind.js';
import { createCrowdDirectory } from './crowd-directory.js';
import type { CrowdSettings } from './crowd-settings.js';

export const crowdInput = z.strictObject({
  ...commonInput,
  url: text(500),
  applicationName: text(200).min(1),
  applicationPassword: z.string().min(1).max(1000),
  allowPlain: z.boolean().optional(),
});
export type CrowdInput = z.infer<typeof crowdInput>;

/** Complete Crowd settings from the administrator's input. */
export function crowdSettingsFrom(input: CrowdInput): CrowdSettings {
  let url: URL;
  try {
    url = new URL(input.url.trim());
  } catch {
    throw invalid(`"${input.url}" is not a URL like https://crowd.example.com/crowd.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw invalid('The Crowd URL must start with https:// (or http://).');
  if (url.protocol === 'http:' && !input.allowPlain)
    throw invalid(
      'Plain http sends passwords in clear text: use https://, or allow plain http explicitly.',
    );
  if (url.search !== '' || url.hash !== '' || url.username !== '')
    throw invalid('The Crowd URL is the base URL only, without query, fragment or user.');
  return {
    url: url.toString().replace(/\/+$/, ''),
    applicationName: input.applicationName.trim(),
    applicationPassword: input.applicationPassword,
    allowPlain: input.allowPlain ?? false,
    ...commonSettingsFrom(input),
  };
}

export const crowdKind: DirectoryKind = {
  name: 'crowd',
  label: 'Crowd',
  title: { en: 'Add Crowd / Jira user server', de: 'Crowd / Jira-Benutzerserver hinzufügen' },
  fields: [
    { ...COMMON_FIELDS.name, row: 1 },
    { ...COMMON_FIELDS.url, row: 1 },
    {
      name: 'applicationName',
      type: 'text',
      required: true,
      flag: 'application',
      row: 2,
      label: { en: 'Application name', de: 'Name der Anwendung' },
    },
    {
      name: 'applicationPassword',
      type: 'secret',
      required: true,
      row: 2,
      label: { en: 'Application password', de: 'Passwort der Anwendung' },
    },
    { ...COMMON_FIELDS.adminGroup, row: 3 },
    { ...COMMON_FIELDS.secSignIdAttribute, row: 3 },
    COMMON_FIELDS.allowPlain,
    COMMON_FIELDS.caPem,
    COMMON_FIELDS.timeoutMs,
  ],
  input: crowdInput,
  secret: 'applicationPassword',
  usage: `  directory add crowd --url https://HOST/crowd --application NAME --application-password-stdin
                     [--name NAME] [--allow-plain] [--ca-file PEM] [--secsign-id-attribute ATTR]
                     [--admin-group GROUP] [--timeout-ms 5000] [--disabled]
                     Crowd, or Jira as "Jira user server" (the URL is Jira's base URL).`,
  settingsFrom: (input: DirectoryInput) => ({ ...crowdSettingsFrom(input as CrowdInput) }),
  open: (id, settings) => createCrowdDirectory(id, settings as unknown as CrowdSettings),
};
