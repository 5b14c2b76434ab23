/**
 * `ipsafezone oidc …`: the relying parties (clients) of the OpenID Connect provider and its signing
 * keys. A generated client secret is printed once and never stored in clear; a given one is read
 * from standard input, never from the command line (it would end up in the shell history).
 */
import { parseArgs } from 'node:util';
import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import { createSecretBox } from '../platform/crypto/secret-box.js';
import { CLI_ACTOR } from '../domain/actor.js';
import { auditOidcChange } from '../oidc/change-audit.js';
import {
  addOidcClient,
  listOidcClients,
  removeOidcClient,
  rotateOidcClientSecret,
} from '../oidc/clients.js';
import { listKeys, resetKeys, rotateKeys } from '../oidc/keys.js';
import { readPassword, table, UsageError, type CliIo } from './io.js';

export const OIDC_HELP = `Usage: ipsafezone oidc <command>

  oidc client add --id ID --name "Jira" --redirect-uri URL [--redirect-uri …]
                  [--post-logout-redirect-uri URL …] [--public | --secret-stdin]
                      register a relying party; redirect URIs are matched exactly. Without
                      --secret-stdin a secret is generated and printed once. --public: no secret,
                      PKCE required (apps that cannot keep a secret).
  oidc client list [--json]       list the clients (never their secrets)
  oidc client remove ID           remove a client and everything issued to it
  oidc client rotate-secret ID [--secret-stdin]
                      replace the secret (printed once); the old one stops working at once
  oidc keys list                  the signing keys (active and retired)
  oidc keys rotate                new signing keys; the old ones stay published until their tokens
                                  expire (IPSAFEZONE_OIDC_RETIRED_KEY_MINUTES of the server, default
                                  2 hours). Needs IPSAFEZONE_SECRET_KEY.
  oidc keys reset                 delete every key (after IPSAFEZONE_SECRET_KEY was lost); new ones
                                  are made at the next start`;

const date = (ms: number) => new Date(ms).toISOString();

/** Runs one `oidc` sub-command. */
export async function oidcCommand(
  db: Database,
  clock: Clock,
  io: CliIo,
  args: string[],
): Promise<void> {
  const [group, sub, ...rest] = args;
  if (group === 'client') return clientCommand(db, clock, io, sub, rest);
  if (group === 'keys') return keysCommand(db, clock, io, sub);
  throw new UsageError(`unknown oidc command "${group ?? ''}"`, OIDC_HELP);
}

async function secretFromStdin(io: CliIo): Promise<string> {
  const secret = await readPassword(io);
  if (!secret) throw new UsageError('--secret-stdin: standard input was empty', OIDC_HELP);
  return secret;
}

async function clientCommand(
  db: Database,
  clock: Clock,
  io: CliIo,
  sub: string | undefined,
  rest: string[],
): Promise<void> {
  switch (sub) {
    case 'add': {
      const { values } = parseArgs({
        args: rest,
        options: {
          id: { type: 'string' },
          name: { type: 'string' },
          'redirect-uri': { type: 'string', multiple: true },
          'post-logout-redirect-uri': { type: 'string', multiple: true },
          public: { type: 'boolean' },
          'secret-stdin': { type: 'boolean' },
        },
      });
      if (!values.id) throw new UsageError('oidc client add needs --id ID', OIDC_HELP);
      if (!values['redirect-uri']?.length)
        throw new UsageError('oidc client add needs at least one --redirect-uri', OIDC_HELP);
      if (values.public && values['secret-stdin'])
        throw new UsageError(
          'a --public client has no secret: leave out --secret-stdin',
          OIDC_HELP,
        );
      const { client, secret } = await addOidcClient(db, clock, {
        clientId: values.id,
        name: values.name ?? values.id,
        redirectUris: values['redirect-uri'],
        postLogoutRedirectUris: values['post-logout-redirect-uri'] ?? [],
        public: values.public ?? false,
        secret: values['secret-stdin'] ? await secretFromStdin(io) : undefined,
      });
      await auditOidcChange(db, clock, CLI_ACTOR, 'oidc.client.add', client.clientId, {
        after: {
          name: client.name,
          redirectUris: client.redirectUris,
          public: !client.confidential,
        },
      });
      io.out(`Client "${client.clientId}" (${client.name}) added.`);
      if (secret) {
        io.out(`Client secret (shown once; store it in the relying party now):`);
        io.out(secret);
      }
      return;
    }
    case 'list': {
      const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean' } } });
      const all = await listOidcClients(db);
      if (values.json) {
        io.out(JSON.stringify(all));
        return;
      }
      if (all.length === 0) {
        io.out('No OpenID Connect clients.');
        return;
      }
      for (const line of table(
        ['ID', 'NAME', 'TYPE', 'REDIRECT URIS'],
        all.map((c) => [
          c.clientId,
          c.name,
          c.confidential ? 'confidential' : 'public',
          c.redirectUris.join(' '),
        ]),
      ))
        io.out(line);
      return;
    }
    case 'remove': {
      const id = rest[0];
      if (!id) throw new UsageError('oidc client remove needs the client id', OIDC_HELP);
      await removeOidcClient(db, id);
      await auditOidcChange(db, clock, CLI_ACTOR, 'oidc.client.remove', id);
      io.out(`Client "${id}" removed.`);
      return;
    }
    case 'rotate-secret': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { 'secret-stdin': { type: 'boolean' } },
      });
      const id = positionals[0];
      if (!id) throw new UsageError('oidc client rotate-secret needs the client id', OIDC_HELP);
      const given = values['secret-stdin'] ? await secretFromStdin(io) : undefined;
      const secret = await rotateOidcClientSecret(db, clock, id, given);
      await auditOidcChange(db, clock, CLI_ACTOR, 'oidc.client.rotate_secret', id);
      io.out(`The secret of "${id}" was replaced; the old one no longer works.`);
      if (!given) {
        io.out('New client secret (shown once):');
        io.out(secret);
      }
      return;
    }
    default:
      throw new UsageError(`unknown oidc client command "${sub ?? ''}"`, OIDC_HELP);
  }
}

async function keysCommand(
  db: Database,
  clock: Clock,
  io: CliIo,
  sub: string | undefined,
): Promise<void> {
  switch (sub) {
    case 'list': {
      const keys = await listKeys(db);
      if (keys.length === 0) {
        io.out(
          'No signing keys yet (they are made when the server starts with IPSAFEZONE_SECRET_KEY).',
        );
        return;
      }
      for (const line of table(
        ['KID', 'ALG', 'CREATED', 'RETIRED'],
        keys.map((k) => [k.kid, k.alg, date(k.createdAt), k.retiredAt ? date(k.retiredAt) : '']),
      ))
        io.out(line);
      return;
    }
    case 'rotate': {
      await rotateKeys(db, clock, createSecretBox(io.env['IPSAFEZONE_SECRET_KEY']?.trim() ?? ''));
      await auditOidcChange(db, clock, CLI_ACTOR, 'oidc.keys.rotate', 'signing keys');
      io.out(
        'New signing keys made; the old ones stay published for IPSAFEZONE_OIDC_RETIRED_KEY_MINUTES (default 2 hours). Running servers switch within 30 seconds.',
      );
      return;
    }
    case 'reset': {
      const n = await resetKeys(db);
      await auditOidcChange(db, clock, CLI_ACTOR, 'oidc.keys.reset', 'signing keys', {
        deleted: n,
      });
      io.out(`${n} signing keys deleted; new ones are made when the server next starts.`);
      return;
    }
    default:
      throw new UsageError(`unknown oidc keys command "${sub ?? ''}"`, OIDC_HELP);
  }
}
