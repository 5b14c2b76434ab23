/**
 * `ipsafezone secsign …`: the PIN account SecSign ID's REST v2 needs (docs/secsign-rest.md) and
 * the state of the ID server link. `account` stores it — the password from standard input only
 * (never from the command line, where `ps` and shell history see it), sealed with
 * IPSAFEZONE_SECRET_KEY, never printed. `status` shows each stored server with its account name,
 * asks its ServerInfo now (its version, or why it did not answer), and what the running server
 * last decided: the API in use, why, and its last successful call.
 */
import { parseArgs } from 'node:util';
import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import { CLI_ACTOR } from '../domain/actor.js';
import { storePinAccount } from '../domain/secsign-account.js';
import { secretBoxFor } from '../directories/open-directory.js';
import { createRestClient, formatVersion, type RestServer } from '../secsign/rest-client.js';
import { checkAssignedSecSignId, type SecSignIdCheck } from '../factors/secsign/id-check.js';
import { listPinAccounts, readApiStatus } from '../store/secsign-accounts.js';
import { readPassword, UsageError, type CliIo } from './io.js';

export const SECSIGN_HELP = `Usage: ipsafezone secsign <command>

  secsign account --server URL --account NAME --password-stdin
                  store the PIN account for one ID server (REST API v2): the account the ID
                  server's administrator created for ipsafezone; the password is read from
                  standard input and stored sealed with IPSAFEZONE_SECRET_KEY
  secsign status [--timeout-ms 5000]
                  each ID server with a PIN account, its version (asked now), and what the
                  running server decided: the API in use (SECSIGN_API), why, the last
                  successful call

Environment:
  IPSAFEZONE_SECRET_KEY  key that seals the PIN account's password (32+ characters)`;

const when = (ms: number | null) => (ms === null ? 'never' : new Date(ms).toISOString());

async function account(db: Database, clock: Clock, io: CliIo, args: string[]): Promise<void> {
  const { values: v } = parseArgs({
    args,
    options: {
      server: { type: 'string' },
      account: { type: 'string' },
      'password-stdin': { type: 'boolean' },
    },
  });
  if (!v.server) throw new UsageError('secsign account needs --server URL', SECSIGN_HELP);
  if (!v.account) throw new UsageError('secsign account needs --account NAME', SECSIGN_HELP);
  if (!v['password-stdin']) {
    throw new UsageError('secsign account needs --password-stdin (the password on standard input)');
  }
  const password = await readPassword(io);
  if (password === '') throw new UsageError('the password on standard input is empty');
  const box = secretBoxFor({ secretKey: io.env['IPSAFEZONE_SECRET_KEY']?.trim() ?? '' });
  const stored = await storePinAccount(db, clock, box, CLI_ACTOR, {
    server: v.server,
    account: v.account,
    password,
  });
  io.out(`Stored the PIN account "${stored.account}" for ${stored.server} (password sealed).`);
  io.out('Restart ipsafezone to use it; "ipsafezone secsign status" asks the ID server now.');
}

async function status(db: Database, io: CliIo, args: string[]): Promise<void> {
  const { values: v } = parseArgs({ args, options: { 'timeout-ms': { type: 'string' } } });
  const timeout = v['timeout-ms'] ?? '5000';
  if (!/^\d+$/.test(timeout)) throw new UsageError(`--timeout-ms expects milliseconds`);
  const box = secretBoxFor({ secretKey: io.env['IPSAFEZONE_SECRET_KEY']?.trim() ?? '' });
  const accounts = await listPinAccounts(db);
  io.out('PIN accounts (REST API v2):');
  if (accounts.length === 0) io.out('  none stored: the form protocol only');
  for (const a of accounts) {
    let answer: string;
    try {
      const password = box.open(a.passwordSealed);
      const client = createRestClient({
        servers: [{ url: a.server, account: a.account, password }],
        timeoutMs: Number(timeout),
      });
      answer = `REST answers, version ${formatVersion(await client.serverInfo())}`;
    } catch (err) {
      answer = `REST does not answer: ${err instanceof Error ? err.message : String(err)}`;
    }
    io.out(`  ${a.server}  account "${a.account}" (stored ${when(a.updatedAt)})`);
    io.out(`    ${answer}`);
  }
  const s = await readApiStatus(db);
  io.out('\nThe running server (as it last wrote down):');
  if (!s) {
    io.out('  nothing written down yet: ipsafezone has not started since the upgrade');
    return;
  }
  io.out(`  SECSIGN_API      ${s.mode}`);
  io.out(`  API in use       ${s.api === 'rest' ? 'REST v2' : 'form protocol (httpapi)'}`);
  io.out(`  why              ${s.reason}`);
  io.out(`  server version   ${s.version ?? 'unknown (ServerInfo not answered)'}`);
  io.out(`  decided at       ${when(s.decidedAt)}`);
  io.out(`  last successful  ${when(s.lastSuccessAt)} (written down at most once a minute)`);
}

export async function secsignCommand(
  db: Database,
  clock: Clock,
  io: CliIo,
  args: string[],
): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === 'account') return account(db, clock, io, rest);
  if (sub === 'status') return status(db, io, rest);
  throw new UsageError(
    sub ? `unknown command "secsign ${sub}"` : 'name a secsign command',
    SECSIGN_HELP,
  );
}

/**
 * "Does this SecSign ID exist?" for `user add --secsign-id` and `user set-secsign-id`, as the
 * admin API asks it (server/factors/secsign/id-check.ts): over REST with the stored PIN accounts
 * unless SECSIGN_API=form. Throws 422 `secsign_id_unknown` for an ID the ID server does not know;
 * otherwise says whether it was checked.
 */
export async function cliSecSignIdCheck(
  db: Database,
  env: CliIo['env'],
  secSignId: string | null | undefined,
): Promise<SecSignIdCheck | undefined> {
  const mode = env['SECSIGN_API']?.trim().toLowerCase() || 'auto';
  const box = secretBoxFor({ secretKey: env['IPSAFEZONE_SECRET_KEY']?.trim() ?? '' });
  const servers: RestServer[] = [];
  if (mode !== 'form' && secSignId) {
    for (const a of await listPinAccounts(db)) {
      try {
        servers.push({ url: a.server, account: a.account, password: box.open(a.passwordSealed) });
      } catch {
        // Not openable with this key: this server cannot be asked.
      }
    }
  }
  const rest = servers.length > 0 ? createRestClient({ servers, timeoutMs: 5_000 }) : null;
  return checkAssignedSecSignId(
    { secSignIdExists: (id) => (rest ? rest.secSignIdExists(id) : Promise.resolve(null)) },
    secSignId,
  );
}
