/**
 * LDAP / Active Directory as a `PasswordDirectory`: search-then-bind. The service account finds
 * the user's entry with the configured filter (the typed name escaped with ldapts' filter
 * escaping, so `*)(uid=*` is a name, not a filter), then ipsafezone binds as that entry with the
 * typed password. An empty password never reaches LDAP (a simple bind with an empty password is an
 * anonymous bind that succeeds on many servers). A filter that matches two entries is refused:
 * ipsafezone never picks one. Names, e-mail, groups (memberOf or a group search keyed by the
 * entry's own user name), the admin group and optionally the SecSign ID come from the entry. An
 * unknown name costs the same binds as a wrong password.
 */
import {
  Filter,
  InvalidCredentialsError,
  SizeLimitExceededError,
  type Client,
  type Entry,
} from 'ldapts';
import type { DirectoryResult, DirectoryUser } from '../password-directory.js';
import { describeLdapFault, withServiceConnection } from './ldap-connection.js';
import { DirectoryError, type DirectoryLookup, type ExternalDirectory } from '../types.js';
import type { LdapSettings } from './ldap-settings.js';
import { groupNameFromDn, isAdminGroup, usableUsername } from '../user-name.js';

/** Active Directory's userAccountControl flag for a disabled account. */
const ACCOUNTDISABLE = 0x2;

function values(entry: Entry, attribute: string): string[] {
  const key = Object.keys(entry).find((k) => k.toLowerCase() === attribute.toLowerCase());
  if (key === undefined || key === 'dn') return [];
  const v = entry[key]!;
  const list = Array.isArray(v) ? v : [v];
  return list.map((x) => (Buffer.isBuffer(x) ? x.toString('utf8') : String(x)));
}

const first = (entry: Entry, attribute: string): string =>
  attribute === '' ? '' : (values(entry, attribute)[0] ?? '').trim();

/** The configured filter with the (escaped) user name in place of every `{username}`. */
export function userFilterFor(s: LdapSettings, username: string): string {
  const escaped = Filter.escape(username);
  return s.userFilter.split('{username}').join(escaped);
}

type Found =
  { kind: 'none' } | { kind: 'ambiguous'; count: number } | { kind: 'one'; entry: Entry };

async function findEntry(client: Client, s: LdapSettings, username: string): Promise<Found> {
  const attributes = [
    s.usernameAttribute,
    s.displayNameAttribute,
    s.emailAttribute,
    'memberOf',
    'userAccountControl',
    ...(s.secSignIdAttribute ? [s.secSignIdAttribute] : []),
  ];
  let entries: Entry[];
  try {
    ({ searchEntries: entries } = await client.search(s.baseDn, {
      scope: 'sub',
      filter: userFilterFor(s, username),
      attributes,
      sizeLimit: 2,
      timeLimit: Math.max(1, Math.ceil(s.timeoutMs / 1000)),
    }));
  } catch (err) {
    if (err instanceof SizeLimitExceededError) return { kind: 'ambiguous', count: 2 };
    throw err;
  }
  if (entries.length === 0) return { kind: 'none' };
  if (entries.length > 1) return { kind: 'ambiguous', count: entries.length };
  return { kind: 'one', entry: entries[0]! };
}

/**
 * The DNs of the entry's groups: `memberOf`, or a group search (as the service account). The
 * search's `{username}` is the directory's own user name — the entry's user-name attribute — never
 * the name as typed: `memberUid` is case-sensitive, and the name may have been typed as an e-mail
 * address (issue 23, item 9).
 */
async function groupDnsOf(client: Client, s: LdapSettings, entry: Entry, typed: string) {
  if (s.groupSource !== 'search') return values(entry, 'memberOf');
  const own = first(entry, s.usernameAttribute) || typed;
  const filter = s.groupFilter
    .split('{dn}')
    .join(Filter.escape(entry.dn))
    .split('{username}')
    .join(Filter.escape(own));
  const { searchEntries } = await client.search(s.groupBaseDn, {
    scope: 'sub',
    filter,
    attributes: ['cn'],
    sizeLimit: 1000,
  });
  return searchEntries.map((g) => g.dn);
}

/**
 * For a name the directory does not know, the bind a known name would cost, against a DN that
 * does not exist (refused like a wrong password): the number of round trips does not tell which
 * names exist (issue 23). Its outcome is not used.
 */
async function bindLikeAKnownName(client: Client, s: LdapSettings, password: string) {
  try {
    await client.bind(`cn=ipsafezone-no-such-user,${s.baseDn}`, password);
  } catch {
    // Refused, as it must be.
  }
}

function userFrom(s: LdapSettings, typed: string, entry: Entry, groupDns: string[]): DirectoryUser {
  const groups = groupDns.map(groupNameFromDn);
  const uac = Number(first(entry, 'userAccountControl') || '0');
  const user: DirectoryUser = {
    username: first(entry, s.usernameAttribute) || typed,
    displayName: first(entry, s.displayNameAttribute),
    email: first(entry, s.emailAttribute),
    groups,
    admin:
      s.adminGroup.trim() === '' ? null : groupDns.some((dn) => isAdminGroup(s.adminGroup, dn)),
    disabled: (uac & ACCOUNTDISABLE) !== 0,
  };
  if (s.secSignIdAttribute) user.secSignId = first(entry, s.secSignIdAttribute) || null;
  return user;
}

const AMBIGUOUS = (count: number) =>
  `The user filter matches ${count} or more entries for this user name; ipsafezone refuses to pick one. Make the filter match one entry per user.`;

export function createLdapDirectory(id: string, s: LdapSettings): ExternalDirectory {
  async function verify(username: string, password: string): Promise<DirectoryResult> {
    // An empty password would be an anonymous bind, which many servers accept.
    if (password === '') return { status: 'wrong_password' };
    const typed = usableUsername(username);
    if (typed === null) return { status: 'unknown_user' };
    try {
      return await withServiceConnection(s, async (client): Promise<DirectoryResult> => {
        const found = await findEntry(client, s, typed);
        if (found.kind === 'none') {
          await bindLikeAKnownName(client, s, password);
          return { status: 'unknown_user' };
        }
        if (found.kind === 'ambiguous')
          return { status: 'unavailable', reason: AMBIGUOUS(found.count) };
        try {
          await client.bind(found.entry.dn, password);
        } catch (err) {
          if (err instanceof InvalidCredentialsError) {
            const own = first(found.entry, s.usernameAttribute);
            return { status: 'wrong_password', ...(own ? { username: own } : {}) };
          }
          return { status: 'unavailable', reason: describeLdapFault(err) };
        }
        // The groups are read after the password held, as the service account again.
        if (s.groupSource === 'search') await client.bind(s.bindDn, s.bindPassword);
        const groupDns = await groupDnsOf(client, s, found.entry, typed);
        return { status: 'ok', user: userFrom(s, typed, found.entry, groupDns) };
      });
    } catch (err) {
      const reason = err instanceof DirectoryError ? err.message : describeLdapFault(err);
      return { status: 'unavailable', reason };
    }
  }

  return {
    id,
    kind: 'ldap',
    verify,
    async testConnection() {
      return withServiceConnection(s, async (client) => {
        const { searchEntries } = await client.search(s.baseDn, {
          scope: 'base',
          attributes: ['1.1'],
        });
        if (searchEntries.length === 0)
          throw new DirectoryError(`The base DN ${s.baseDn} was not found.`);
        return `Connected to ${s.url} (${s.security === 'plain' ? 'plain LDAP' : s.security === 'ldaps' ? 'LDAPS' : 'StartTLS'}), bound as ${s.bindDn}, base DN ${s.baseDn} found.`;
      });
    },
    async lookup(username): Promise<DirectoryLookup> {
      const typed = usableUsername(username);
      if (typed === null) return { found: false };
      return withServiceConnection(s, async (client) => {
        const found = await findEntry(client, s, typed);
        if (found.kind === 'none') return { found: false };
        if (found.kind === 'ambiguous') throw new DirectoryError(AMBIGUOUS(found.count));
        const groupDns = await groupDnsOf(client, s, found.entry, typed);
        return {
          found: true,
          reference: found.entry.dn,
          user: userFrom(s, typed, found.entry, groupDns),
        };
      });
    },
  };
}
