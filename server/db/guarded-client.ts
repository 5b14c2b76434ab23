/**
 * A libSQL client that never freezes the server and never writes into a replaced file.
 *
 * The local driver runs each statement synchronously on the event loop, and SQLite's busy timeout
 * sleeps inside that call: with a 5 s busy timeout, one writer waiting for another process's lock
 * froze every request for 5 s (measured: a write under a held `BEGIN EXCLUSIVE` blocked the event
 * loop for the whole timeout). So the driver's busy timeout is 0 — a locked database answers
 * SQLITE_BUSY at once — and this wrapper retries with *asynchronous* pauses until `waitMs` has
 * passed; other requests (the read-only doors above all) keep being served meanwhile. Then the
 * last SQLITE_BUSY is thrown, which the HTTP layer answers with 503 and `Retry-After`.
 *
 * Retrying is safe: a statement in autocommit mode, a batch (BEGIN … COMMIT) and a migration
 * script (BEGIN IMMEDIATE …) that met SQLITE_BUSY changed nothing. After a fault the local pool's
 * connections are re-opened (see below). Interactive transactions are
 * passed through unwrapped (nothing in the server uses them).
 *
 * For a local file it also checks, at most every `identityCheckMs`, that the file is still the one
 * opened (see file-identity.ts); once it is not, every statement fails with DATABASE_REPLACED.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { LibsqlError } from '@libsql/client';
import type { Client } from '@libsql/client';
import type { Database } from './database.js';
import type { FileIdentity, FileProblem } from './file-identity.js';
import { databaseErrorCode, isBusy, isDatabaseUnavailable } from './faults.js';

export interface GuardOptions {
  /** How long a statement waits, in all, for another writer's lock. */
  waitMs: number;
  /** The local file's identity, when the database is a local file. */
  identity?: FileIdentity;
  identityCheckMs?: number;
  /** Told about every database fault (for metrics and logs). */
  onFault?: (code: string, err: unknown) => void;
  /** Told once when the file is found deleted, replaced or truncated. */
  onFileProblem?: (problem: FileProblem) => void;
  /**
   * Per-connection settings (`PRAGMA synchronous`), run on the inner client before the first
   * statement after the guard re-opened its connection (open.ts gives local files one connection).
   */
  connectionSetup?: (inner: Client) => Promise<void>;
}

/** What the guard knows about the database's health (for /readyz). */
export interface DatabaseGuard {
  /** The problem with the file, checked now (null when fine or not a local file). */
  fileProblem(): FileProblem | null;
}

const GUARD = Symbol('ipsafezone.databaseGuard');

/** The guard of a client made by `guardClient`, or null for a bare client. */
export function guardOf(db: Database): DatabaseGuard | null {
  return (db as unknown as { [GUARD]?: DatabaseGuard })[GUARD] ?? null;
}

export function guardClient(inner: Client, options: GuardOptions): Client {
  const checkEvery = options.identityCheckMs ?? 200;
  // Only a file's connections may be re-opened: re-opening :memory: would start an empty database.
  const local = options.identity !== undefined;
  let problem: FileProblem | null = null;
  let checkedAt = -Infinity;
  /** The connection was re-opened: its settings are applied before the next statement. */
  let setupDue = false;

  const checkFile = (force: boolean): FileProblem | null => {
    if (!options.identity || problem) return problem;
    const now = performance.now();
    if (!force && now - checkedAt < checkEvery) return null;
    checkedAt = now;
    problem = options.identity.problem();
    if (problem) options.onFileProblem?.(problem);
    return problem;
  };

  async function run<T>(op: () => Promise<T>): Promise<T> {
    const deadline = performance.now() + options.waitMs;
    let pause = 5;
    for (;;) {
      const p = checkFile(false);
      if (p) {
        const err = new LibsqlError(
          `The database file ${options.identity!.path} was ${p} while the server was running; ` +
            'restart the server after restoring it.',
          'DATABASE_REPLACED',
        );
        options.onFault?.('DATABASE_REPLACED', err);
        throw err;
      }
      try {
        if (setupDue && options.connectionSetup) {
          setupDue = false;
          try {
            await options.connectionSetup(inner);
          } catch (err) {
            setupDue = true;
            throw err;
          }
        }
        return await op();
      } catch (err) {
        const code = databaseErrorCode(err);
        // The local driver leaves a statement that failed (e.g. SQLITE_BUSY on an INSERT …
        // RETURNING) un-reset in its statement cache: the next run of the same SQL then keeps the
        // write lock (measured). Re-opening the pool's connections finalizes them.
        if (local && code !== 'CLIENT_CLOSED' && isDatabaseUnavailable(err)) {
          void inner.reconnect();
          setupDue = true;
        }
        // A statement whose connection that re-open closed under it did nothing: retry it too.
        const retry = isBusy(err) || (code === 'CLIENT_CLOSED' && !inner.closed);
        if (retry && performance.now() + pause < deadline) {
          await sleep(pause);
          pause = Math.min(pause * 2, 100);
          continue;
        }
        if (isDatabaseUnavailable(err)) options.onFault?.(code ?? 'unknown', err);
        throw err;
      }
    }
  }

  const guard: DatabaseGuard = { fileProblem: () => checkFile(true) };
  const wrapped = {
    execute: ((...args: Parameters<Client['execute']>) =>
      run(() =>
        (inner.execute as (...a: unknown[]) => ReturnType<Client['execute']>)(...args),
      )) as Client['execute'],
    batch: ((...args: Parameters<Client['batch']>) =>
      run(() => inner.batch(...args))) as Client['batch'],
    executeMultiple: (sql: string) => run(() => inner.executeMultiple(sql)),
    migrate: ((...args: Parameters<Client['migrate']>) =>
      run(() => inner.migrate(...args))) as Client['migrate'],
    transaction: ((...args: Parameters<Client['transaction']>) =>
      inner.transaction(...args)) as Client['transaction'],
    sync: () => inner.sync(),
    close: () => inner.close(),
    reconnect: () => inner.reconnect(),
    get closed() {
      return inner.closed;
    },
    get protocol() {
      return inner.protocol;
    },
    [GUARD]: guard,
  };
  return wrapped as unknown as Client;
}
