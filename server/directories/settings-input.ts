/**
 * What an administrator types to add an LDAP or Crowd directory (admin API and CLI alike): the
 * shapes as zod schemas, then the rules that turn them into complete settings — the URL's scheme
 * and the protection agree, plain LDAP only when explicitly allowed, the user filter holds
 * `{username}` and parses, a group search has a base and a filter, the time-out is bounded.
 * Refusals are 422 `invalid_directory` with a sentence saying what to fix.
 */
import { FilterParser } from 'ldapts';
import { z } from 'zod';
import { AppError } from '../platform/errors.js';
import type { CrowdSettings, LdapSettings } from './types.js';

const text = (max: number) => z.string().max(max);
const attr = z
  .string()
  .max(100)
  .regex(/^$|^[A-Za-z][A-Za-z0-9-]*$/, 'an attribute name (letters, digits, -)');

export const DEFAULT_TIMEOUT_MS = 5000;
export const MIN_TIMEOUT_MS = 200;
export const MAX_TIMEOUT_MS = 30_000;

const common = {
  name: text(100).min(1),
  enabled: z.boolean().optional(),
  caPem: text(20_000).optional(),
  secSignIdAttribute: attr.optional(),
  adminGroup: text(500).optional(),
  timeoutMs: z.number().int().min(MIN_TIMEOUT_MS).max(MAX_TIMEOUT_MS).optional(),
};

export const ldapInput = z.strictObject({
  ...common,
  url: text(500),
  startTls: z.boolean().optional(),
  allowPlain: z.boolean().optional(),
  bindDn: text(500).min(1),
  bindPassword: z.string().min(1).max(1000),
  baseDn: text(500).min(1),
  userFilter: text(1000).min(1),
  usernameAttribute: attr.optional(),
  displayNameAttribute: attr.optional(),
  emailAttribute: attr.optional(),
  groupBaseDn: text(500).optional(),
  groupFilter: text(1000).optional(),
});
export type LdapInput = z.infer<typeof ldapInput>;

export const crowdInput = z.strictObject({
  ...common,
  url: text(500),
  applicationName: text(200).min(1),
  applicationPassword: z.string().min(1).max(1000),
  allowPlain: z.boolean().optional(),
});
export type CrowdInput = z.infer<typeof crowdInput>;

const invalid = (message: string) => new AppError(422, 'invalid_directory', message);

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
    caPem: input.caPem?.trim() ?? '',
    bindDn: input.bindDn.trim(),
    bindPassword: input.bindPassword,
    baseDn: input.baseDn.trim(),
    userFilter: input.userFilter.trim(),
    usernameAttribute: input.usernameAttribute || 'uid',
    displayNameAttribute: input.displayNameAttribute || 'displayName',
    emailAttribute: input.emailAttribute || 'mail',
    secSignIdAttribute: input.secSignIdAttribute ?? '',
    groupSource: groupFilter === '' ? 'memberOf' : 'search',
    groupBaseDn,
    groupFilter,
    adminGroup: input.adminGroup?.trim() ?? '',
    timeoutMs: input.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  };
}

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
    caPem: input.caPem?.trim() ?? '',
    secSignIdAttribute: input.secSignIdAttribute ?? '',
    adminGroup: input.adminGroup?.trim() ?? '',
    timeoutMs: input.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  };
}

/** Turns zod's complaints into one 422 naming the fields (for the CLI, which has no validator). */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const fields = r.error.issues.map(
    (i) => `${i.path.map(String).join('.') || '(input)'}: ${i.message}`,
  );
  throw invalid(`Some settings are missing or malformed — ${fields.join('; ')}.`);
}
