/**
 * LDAP / Active Directory as a directory kind (server/directories/directory-kind.ts): what an
 * administrator types to add one, the rules that turn it into complete settings — the URL's
 * scheme and the protection agree, plain LDAP only when explicitly allowed, the user filter holds
 * `{username}` and parses, a group search has a base and a filter, the time-out is bounded — the
 * admin form's fields and the CLI's help, and the search-then-bind directory itself
 * (./ldap-directory.ts).
 */
import { FilterParser } from 'ldapts';
import { z } from 'zod';
import {
  attributeName,
  commonInput,
  COMMON_FIELDS,
  commonSettingsFrom,
  invalidDirectory as invalid,
  text,
  type DirectoryInput,
  type DirectoryKind,
} from '../directory-kind.js';
import { createLdapDirectory } from './ldap-directory.js';
import type { LdapSettings } from './ldap-settings.js';

export const ldapInput = z.strictObject({
  ...commonInput,
  url: text(500),
  startTls: z.boolean().optional(),
  allowPlain: z.boolean().optional(),
  bindDn: text(500).min(1),
  bindPassword: z.string().min(1).max(1000),
  baseDn: text(500).min(1),
  userFilter: text(1000).min(1),
  usernameAttribute: attributeName.optional(),
  displayNameAttribute: attributeName.optional(),
  emailAttribute: attributeName.optional(),
  groupBaseDn: text(500).optional(),
  groupFilter: text(1000).optional(),
});
export type LdapInput = z.infer<typeof ldapInput>;

function checkFilter(filter: string, what: string, placeholders: string[]): void {
  if (!placeholders.some((p) => filter.includes(p)))
    throw invalid(`The ${what} must contain ${placeholders.join(' or ')}.`);
  let sample = filter;
  for (const p of placeholders) sample = sample.split(p).join('x');
  try {
    FilterParser.parseString(sample);
  } catch (err) {
    throw invalid(`The ${what} is not a valid LDAP filter: ${(err as Error).message}`);
  }
}

/** Complete LDAP settings from the administrator's input (422 when they do not fit together). */
export function ldapSettingsFrom(input: LdapInput): LdapSettings {
  let url: URL;
  try {
    url = new URL(input.url.trim());
  } catch {
    throw invalid(`"${input.url}" is not an LDAP URL like ldaps://dc1.example.com:636.`);
  }
  if (url.protocol !== 'ldap:' && url.protocol !== 'ldaps:')
    throw invalid('The URL must start with ldaps:// (or ldap:// with StartTLS).');
  if ((url.pathname !== '' && url.pathname !== '/') || url.search !== '')
    throw invalid('The URL names the server only (scheme, host, port); the base DN is separate.');
  const security =
    url.protocol === 'ldaps:' ? 'ldaps' : input.startTls ? 'starttls' : ('plain' as const);
  if (url.protocol === 'ldaps:' && input.startTls)
    throw invalid('StartTLS is for ldap:// URLs; an ldaps:// URL is already encrypted.');
  if (security === 'plain' && !input.allowPlain)
    throw invalid(
      'Plain LDAP sends passwords in clear text: use ldaps://, or ldap:// with StartTLS, or allow plain LDAP explicitly.',
    );
  checkFilter(input.userFilter, 'user filter', ['{username}']);
  const groupFilter = input.groupFilter?.trim() ?? '';
  const groupBaseDn = input.groupBaseDn?.trim() ?? '';
  if (groupFilter !== '' || groupBaseDn !== '') {
    if (groupFilter === '' || groupBaseDn === '')
      throw invalid('A group search needs both a group base DN and a group filter.');
    checkFilter(groupFilter, 'group filter', ['{dn}', '{username}']);
  }
  return {
    url: `${url.protocol}//${url.host}`,
    security,
    allowPlain: input.allowPlain ?? false,
    bindDn: input.bindDn.trim(),
    bindPassword: input.bindPassword,
    baseDn: input.baseDn.trim(),
    userFilter: input.userFilter.trim(),
    usernameAttribute: input.usernameAttribute || 'uid',
    displayNameAttribute: input.displayNameAttribute || 'displayName',
    emailAttribute: input.emailAttribute || 'mail',
    groupSource: groupFilter === '' ? 'memberOf' : 'search',
    groupBaseDn,
    groupFilter,
    ...commonSettingsFrom(input),
  };
}

export const ldapKind: DirectoryKind = {
  name: 'ldap',
  label: 'LDAP',
  title: { en: 'Add LDAP / Active Directory', de: 'LDAP / Active Directory hinzufügen' },
  fields: [
    { ...COMMON_FIELDS.name, row: 1 },
    { ...COMMON_FIELDS.url, row: 1 },
    {
      name: 'startTls',
      type: 'flag',
      row: 2,
      label: { en: 'StartTLS (for ldap://)', de: 'StartTLS (für ldap://)' },
    },
    { ...COMMON_FIELDS.allowPlain, row: 2 },
    {
      name: 'bindDn',
      type: 'text',
      required: true,
      row: 3,
      label: { en: 'Service account (bind DN)', de: 'Dienstkonto (Bind-DN)' },
    },
    {
      name: 'bindPassword',
      type: 'secret',
      required: true,
      row: 3,
      label: { en: 'Service account password', de: 'Passwort des Dienstkontos' },
    },
    {
      name: 'baseDn',
      type: 'text',
      required: true,
      row: 4,
      label: { en: 'Base DN', de: 'Basis-DN' },
    },
    {
      name: 'userFilter',
      type: 'text',
      required: true,
      row: 4,
      label: { en: 'User filter (with {username})', de: 'Benutzerfilter (mit {username})' },
    },
    { ...COMMON_FIELDS.adminGroup, row: 5 },
    { ...COMMON_FIELDS.secSignIdAttribute, row: 5 },
    {
      name: 'groupBaseDn',
      type: 'text',
      row: 6,
      label: {
        en: 'Group base DN (optional: else memberOf)',
        de: 'Basis-DN der Gruppen (optional: sonst memberOf)',
      },
    },
    {
      name: 'groupFilter',
      type: 'text',
      row: 6,
      label: {
        en: 'Group filter (with {dn} or {username})',
        de: 'Gruppenfilter (mit {dn} oder {username})',
      },
    },
    COMMON_FIELDS.caPem,
    { name: 'usernameAttribute', type: 'text' },
    { name: 'displayNameAttribute', type: 'text' },
    { name: 'emailAttribute', type: 'text' },
    COMMON_FIELDS.timeoutMs,
  ],
  input: ldapInput,
  secret: 'bindPassword',
  usage: `  directory add ldap --url ldaps://HOST[:PORT] --bind-dn DN --bind-password-stdin --base-dn DN
                     --user-filter FILTER [--name NAME] [--start-tls] [--allow-plain] [--ca-file PEM]
                     [--username-attribute uid] [--display-name-attribute displayName]
                     [--email-attribute mail] [--secsign-id-attribute ATTR] [--admin-group GROUP]
                     [--group-base-dn DN --group-filter FILTER] [--timeout-ms 5000] [--disabled]
                     FILTER contains {username}, e.g. "(&(objectClass=person)(sAMAccountName={username}))";
                     a group filter contains {dn} or {username}; without one, memberOf is read.
                     ldap:// needs --start-tls, or --allow-plain (passwords in clear text).`,
  settingsFrom: (input: DirectoryInput) => ({ ...ldapSettingsFrom(input as LdapInput) }),
  open: (id, settings) => createLdapDirectory(id, settings as unknown as LdapSettings),
};
