/**
 * `ipsafezone user …`: add, list, set or clear a SecSign ID, set the role, disable or enable,
 * set a password, delete. Each goes through the same domain functions as the admin API.
 */
import { parseArgs } from 'node:util';
import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import { CLI_ACTOR } from '../domain/actor.js';
import { userNotFound } from '../domain/errors.js';
import {
  changeSecSignId,
  createUser,
  deleteUser,
  setPassword,
  updateUser,
} from '../domain/users-service.js';
import { resetFactors } from '../domain/factor-changes.js';
import { findUserByUsername, listUsers, type UserRecord } from '../store/users.js';
import { cliSecSignIdCheck } from './secsign-commands.js';
import { readPassword, table, UsageError, type CliIo } from './io.js';

export const USER_HELP = `Usage: ipsafezone user <command>

  user add --username NAME --password-stdin [--admin] [--secsign-id ID] [--email E] [--name "Display Name"]
                                   create a user; the password is read from standard input
  user list [--json]               list all users
  user set-secsign-id NAME ID      assign a SecSign ID (trimmed, lower-cased; one user per ID)
  user clear-secsign-id NAME       remove the user's SecSign ID
  user set-role NAME admin|user    make an administrator or a user
  user disable NAME                block the account
  user enable NAME                 unblock the account
  user set-password NAME --password-stdin
  user reset-factors NAME          remove the user's authenticator apps, passkeys and recovery
                                   codes (the SecSign ID stays) and end their sessions
  user delete NAME

The last enabled administrator who can sign in from outside (a SecSign ID, a passkey or an
authenticator app, as the outside policy allows) cannot lose that, be demoted, disabled or deleted.`;

async function byName(db: Database, name: string | undefined): Promise<UserRecord> {
  if (!name) throw new UsageError('name the user', USER_HELP);
  const user = await findUserByUsername(db, name);
  if (!user) throw userNotFound();
  return user;
}

/** Runs one `user` sub-command. */
export async function userCommand(
  db: Database,
  clock: Clock,
  io: CliIo,
  args: string[],
): Promise<void> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'add': {
      const { values } = parseArgs({
        args: rest,
        options: {
          username: { type: 'string' },
          'password-stdin': { type: 'boolean' },
          admin: { type: 'boolean' },
          'secsign-id': { type: 'string' },
          email: { type: 'string' },
          name: { type: 'string' },
        },
        strict: true,
        allowPositionals: false,
      });
      if (!values.username) throw new UsageError('user add needs --username NAME', USER_HELP);
      if (!values['password-stdin'])
        throw new UsageError(
          'user add needs --password-stdin (the password is read from standard input, never from the command line)',
          USER_HELP,
        );
      const password = await readPassword(io);
      const check = await cliSecSignIdCheck(db, io.env, values['secsign-id']);
      const user = await createUser(db, clock, CLI_ACTOR, {
        username: values.username,
        password,
        role: values.admin ? 'admin' : 'user',
        secSignId: values['secsign-id'] ?? null,
        email: values.email ?? '',
        displayName: values.name ?? '',
      });
      io.out(
        `Created ${user.role === 'admin' ? 'administrator' : 'user'} ${user.username}` +
          (user.secSignId ? ` with SecSign ID ${user.secSignId}.` : ' (no SecSign ID).'),
      );
      if (check && !check.checked) io.err(`note: ${check.message}`);
      return;
    }
    case 'list': {
      const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean' } } });
      const all: UserRecord[] = [];
      for (let offset = 0; ; offset += 500) {
        const page = await listUsers(db, { offset, limit: 500 });
        all.push(...page.users);
        if (page.users.length < 500) break;
      }
      if (values.json) {
        io.out(JSON.stringify(all.map(({ passwordHash: _h, ...u }) => u)));
        return;
      }
      if (all.length === 0) {
        io.out('No users.');
        return;
      }
      for (const line of table(
        ['USERNAME', 'ROLE', 'DISABLED', 'SECSIGN ID', 'EMAIL', 'NAME'],
        all.map((u) => [
          u.username,
          u.role,
          u.disabled ? 'yes' : 'no',
          u.secSignId ?? '-',
          u.email || '-',
          u.displayName || '-',
        ]),
      ))
        io.out(line);
      return;
    }
    case 'set-secsign-id': {
      const [name, id] = parseArgs({ args: rest, allowPositionals: true }).positionals;
      if (!id) throw new UsageError('user set-secsign-id needs NAME and ID', USER_HELP);
      const check = await cliSecSignIdCheck(db, io.env, id);
      const user = await changeSecSignId(db, clock, CLI_ACTOR, (await byName(db, name)).id, id);
      io.out(`${user.username} now has the SecSign ID ${user.secSignId}.`);
      if (check && !check.checked) io.err(`note: ${check.message}`);
      return;
    }
    case 'clear-secsign-id': {
      const [name] = parseArgs({ args: rest, allowPositionals: true }).positionals;
      const user = await changeSecSignId(db, clock, CLI_ACTOR, (await byName(db, name)).id, null);
      io.out(`${user.username} has no SecSign ID now.`);
      return;
    }
    case 'set-role': {
      const [name, role] = parseArgs({ args: rest, allowPositionals: true }).positionals;
      if (role !== 'admin' && role !== 'user')
        throw new UsageError('user set-role needs NAME and admin or user', USER_HELP);
      const user = await updateUser(db, clock, CLI_ACTOR, (await byName(db, name)).id, { role });
      io.out(`${user.username} is now ${role === 'admin' ? 'an administrator' : 'a user'}.`);
      return;
    }
    case 'disable':
    case 'enable': {
      const [name] = parseArgs({ args: rest, allowPositionals: true }).positionals;
      const user = await updateUser(db, clock, CLI_ACTOR, (await byName(db, name)).id, {
        disabled: sub === 'disable',
      });
      io.out(`${user.username} is ${user.disabled ? 'disabled' : 'enabled'}.`);
      return;
    }
    case 'set-password': {
      const { values, positionals } = parseArgs({
        args: rest,
        options: { 'password-stdin': { type: 'boolean' } },
        allowPositionals: true,
      });
      if (!values['password-stdin'])
        throw new UsageError('user set-password needs --password-stdin', USER_HELP);
      const user = await byName(db, positionals[0]);
      await setPassword(db, clock, CLI_ACTOR, user.id, await readPassword(io));
      io.out(`The password of ${user.username} was changed.`);
      return;
    }
    case 'reset-factors': {
      const [name] = parseArgs({ args: rest, allowPositionals: true }).positionals;
      const user = await byName(db, name);
      await resetFactors(db, clock, CLI_ACTOR, user.id);
      io.out(
        `The authenticator apps, passkeys and recovery codes of ${user.username} were removed; their sessions ended.`,
      );
      return;
    }
    case 'delete': {
      const [name] = parseArgs({ args: rest, allowPositionals: true }).positionals;
      const user = await byName(db, name);
      await deleteUser(db, clock, CLI_ACTOR, user.id);
      io.out(`${user.username} was deleted.`);
      return;
    }
    default:
      throw new UsageError(
        sub ? `unknown command "user ${sub}"` : 'name a user command',
        USER_HELP,
      );
  }
}
