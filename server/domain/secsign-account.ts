/**
 * The SecSign ID PIN account (docs/secsign-rest.md): REST v2 authenticates every call with an
 * account the ID server's administrator creates by hand. Here it is stored — per ID server URL,
 * the password sealed with IPSAFEZONE_SECRET_KEY and never shown again, the change audited — and
 * turned back into the REST client's server list at start-up. Also the throttled note of what the
 * running server decided about the API, which `ipsafezone secsign status` reads from another
 * process.
 */
import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import { NoSecretKeyError, type SecretBox } from '../platform/crypto/secret-box.js';
import { bestEffort } from '../db/best-effort.js';
import { AppError } from '../platform/errors.js';
import type { SecSignApiStatus } from '../secsign/api-choice.js';
import type { RestServer } from '../secsign/rest-client.js';
import { auditStatement } from '../store/audit.js';
import {
  listPinAccounts,
  putPinAccountStatement,
  writeApiStatus,
  type StoredPinAccount,
} from '../store/secsign-accounts.js';
import { auditActor, requireAdmin, type DomainActor } from './actor.js';
import { applyChange } from './apply-change.js';

/** An ID server URL as stored and compared: http(s), no trailing slash, no query or fragment. */
export function idServerKey(url: string): string {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    throw new AppError(422, 'invalid_server', `"${url}" is not a URL.`);
  }
  if ((u.protocol !== 'https:' && u.protocol !== 'http:') || u.search || u.hash || u.username) {
    throw new AppError(
      422,
      'invalid_server',
      `"${url}" is not an http(s) URL of an ID server (no query, fragment or user in it).`,
    );
  }
  return u.href.replace(/\/+$/, '');
}

/** Stores (or replaces) the PIN account for one ID server; the password only sealed. */
export async function storePinAccount(
  db: Database,
  clock: Clock,
  box: SecretBox,
  actor: DomainActor,
  input: { server: string; account: string; password: string },
): Promise<{ server: string; account: string }> {
  requireAdmin(actor);
  const server = idServerKey(input.server);
  const account = input.account.trim();
  // HTTP Basic cannot carry a colon in the user name, nor control characters in either half.
  if (!/^[^:\p{Cc}]{1,255}$/u.test(account)) {
    throw new AppError(
      422,
      'invalid_account',
      'The PIN account name must have 1 to 255 characters and no colon.',
    );
  }
  if (input.password === '' || /\p{Cc}/u.test(input.password)) {
    throw new AppError(
      422,
      'invalid_password',
      'The PIN account password must not be empty or contain control characters.',
    );
  }
  let passwordSealed: string;
  try {
    passwordSealed = box.seal(input.password);
  } catch (err) {
    if (err instanceof NoSecretKeyError) throw new AppError(409, 'no_secret_key', err.message);
    throw err;
  }
  const at = clock.now();
  await applyChange(db, [
    putPinAccountStatement({
      server,
      account,
      passwordSealed,
      updatedAt: at,
      updatedBy: actor.username,
    }),
    auditStatement(at, {
      ...auditActor(actor),
      action: 'secsign.account',
      outcome: 'changed',
      details: { server, account },
    }),
  ]);
  return { server, account };
}

/**
 * The configured ID servers that have a PIN account, with the passwords opened, for the REST
 * client; `problem` says why there are none (no account, or none that the key opens).
 */
export async function restServersFor(
  db: Database,
  box: SecretBox,
  configured: readonly string[],
): Promise<{ servers: RestServer[]; problem: string | null; unused: StoredPinAccount[] }> {
  const stored = await listPinAccounts(db);
  const byServer = new Map(stored.map((a) => [a.server, a]));
  const servers: RestServer[] = [];
  const problems: string[] = [];
  const keys = new Set<string>();
  for (const url of configured) {
    const key = idServerKey(url);
    keys.add(key);
    const a = byServer.get(key);
    if (!a) continue;
    try {
      servers.push({ url: key, account: a.account, password: box.open(a.passwordSealed) });
    } catch {
      problems.push(`the PIN account for ${key} cannot be opened with IPSAFEZONE_SECRET_KEY`);
    }
  }
  const unused = stored.filter((a) => !keys.has(a.server));
  const problem =
    servers.length > 0
      ? null
      : problems.length > 0
        ? problems.join('; ')
        : 'no PIN account is stored for the configured ID servers (ipsafezone secsign account)';
  return { servers, problem, unused };
}

/** How often at most the last successful call is written down. */
export const STATUS_WRITE_INTERVAL_MS = 60_000;

/**
 * A status listener for the API choice that writes a new decision at once and a later success at
 * most once per {@link STATUS_WRITE_INTERVAL_MS}; a database that cannot take the write is skipped.
 * The returned promise (which never rejects) is for tests; the choice does not wait for it.
 */
export function apiStatusRecorder(
  db: Database,
  clock: Clock,
): (s: SecSignApiStatus) => Promise<void> {
  let written: SecSignApiStatus | null = null;
  let writtenAt = -Infinity;
  return (s) => {
    const decided = !written || written.decidedAt !== s.decidedAt;
    if (!decided && clock.now() - writtenAt < STATUS_WRITE_INTERVAL_MS) return Promise.resolve();
    written = s;
    writtenAt = clock.now();
    // Nobody waits for this note (the API choice calls it and goes on); it never throws.
    return bestEffort('SecSign ID status note', () => writeApiStatus(db, s)).catch(() => undefined);
  };
}
