/**
 * `ipsafezone directory …`: add an LDAP / Active Directory or Crowd directory, list, test, enable,
 * disable and remove them, through the same directory service as the admin API. Passwords come
 * from standard input only (never from the command line, where `ps` and shell history see them)
 * and are stored sealed with IPSAFEZONE_SECRET_KEY.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import { CLI_ACTOR } from '../domain/actor.js';
import { AppError } from '../platform/errors.js';
import {
  addCrowdDirectory,
  addLdapDirectory,
  listDirectoryViews,
  moveDirectory,
  removeDirectory,
  setDirectoryEnabled,
  type DirectoryView,
} from '../directories/directory-service.js';
import { testDirectoryConnection, testDirectoryUser } from '../directories/directory-tests.js';
import { secretBoxFor } from '../directories/open-directory.js';
import { crowdInput, ldapInput, parseInput } from '../directories/settings-input.js';
import { readPassword, table, UsageError, type CliIo } from './io.js';

export const DIRECTORY_HELP = `Usage: ipsafezone directory <command>

  directory add ldap --url ldaps://HOST[:PORT] --bind-dn DN --bind-password-stdin --base-dn DN
                     --user-filter FILTER [--name NAME] [--start-tls] [--allow-plain] [--ca-file PEM]
                     [--username-attribute uid] [--display-name-attribute displayName]
                     [--email-attribute mail] [--secsign-id-attribute ATTR] [--admin-group GROUP]
                     [--group-base-dn DN --group-filter FILTER] [--timeout-ms 5000] [--disabled]
                     FILTER contains {username}, e.g. "(&(objectClass=person)(sAMAccountName={username}))";
                     a group filter contains {dn} or {username}; without one, memberOf is read.
                     ldap:// needs --start-tls, or --allow-plain (passwords in clear text).
  directory add crowd --url https://HOST/crowd --application NAME --application-password-stdin
                     [--name NAME] [--allow-plain] [--ca-file PEM] [--secsign-id-attribute ATTR]
                     [--admin-group GROUP] [--timeout-ms 5000] [--disabled]
                     Crowd, or Jira as "Jira user server" (the URL is Jira's base URL).
  directory list [--json]           the directories in the order they are asked (after local users)
  directory test NAME [--user NAME [--password-stdin]]
                                    connect as the service account / application; with --user,
                                    show what the directory knows (and check the password)
  directory enable NAME | disable NAME
  directory move NAME POSITION      ask it at POSITION (1 = first after the local users)
  directory remove NAME             delete it; users who came from it are disabled

Environment:
  IPSAFEZONE_SECRET_KEY  key that seals the stored bind / application password (32+ characters)`;

const COMMON = {
  name: { type: 'string' },
  url: { type: 'string' },
  'allow-plain': { type: 'boolean' },
  'ca-file': { type: 'string' },
  'secsign-id-attribute': { type: 'string' },
  'admin-group': { type: 'string' },
  'timeout-ms': { type: 'string' },
  disabled: { type: 'boolean' },
} as const;

function need(value: string | undefined, flag: string): string {
  if (!value) throw new UsageError(`directory add needs ${flag}`, DIRECTORY_HELP);
  return value;
}

function timeout(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value))
    throw new UsageError(`--timeout-ms expects milliseconds, got "${value}"`);
  return Number(value);
}

const defaultName = (kind: string, url: string) => {
  try {
    return `${kind} ${new URL(url).host}`;
  } catch {
    return kind;
  }
};

async function secret(io: CliIo, flag: string, given: boolean | undefined): Promise<string> {
  if (!given) throw new UsageError(`directory add needs ${flag} (the password on standard input)`);
  const value = await readPassword(io);
  if (value === '') throw new UsageError('the password on standard input is empty');
  return value;
}

async function add(db: Database, clock: Clock, io: CliIo, args: string[]): Promise<DirectoryView> {
  const [kind, ...rest] = args;
  const box = secretBoxFor({ secretKey: io.env['IPSAFEZONE_SECRET_KEY']?.trim() ?? '' });
  if (kind === 'ldap') {
    const { values: v } = parseArgs({
      args: rest,
      options: {
        ...COMMON,
        'start-tls': { type: 'boolean' },
        'bind-dn': { type: 'string' },
        'bind-password-stdin': { type: 'boolean' },
        'base-dn': { type: 'string' },
        'user-filter': { type: 'string' },
        'username-attribute': { type: 'string' },
        'display-name-attribute': { type: 'string' },
        'email-attribute': { type: 'string' },
        'group-base-dn': { type: 'string' },
        'group-filter': { type: 'string' },
      },
    });
    const url = need(v.url, '--url');
    const input = parseInput(ldapInput, {
      name: v.name ?? defaultName('LDAP', url),
      url,
      startTls: v['start-tls'],
      allowPlain: v['allow-plain'],
      caPem: v['ca-file'] ? await readFile(v['ca-file'], 'utf8') : undefined,
      bindDn: need(v['bind-dn'], '--bind-dn'),
      baseDn: need(v['base-dn'], '--base-dn'),
      userFilter: need(v['user-filter'], '--user-filter'),
      usernameAttribute: v['username-attribute'],
      displayNameAttribute: v['display-name-attribute'],
      emailAttribute: v['email-attribute'],
      secSignIdAttribute: v['secsign-id-attribute'],
      groupBaseDn: v['group-base-dn'],
      groupFilter: v['group-filter'],
      adminGroup: v['admin-group'],
      timeoutMs: timeout(v['timeout-ms']),
      enabled: !v.disabled,
      bindPassword: await secret(io, '--bind-password-stdin', v['bind-password-stdin']),
    });
    return addLdapDirectory(db, clock, box, CLI_ACTOR, input);
  }
  if (kind === 'crowd') {
    const { values: v } = parseArgs({
      args: rest,
      options: {
        ...COMMON,
        application: { type: 'string' },
        'application-password-stdin': { type: 'boolean' },
      },
    });
    const url = need(v.url, '--url');
    const input = parseInput(crowdInput, {
      name: v.name ?? defaultName('Crowd', url),
      url,
      allowPlain: v['allow-plain'],
      caPem: v['ca-file'] ? await readFile(v['ca-file'], 'utf8') : undefined,
      applicationName: need(v.application, '--application'),
      secSignIdAttribute: v['secsign-id-attribute'],
      adminGroup: v['admin-group'],
      timeoutMs: timeout(v['timeout-ms']),
      enabled: !v.disabled,
      applicationPassword: await secret(
        io,
        '--application-password-stdin',
        v['application-password-stdin'],
      ),
    });
    return addCrowdDirectory(db, clock, box, CLI_ACTOR, input);
  }
  throw new UsageError('directory add needs a kind: ldap or crowd', DIRECTORY_HELP);
}

const where = (d: DirectoryView) =>
  typeof d.settings['url'] === 'string' ? d.settings['url'] : '';

/** Runs one `directory` sub-command. */
export async function directoryCommand(
  db: Database,
  clock: Clock,
  io: CliIo,
  args: string[],
): Promise<void> {
  const [sub, ...rest] = args;
  const box = () => secretBoxFor({ secretKey: io.env['IPSAFEZONE_SECRET_KEY']?.trim() ?? '' });
  const nameArg = () => {
    const [name] = parseArgs({ args: rest.slice(0, 1), allowPositionals: true }).positionals;
    if (!name) throw new UsageError(`directory ${sub} needs NAME`, DIRECTORY_HELP);
    return name;
  };
  switch (sub) {
    case 'add': {
      const d = await add(db, clock, io, rest);
      io.out(
        `Added ${d.kind === 'ldap' ? 'LDAP' : 'Crowd'} directory ${d.name} (${where(d)}), asked in position ${d.position} after the local users.`,
      );
      io.out(`Check it with: ipsafezone directory test "${d.name}" --user SOMEONE`);
      return;
    }
    case 'list': {
      const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean' } } });
      const all = await listDirectoryViews(db);
      if (values.json) return io.out(JSON.stringify(all));
      if (all.length === 0)
        return io.out('No directories: only local users sign in with a password.');
      for (const line of table(
        ['#', 'NAME', 'KIND', 'ENABLED', 'URL'],
        all.map((d) => [String(d.position), d.name, d.kind, d.enabled ? 'yes' : 'no', where(d)]),
      ))
        io.out(line);
      return;
    }
    case 'test': {
      const name = nameArg();
      const { values } = parseArgs({
        args: rest.slice(1),
        options: { user: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
      });
      const conn = await testDirectoryConnection(db, box(), name);
      io.out(`${conn.ok ? 'OK' : 'FAILED'}: ${conn.message}`);
      let ok = conn.ok;
      if (conn.ok && values.user) {
        const password = values['password-stdin'] ? await readPassword(io) : undefined;
        const r = await testDirectoryUser(db, box(), name, values.user, password);
        io.out(`${r.ok ? 'OK' : 'FAILED'}: ${r.message}`);
        if (r.lookup?.user) {
          const u = r.lookup.user;
          io.out(`  user name:    ${u.username}`);
          io.out(`  display name: ${u.displayName}`);
          io.out(`  e-mail:       ${u.email}`);
          io.out(`  groups:       ${u.groups.join(', ') || '(none)'}`);
          io.out(
            `  admin:        ${u.admin === null ? '(not decided by the directory)' : u.admin ? 'yes' : 'no'}`,
          );
          if (u.secSignId !== undefined) io.out(`  SecSign ID:   ${u.secSignId ?? '(none)'}`);
          if (u.disabled) io.out('  disabled in the directory');
        }
        ok = r.ok;
      }
      if (!ok) throw new AppError(503, 'directory_test_failed', 'The directory test failed.');
      return;
    }
    case 'enable':
    case 'disable': {
      const d = await setDirectoryEnabled(db, clock, CLI_ACTOR, nameArg(), sub === 'enable');
      io.out(`Directory ${d.name} is ${d.enabled ? 'enabled' : 'disabled'}.`);
      return;
    }
    case 'move': {
      const name = nameArg();
      const position = rest[1];
      if (!position || !/^\d+$/.test(position))
        throw new UsageError('directory move needs NAME POSITION (a number)', DIRECTORY_HELP);
      const all = await moveDirectory(db, clock, CLI_ACTOR, name, Number(position));
      io.out(`Order: ${all.map((d) => `${d.position}. ${d.name}`).join(', ')}`);
      return;
    }
    case 'remove': {
      const name = nameArg();
      await removeDirectory(db, clock, CLI_ACTOR, name);
      io.out(`Removed directory ${name}; users who came from it are disabled.`);
      return;
    }
    default:
      throw new UsageError(
        sub ? `unknown directory command "${sub}"` : 'directory needs a command',
        DIRECTORY_HELP,
      );
  }
}
