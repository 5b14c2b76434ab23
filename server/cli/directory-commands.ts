/**
 * `ipsafezone directory …`: add a directory of any kind (LDAP / Active Directory, Crowd: the kinds
 * in server/directories/kinds.ts, whose fields give `directory add <kind>` its flags and help),
 * list, test, enable, disable and remove them, through the same directory service as the admin
 * API. Passwords come from standard input only (never from the command line, where `ps` and shell
 * history see them) and are stored sealed with IPSAFEZONE_SECRET_KEY.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import { CLI_ACTOR } from '../domain/actor.js';
import { AppError } from '../platform/errors.js';
import {
  addDirectory,
  listDirectoryViews,
  moveDirectory,
  removeDirectory,
  setDirectoryEnabled,
  type DirectoryView,
} from '../directories/directory-service.js';
import { testDirectoryConnection, testDirectoryUser } from '../directories/directory-tests.js';
import { secretBoxFor } from '../directories/open-directory.js';
import { DIRECTORY_KINDS, directoryKind } from '../directories/kinds.js';
import { flagOf, parseInput, type DirectoryKind } from '../directories/directory-kind.js';
import { readPassword, table, UsageError, type CliIo } from './io.js';

export const DIRECTORY_HELP = `Usage: ipsafezone directory <command>

${DIRECTORY_KINDS.map((k) => k.usage).join('\n')}
  directory list [--json]           the directories in the order they are asked (after local users)
  directory test NAME [--user NAME [--password-stdin]]
                                    connect as the service account / application; with --user,
                                    show what the directory knows (and check the password)
  directory enable NAME | disable NAME
  directory move NAME POSITION      ask it at POSITION (1 = first after the local users)
  directory remove NAME             delete it; users who came from it are disabled

Environment:
  IPSAFEZONE_SECRET_KEY  key that seals the stored bind / application password (32+ characters)`;

function need(value: string | undefined, flag: string): string {
  if (!value) throw new UsageError(`directory add needs ${flag}`, DIRECTORY_HELP);
  return value;
}

function timeout(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} expects milliseconds, got "${value}"`);
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

/** `directory add <kind>`'s flags: one per field of the kind, and `--disabled`. */
function optionsOf(kind: DirectoryKind): NonNullable<ParseArgsConfig['options']> {
  const options: NonNullable<ParseArgsConfig['options']> = { disabled: { type: 'boolean' } };
  for (const f of kind.fields) {
    if (f.type === 'secret') options[`${flagOf(f)}-stdin`] = { type: 'boolean' };
    else options[flagOf(f)] = { type: f.type === 'flag' ? 'boolean' : 'string' };
  }
  return options;
}

/** The kind's input from the command line: required flags first, the secret last, from stdin. */
async function inputFrom(kind: DirectoryKind, io: CliIo, args: string[]): Promise<unknown> {
  const { values: v } = parseArgs({ args, options: optionsOf(kind) });
  const str = (flag: string) => (typeof v[flag] === 'string' ? v[flag] : undefined);
  const input: Record<string, unknown> = { enabled: !v.disabled };
  let secretField: { name: string; flag: string } | null = null;
  for (const f of kind.fields) {
    const flag = flagOf(f);
    if (f.type === 'secret') secretField = { name: f.name, flag: `--${flag}-stdin` };
    else if (f.type === 'flag') input[f.name] = v[flag];
    else if (f.type === 'pem')
      input[f.name] = str(flag) ? await readFile(str(flag)!, 'utf8') : undefined;
    else if (f.type === 'number') input[f.name] = timeout(str(flag), `--${flag}`);
    else if (f.required && f.name !== 'name') input[f.name] = need(str(flag), `--${flag}`);
    else input[f.name] = str(flag);
  }
  const url = typeof input.url === 'string' ? input.url : '';
  input.name ??= defaultName(kind.label, url);
  if (secretField) {
    const given = v[secretField.flag.slice(2)];
    input[secretField.name] = await secret(io, secretField.flag, given === true);
  }
  return input;
}

async function add(db: Database, clock: Clock, io: CliIo, args: string[]): Promise<DirectoryView> {
  const [name, ...rest] = args;
  const kind = directoryKind(name ?? '');
  if (!kind) {
    const names = DIRECTORY_KINDS.map((k) => k.name).join(' or ');
    throw new UsageError(`directory add needs a kind: ${names}`, DIRECTORY_HELP);
  }
  const box = secretBoxFor({ secretKey: io.env['IPSAFEZONE_SECRET_KEY']?.trim() ?? '' });
  const input = parseInput(kind.input, await inputFrom(kind, io, rest));
  return addDirectory(db, clock, box, CLI_ACTOR, kind.name, input);
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
        `Added ${directoryKind(d.kind)?.label ?? d.kind} directory ${d.name} (${where(d)}), asked in position ${d.position} after the local users.`,
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
