/**
 * The command line's dispatcher: picks the command, opens the database named by `DATABASE_URL`
 * (default `file:data/ipsafezone.db`, `DATABASE_AUTH_TOKEN` for a remote libSQL server), runs it,
 * and turns a refusal into its message on stderr and a non-zero exit status.
 */
import type { Database } from '../db/database.js';
import { systemClock, type Clock } from '../platform/clock.js';
import { DEFAULT_DATABASE_URL, openDatabase } from '../db/open.js';
import { toAppError } from '../platform/errors.js';
import { CHECK_IP_HELP, checkIpCommand } from './check-ip.js';
import { OIDC_HELP, oidcCommand } from './oidc-commands.js';
import { DIRECTORY_HELP, directoryCommand } from './directory-commands.js';
import { UsageError, type CliIo } from './io.js';
import { SETTINGS_HELP, settingsCommand } from './settings-commands.js';
import { USER_HELP, userCommand } from './user-commands.js';
import { ZONE_HELP, zoneCommand } from './zone-commands.js';
import { AUDIT_HELP, auditCommand } from './audit-commands.js';
import { CONFIG_HELP, ConfigProblems, configCommand } from './config-commands.js';
import { PROXY_CONFIG_HELP, proxyConfigCommand } from './proxy-config.js';
import { SECSIGN_HELP, secsignCommand } from './secsign-commands.js';
import { PREVIEW_HELP, previewCommand } from './preview-output.js';
import { DB_HELP, dbCommand } from './db-commands.js';
import { ENROLMENT_HELP, enrolmentCommand } from './enrolment-commands.js';
import { DRAFT_HELP, draftCommand } from './draft-commands.js';

export const MAIN_HELP = `Usage: ipsafezone <command> [options]

Commands:
  user      add, list, set-secsign-id, clear-secsign-id, set-role, disable, enable,
            set-password, delete
  zone      add, list, remove
  settings  show, set ipsafezone|2sa|users-change-own-id on|off, enrol-within N|off, …
  enrolment list: who has no second factor that counts outside (the enrolment campaign)
  directory add ldap|crowd, list, test, enable, disable, remove (LDAP / AD, Crowd passwords)
  check-ip  ADDRESS: which zone matches and what a login from there needs
  oidc      client add|list|remove|rotate-secret, keys list|rotate|reset (OpenID Connect)
  audit     export --before DATE (archive), purge --before DATE
  secsign   account (the PIN account for SecSign ID's REST API), status
  config    check: the effective configuration and every problem with it
  db        copy --to URL: everything into a new, empty database (e.g. PostgreSQL)
  proxy-config  nginx|apache --product jira|confluence|bitbucket …: the reverse-proxy
            configuration that puts the guard in front of the product
  preview   --trusted-proxies LIST: what other trusted proxies would have done to the
            last 30 days of sign-ins (zones and settings: --preview on zone and settings)
  draft     start|show|apply|discard: a draft of the policy in report-only mode

Run "ipsafezone <command> --help" for a command's options.

Environment:
  DATABASE_URL         default ${DEFAULT_DATABASE_URL}; postgres://… for PostgreSQL
  DATABASE_AUTH_TOKEN  token for a remote libSQL server
  IPSAFEZONE_SECRET_KEY  needed by "oidc keys rotate" and "secsign account" (sealed with it)`;

/** Exit statuses. */
export const EXIT = { ok: 0, refused: 1, usage: 2, failed: 3 } as const;

type Command = (db: Database, clock: Clock, io: CliIo, args: string[]) => Promise<void>;

const COMMANDS: Record<string, { run: Command; help: string }> = {
  user: { run: userCommand, help: USER_HELP },
  zone: { run: zoneCommand, help: ZONE_HELP },
  settings: { run: settingsCommand, help: SETTINGS_HELP },
  'check-ip': { run: checkIpCommand, help: CHECK_IP_HELP },
  oidc: { run: oidcCommand, help: OIDC_HELP },
  audit: { run: auditCommand, help: AUDIT_HELP },
  directory: { run: directoryCommand, help: DIRECTORY_HELP },
  'proxy-config': { run: proxyConfigCommand, help: PROXY_CONFIG_HELP },
  secsign: { run: secsignCommand, help: SECSIGN_HELP },
  preview: { run: previewCommand, help: PREVIEW_HELP },
  db: { run: dbCommand, help: DB_HELP },
  enrolment: { run: enrolmentCommand, help: ENROLMENT_HELP },
  draft: { run: draftCommand, help: DRAFT_HELP },
};

/** Commands that need no database. */
const OFFLINE: Record<string, { run: (io: CliIo, args: string[]) => void; help: string }> = {
  config: { run: configCommand, help: CONFIG_HELP },
};

/** Runs the command line `args` and returns the exit status. */
export async function runCli(
  args: string[],
  io: CliIo,
  clock: Clock = systemClock,
): Promise<number> {
  const [name, ...rest] = args;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(MAIN_HELP);
    return name ? EXIT.ok : EXIT.usage;
  }
  const offline = OFFLINE[name];
  if (offline) return runOffline(offline, io, rest);
  const command = COMMANDS[name];
  if (!command) {
    io.err(`ipsafezone: unknown command "${name}"\n\n${MAIN_HELP}`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.help);
    return EXIT.ok;
  }
  let db: Database | undefined;
  try {
    db = await openDatabase({
      url: io.env['DATABASE_URL']?.trim() || DEFAULT_DATABASE_URL,
      authToken: io.env['DATABASE_AUTH_TOKEN'] || undefined,
    });
    await command.run(db, clock, io, rest);
    return EXIT.ok;
  } catch (thrown) {
    const err = toAppError(thrown);
    if (err) {
      io.err(`ipsafezone: ${err.message} [${err.code}]`);
      if (err.logLine) {
        const { message, cause } = err.logLine;
        io.err(
          `  ${message}${cause === undefined ? '' : `: ${(cause as Error).message ?? cause}`}`,
        );
      }
      const problems = err.details?.['problems'];
      if (Array.isArray(problems) && problems.length > 1) {
        for (const p of problems as { index: number; text: string; message: string }[])
          io.err(`  range ${p.index + 1} "${p.text}": ${p.message}`);
      }
      return EXIT.refused;
    }
    if (thrown instanceof UsageError || (thrown instanceof TypeError && 'code' in thrown)) {
      io.err(`ipsafezone: ${thrown.message}`);
      if (thrown instanceof UsageError && thrown.help) io.err(`\n${thrown.help}`);
      else io.err(`\n${command.help}`);
      return EXIT.usage;
    }
    io.err(`ipsafezone: ${thrown instanceof Error ? thrown.message : String(thrown)}`);
    return EXIT.failed;
  } finally {
    db?.close();
  }
}

function runOffline(
  command: { run: (io: CliIo, args: string[]) => void; help: string },
  io: CliIo,
  args: string[],
): number {
  if (args.includes('--help') || args.includes('-h')) {
    io.out(command.help);
    return EXIT.ok;
  }
  try {
    command.run(io, args);
    return EXIT.ok;
  } catch (err) {
    if (err instanceof ConfigProblems) return EXIT.refused;
    if (err instanceof UsageError) {
      io.err(`ipsafezone: ${err.message}\n\n${err.help ?? command.help}`);
      return EXIT.usage;
    }
    throw err;
  }
}
